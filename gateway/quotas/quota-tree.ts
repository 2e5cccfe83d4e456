/**
 * Where in a response the data served under a grant with a subject quota sits, as a tree keyed
 * like the response (response key → entry → children), built once per sharing-policy plan from
 * the operation the policy left (withheld fields are gone from it, so every field here is
 * served). An entry is quota-bound when every grant its value relies on has a quota: a field a
 * grant without quota also serves is never withheld for the quota of another.
 *
 * Fields are keyed by response key alone, not by the runtime type of the enclosing object: two
 * selections under one alias on different types of a union count as one, the bound one winning.
 * That can only withhold more, never less.
 */
import { DocumentNode, GraphQLSchema } from 'graphql';
import type { MaskKind } from '../../domain/catalogue/classification';
import { decideField, PolicyCaller } from '../policy/field-decision';
import type { FieldRule } from '../../contracts/field-rules';
import { collectFieldUsages, FieldUsage } from '../policy/field-usage';
import type { GrantSnapshot } from '../policy/grant';

export interface QuotaEntry {
  readonly key: string;
  /** The coordinate as selected, for the QUOTA_EXCEEDED error and the audit record. */
  coordinate: string;
  /** Grants (all with a quota) the served value relies on; empty: not quota-bound. */
  readonly grantIds: Set<string>;
  /**
   * Set when the field is unconditional and served in clear only because of a grant: past the
   * quota it falls back to this mask instead of null (it stays the unconditional field it is).
   */
  mask: MaskKind | null;
  children: QuotaNode | null;
}

export interface QuotaNode {
  readonly entries: Map<string, QuotaEntry>;
}

export interface QuotaTree {
  readonly root: QuotaNode;
  /** Grant id → its daily subject quota, for the grants the tree names. */
  readonly quotas: ReadonlyMap<string, number>;
}

export interface QuotaTreeInput {
  readonly schema: GraphQLSchema;
  readonly rules: ReadonlyMap<string, FieldRule>;
  /** The operation as the sharing policy rewrote it (plan.document). */
  readonly document: DocumentNode;
  readonly operationName: string | null;
  readonly caller: PolicyCaller;
  readonly grants: GrantSnapshot;
  readonly now: number;
  /**
   * Whether daily subject quotas count (GATEWAY_SUBJECT_QUOTAS). Item grants are bound to their
   * case's applicants whatever this says. @default true
   */
  readonly enforceQuotas?: boolean;
}

/**
 * The "quota" of an item grant (事项授权): not a count but a list, the case's applicants. A
 * subject outside it is refused whatever the day's count (withheld as SUBJECT_NOT_ON_CASE).
 */
export const CASE_BOUND = Number.POSITIVE_INFINITY;

export function isCaseBound(quota: number | undefined): boolean {
  return quota === CASE_BOUND;
}

interface Binding {
  readonly grantIds: readonly string[];
  readonly mask: MaskKind | null;
}

/** What one field usage relies on, or null when it is not bound by any quota. */
function bindingOf(
  u: FieldUsage,
  input: QuotaTreeInput,
  quotas: ReadonlyMap<string, number | null>,
): Binding | null {
  const grantIds = new Set<string>();
  let mask: MaskKind | null = null;
  for (const coordinate of u.coordinates) {
    const rule = input.rules.get(coordinate);
    if (!rule) continue;
    const d = decideField(rule, input.caller, input.grants, input.now);
    if (d.outcome === 'DENY' || d.basis !== 'GRANT') continue;
    for (const id of d.grantIds) {
      // A grant without a quota serves it regardless: no quota can withhold it.
      if (quotas.get(id) === null || quotas.get(id) === undefined) return null;
      grantIds.add(id);
    }
    if (rule.level === 'UNCONDITIONAL' && rule.mask) mask = rule.mask;
  }
  return grantIds.size === 0 ? null : { grantIds: [...grantIds], mask };
}

function entryIn(node: QuotaNode, key: string, coordinate: string): QuotaEntry {
  let entry = node.entries.get(key);
  if (!entry)
    node.entries.set(
      key,
      (entry = { key, coordinate, grantIds: new Set(), mask: null, children: null }),
    );
  return entry;
}

/** Null when nothing in the operation is bound by a quota (the common case: no walk needed). */
export function buildQuotaTree(input: QuotaTreeInput): QuotaTree | null {
  if (input.grants.status !== 'LOADED') return null;
  const quotas = new Map<string, number | null>();
  const counting = input.enforceQuotas ?? true;
  for (const g of input.grants.grants) {
    if (g.item) quotas.set(g.id, CASE_BOUND);
    else quotas.set(g.id, counting && typeof g.subjectQuota === 'number' ? g.subjectQuota : null);
  }
  if (![...quotas.values()].some((q) => q !== null)) return null;

  const { usages } = collectFieldUsages(input.schema, input.document, input.operationName);
  const root: QuotaNode = { entries: new Map() };
  // Usages come parents first: a usage's place is its parent's place plus its response key.
  const places = new Map<FieldUsage, QuotaEntry>();
  const used = new Map<string, number>();
  for (const u of usages) {
    const parentEntry = u.parent ? places.get(u.parent) : undefined;
    if (u.parent && !parentEntry) continue;
    const node = parentEntry ? (parentEntry.children ??= { entries: new Map() }) : root;
    const entry = entryIn(node, u.responseKey, u.coordinate);
    places.set(u, entry);
    const binding = bindingOf(u, input, quotas);
    if (!binding) continue;
    // Masked back only if every bound selection at this place may be: otherwise withheld.
    if (entry.grantIds.size === 0) {
      entry.coordinate = u.coordinate;
      entry.mask = binding.mask;
    } else if (!binding.mask) entry.mask = null;
    for (const id of binding.grantIds) {
      entry.grantIds.add(id);
      used.set(id, quotas.get(id)!);
    }
  }
  if (used.size === 0) return null;
  return { root, quotas: used };
}
