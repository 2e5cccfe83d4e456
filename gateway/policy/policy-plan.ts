/**
 * One operation decided for one caller: what is withheld and why, what is masked, the document
 * to plan and execute instead, and how to patch its response. Built on a cache miss; everything
 * in it is a pure function of the document, the caller's department, application and purpose,
 * and the grants (within `validUntil`).
 */
import { createHash } from 'node:crypto';
import {
  DocumentNode,
  FieldNode,
  GraphQLError,
  GraphQLSchema,
  print,
  SelectionSetNode,
} from 'graphql';
import type { MaskKind } from '../../domain/catalogue/classification';
import { ErrorCode } from '../../domain/error-codes';
import { Denial, denialError } from './denial-error';
import {
  CombinedDecision,
  decideField,
  FieldDecision,
  PolicyCaller,
  strictest,
} from './field-decision';
import type { FieldRule } from '../../contracts/field-rules';
import { collectFieldUsages, FieldPlace, FieldUsage } from './field-usage';
import { GrantSnapshot, nextGrantChange } from './grant';
import { rewriteOperation } from './operation-rewrite';
import { addDenial, addMask, emptyPatchNode, PatchNode } from './patch-tree';

/**
 * - `filter` (default): withheld fields are removed before planning and come back as `null`
 *   with a FORBIDDEN_FIELD error each; masked fields are masked.
 * - `reject`: an operation asking for any withheld field is refused whole (HTTP 403, one error
 *   per withheld field); otherwise as `filter`.
 * - `dry-run`: nothing is withheld or masked; what would be is reported in the response's
 *   `extensions.sharingPolicy` and in the plan (for the log and the audit record). For rolling
 *   the policy out without breaking consumers: it serves conditional and personal data as if
 *   granted, so it must only ever be switched on explicitly and loudly.
 */
export type PolicyMode = 'filter' | 'reject' | 'dry-run';

export interface MaskedField {
  readonly coordinate: string;
  readonly decidedBy: string;
  readonly mask: MaskKind;
  readonly path: readonly string[];
}

/** Coordinates for the audit record (sorted, unique). In dry-run, `served` is everything requested. */
export interface PlanCoordinates {
  /** Every coordinate the operation can reach, interface implementations included. */
  readonly requested: readonly string[];
  readonly served: readonly string[];
  /** Served masked (in dry-run: would have been). */
  readonly masked: readonly string[];
  /** Withheld, as selected and as decided (in dry-run: would have been). */
  readonly denied: readonly string[];
}

export interface Rejection {
  readonly status: 403;
  readonly code: typeof ErrorCode.FORBIDDEN_FIELD;
  readonly message: string;
  /** Every coordinate whose rule withholds a requested field. */
  readonly coordinates: readonly string[];
  readonly errors: readonly GraphQLError[];
}

export interface PolicyPlan {
  readonly mode: PolicyMode;
  readonly operationName: string | null;
  /** What to plan and execute: the original document object when the policy changed nothing. */
  readonly document: DocumentNode;
  readonly changed: boolean;
  readonly rewrittenQuery: string;
  /** SHA-256 of `rewrittenQuery`: the query-plan cache key (equal documents share plans across callers). */
  readonly documentKey: string;
  readonly denied: readonly Denial[];
  readonly masked: readonly MaskedField[];
  readonly coordinates: PlanCoordinates;
  /** Grants the served fields rely on: the audit record's evidence of approval. */
  readonly grantIds: readonly string[];
  /** Set in `reject` mode when anything is withheld: refuse the request with it, do not execute. */
  readonly rejection: Rejection | null;
  /** Epoch ms at which a grant starts or stops applying, making this plan stale; null: never. */
  readonly validUntil: number | null;
  readonly variableDefaults: Readonly<Record<string, boolean>>;
  /** For `apply`; not part of the public contract. */
  readonly patch: PatchNode;
}

export interface PlanContext {
  readonly schema: GraphQLSchema;
  readonly rules: ReadonlyMap<string, FieldRule>;
  readonly mode: PolicyMode;
}

export interface PlanRequest {
  readonly document: DocumentNode;
  readonly operationName: string | null;
  readonly caller: PolicyCaller;
  readonly grants: GrantSnapshot;
  readonly now: number;
}

const sorted = (s: Iterable<string>): string[] => [...new Set(s)].sort();

interface Decided {
  /** Decision per coordinate, for the caller. */
  readonly byCoordinate: ReadonlyMap<string, FieldDecision>;
  readonly decisionOf: (u: FieldUsage) => CombinedDecision;
  /** Whether an enclosing field is withheld (so this one never reaches the response). */
  readonly enclosed: (u: FieldUsage) => boolean;
}

function decideUsages(ctx: PlanContext, req: PlanRequest, usages: readonly FieldUsage[]): Decided {
  const byCoordinate = new Map<string, FieldDecision>();
  const decide = (coordinate: string): FieldDecision => {
    let d = byCoordinate.get(coordinate);
    if (!d)
      byCoordinate.set(
        coordinate,
        (d = decideField(ctx.rules.get(coordinate), req.caller, req.grants, req.now)),
      );
    return d;
  };
  const decideUsage = (u: FieldUsage): CombinedDecision =>
    strictest(
      u.coordinates
        // An interface field without @sharing of its own leaves the decision to its implementations.
        .filter((c, i) => !(i === 0 && u.coordinates.length > 1 && !ctx.rules.has(c)))
        .map((coordinate) => ({ coordinate, decision: decide(coordinate) })),
    );
  // A field node is kept or removed as a whole, wherever its fragment is spread: the strictest of its usages.
  const perNode = new Map<FieldNode, { coordinate: string; decision: FieldDecision }[]>();
  for (const u of usages) {
    const d = decideUsage(u);
    const list = perNode.get(u.node);
    if (list) list.push({ coordinate: d.decidedBy, decision: d });
    else perNode.set(u.node, [{ coordinate: d.decidedBy, decision: d }]);
  }
  const nodeDecision = new Map<FieldNode, CombinedDecision>();
  for (const [node, ds] of perNode) nodeDecision.set(node, strictest(ds));
  const decisionOf = (u: FieldUsage): CombinedDecision => nodeDecision.get(u.node)!;
  // A field is in the response if any usage of its enclosing place is: a fragment below two
  // field nodes of one place is walked below the first only (field-usage.ts).
  const withheldPlaces = new Map<FieldPlace, boolean>();
  const placeWithheld = (place: FieldPlace): boolean => {
    let withheld = withheldPlaces.get(place);
    if (withheld === undefined) {
      withheld = place.usages.every((p) => decisionOf(p).outcome === 'DENY' || enclosed(p));
      withheldPlaces.set(place, withheld);
    }
    return withheld;
  };
  const enclosed = (u: FieldUsage): boolean => (u.parent ? placeWithheld(u.parent.place) : false);
  return { byCoordinate, decisionOf, enclosed };
}

function rejectionOf(mode: PolicyMode, denied: readonly Denial[]): Rejection | null {
  if (mode !== 'reject' || denied.length === 0) return null;
  const coordinates = sorted(denied.map((d) => d.decidedBy));
  return {
    status: 403,
    code: ErrorCode.FORBIDDEN_FIELD,
    message: `The operation asks for fields the sharing policy withholds from your department: ${coordinates.join(', ')}`,
    coordinates,
    errors: denied.map((d) => denialError(d, d.path)),
  };
}

export function buildPlan(ctx: PlanContext, req: PlanRequest): PolicyPlan {
  const { caller, grants, now } = req;
  const fields = collectFieldUsages(ctx.schema, req.document, req.operationName);
  const { byCoordinate, decisionOf, enclosed } = decideUsages(ctx, req, fields.usages);

  const denied: Denial[] = [];
  const masked: MaskedField[] = [];
  const seenMasks = new Set<string>();
  const patch = emptyPatchNode();
  const withheld = new Set<FieldNode>();
  const probed = new Set<SelectionSetNode>();
  const enforce = ctx.mode !== 'dry-run';
  const served = new Set<string>();
  const maskedCoordinates = new Set<string>();
  const grantIds = new Set<string>();

  // Each ancestor chain is followed once: the walk stops at a usage an earlier chain passed.
  const chained = new Set<FieldUsage>();
  const probeChain = (u: FieldUsage): void => {
    for (let p: FieldUsage | null = u; p && !chained.has(p); p = p.parent) {
      chained.add(p);
      if (!p.onTypes) continue;
      probed.add(p.enclosingSelectionSet);
      // Any field node of the enclosing place may be the one kept in the rewritten document.
      for (const peer of p.parent?.place.usages ?? [])
        if (peer.node.selectionSet) probed.add(peer.node.selectionSet);
    }
  };

  const denialIndex = new Map<string, number>();
  for (const u of fields.usages) {
    const d = decisionOf(u);
    const inside = enclosed(u);
    // A fragment spread twice into one place yields the same selection twice: report it once.
    const key = `${u.path.join('.')}|${u.coordinate}`;
    if (d.outcome === 'DENY') {
      if (!enforce) u.coordinates.forEach((c) => served.add(c));
      else withheld.add(u.node);
      let index = denialIndex.get(key);
      if (index === undefined) {
        index =
          denied.push({
            coordinate: u.coordinate,
            decidedBy: d.decidedBy,
            reason: d.reason,
            path: u.path,
            condition: ctx.rules.get(d.decidedBy)?.condition ?? null,
            enclosed: inside,
          }) - 1;
        denialIndex.set(key, index);
      }
      if (enforce && !inside) {
        addDenial(patch, u, index);
        probeChain(u);
      }
      continue;
    }
    if (inside && enforce) continue;
    u.coordinates.forEach((c) => served.add(c));
    d.grantIds.forEach((id) => grantIds.add(id));
    if (d.outcome !== 'MASK') continue;
    u.coordinates
      .filter((c) => byCoordinate.get(c)?.outcome === 'MASK')
      .forEach((c) => maskedCoordinates.add(c));
    if (!seenMasks.has(key))
      masked.push({ coordinate: u.coordinate, decidedBy: d.decidedBy, mask: d.mask, path: u.path });
    seenMasks.add(key);
    if (enforce) {
      addMask(patch, u, d.mask);
      probeChain(u);
    }
  }

  const document = rewriteOperation({
    document: req.document,
    operation: fields.operation,
    fragments: fields.fragments,
    withheld,
    probed,
  });
  const rewrittenQuery = print(document);
  const deniedCoordinates = sorted(denied.flatMap((d) => [d.coordinate, d.decidedBy]));
  return {
    mode: ctx.mode,
    operationName: fields.operation.name?.value ?? req.operationName,
    document,
    changed: document !== req.document,
    rewrittenQuery,
    documentKey: createHash('sha256').update(rewrittenQuery).digest('hex'),
    denied,
    masked,
    coordinates: {
      requested: sorted(fields.usages.flatMap((u) => u.coordinates)),
      served: sorted(served),
      masked: sorted(maskedCoordinates),
      denied: deniedCoordinates,
    },
    grantIds: sorted(grantIds),
    rejection: rejectionOf(ctx.mode, denied),
    validUntil:
      grants.status === 'LOADED'
        ? nextGrantChange(
            grants.grants.filter((g) => g.department === caller.department),
            now,
          )
        : null,
    variableDefaults: fields.variableDefaults,
    patch,
  };
}
