/**
 * Puts the quota's refusals into the response: `null` at each withheld place (a grant-made clear
 * value of an unconditional field is masked back instead), with one QUOTA_EXCEEDED error per
 * place. The data is copied along the withheld paths only (a trie of them, so shared prefixes
 * are walked once); the result handed in is not modified.
 */
import { ExecutionResult, GraphQLError } from 'graphql';
import { ErrorCode } from '../../domain/error-codes';
import { maskValue } from '../masking';
import { explainDenial } from '../policy/denial-error';
import type { Withholding } from './quota-decision';
import { isCaseBound } from './quota-tree';
import type { ResponsePath } from './subject-occurrences';

interface Trie {
  readonly children: Map<string | number, Trie>;
  leaf: Withholding | null;
}

function trieOf(withheld: readonly Withholding[]): Trie {
  const root: Trie = { children: new Map(), leaf: null };
  for (const w of withheld) {
    let node = root;
    for (const step of w.path) {
      let next = node.children.get(step);
      if (!next) node.children.set(step, (next = { children: new Map(), leaf: null }));
      node = next;
    }
    node.leaf = w;
  }
  return root;
}

/** `applied` gets the places actually changed: one inside a place already nulled is not reported. */
function apply(value: unknown, trie: Trie, applied: Withholding[]): unknown {
  if (value === null || typeof value !== 'object') return value;
  const copy = (
    Array.isArray(value) ? value.slice() : { ...(value as Record<string, unknown>) }
  ) as Record<string | number, unknown>;
  for (const [step, child] of trie.children) {
    if (!(step in copy)) continue;
    if (child.leaf) {
      const { entry } = child.leaf;
      copy[step] = entry.mask ? maskValue(entry.mask, copy[step]) : null;
      applied.push(child.leaf);
    } else copy[step] = apply(copy[step], child, applied);
  }
  return copy;
}

export function quotaExceededError(
  w: Withholding,
  quotas: ReadonlyMap<string, number>,
  day: string,
): GraphQLError {
  const grants = w.grantIds.map((id) => ({ grantId: id, quota: quotas.get(id) }));
  const [first] = grants;
  const maskedBack = w.entry.mask !== null;
  return new GraphQLError(
    `${w.entry.coordinate} ${maskedBack ? 'is masked' : 'is withheld'}: this application has received data under grant ${first.grantId} about its quota of ${first.quota} distinct subjects today (${day}, China time)`,
    {
      path: w.path as (string | number)[],
      extensions: {
        code: ErrorCode.QUOTA_EXCEEDED,
        coordinate: w.entry.coordinate,
        grantId: first.grantId,
        quota: first.quota,
        day,
        ...(grants.length > 1 ? { grants } : {}),
        ...(maskedBack ? { masked: w.entry.mask } : {}),
      },
    },
  );
}

export function withholdFields(
  result: ExecutionResult,
  withheld: readonly Withholding[],
  quotas: ReadonlyMap<string, number>,
  day: string,
): ExecutionResult {
  if (withheld.length === 0) return result;
  const applied: Withholding[] = [];
  const data = apply(result.data, trieOf(withheld), applied) as ExecutionResult['data'];
  const errors = [
    ...(result.errors ?? []),
    ...applied.map((w) =>
      w.grantIds.every((id) => isCaseBound(quotas.get(id)))
        ? notOnCaseError(w)
        : quotaExceededError(w, quotas, day),
    ),
  ];
  return { ...result, data, errors };
}

export type { ResponsePath };

/** The FORBIDDEN_FIELD a value served under item grants gets for a subject who is no applicant. */
function notOnCaseError(w: Withholding): GraphQLError {
  const maskedBack = w.entry.mask !== null;
  return new GraphQLError(explainDenial('SUBJECT_NOT_ON_CASE', w.entry.coordinate), {
    path: w.path as (string | number)[],
    extensions: {
      code: ErrorCode.FORBIDDEN_FIELD,
      reason: 'SUBJECT_NOT_ON_CASE',
      coordinate: w.entry.coordinate,
      ...(maskedBack ? { masked: w.entry.mask } : {}),
    },
  });
}
