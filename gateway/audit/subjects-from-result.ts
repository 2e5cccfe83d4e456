/**
 * Finds the data subjects (数据主体) whose data a GraphQL response returned: every object in
 * `data` whose `__typename` names a subject type, identified by that type's key field. Only
 * typed positions count, so an ID number that merely appears as a value (in an error message,
 * a search echo) is not mistaken for data returned about that person.
 *
 * Subjects must be recorded even when the operation did not select the key field: the gateway
 * adds `__typename` and the key field (unaliased, or under a `responseKeys` alias it chooses)
 * to every subject-typed selection before execution, and strips them from the answer after.
 * Masked values (`320602********1234`) identify nobody and are skipped, so the key must be
 * fetched unmasked for the audit, whatever the caller is shown.
 */
import type { SubjectKind, SubjectRef } from '../../contracts/audit/audit-record';

/**
 * Per GraphQL type, its key field: either the field name (`'idNumber'` for a person,
 * `'creditCode'` for a legal entity) or the field, the subject kind and other response keys
 * under which the gateway may have fetched it.
 */
export type SubjectHint =
  | string
  | {
      readonly field: string;
      readonly kind: SubjectKind;
      readonly responseKeys?: readonly string[];
    };
export type SubjectHints = Readonly<Record<string, SubjectHint>>;

export const DEFAULT_SUBJECT_HINTS: SubjectHints = Object.freeze({
  Person: 'idNumber',
  LegalEntity: 'creditCode',
});

const KIND_BY_FIELD: Readonly<Record<string, SubjectKind>> = {
  idNumber: 'person',
  creditCode: 'legal-entity',
};

interface ResolvedHint {
  kind: SubjectKind;
  keys: readonly string[];
}

function resolveHints(hints: SubjectHints): Map<string, ResolvedHint> {
  const resolved = new Map<string, ResolvedHint>();
  for (const [typeName, hint] of Object.entries(hints)) {
    if (typeof hint === 'string') {
      const kind = KIND_BY_FIELD[hint];
      if (!kind)
        throw new Error(
          `subject hint for ${typeName}: say which kind of subject "${hint}" identifies ({ field, kind })`,
        );
      resolved.set(typeName, { kind, keys: [hint] });
    } else {
      resolved.set(typeName, { kind: hint.kind, keys: [hint.field, ...(hint.responseKeys ?? [])] });
    }
  }
  return resolved;
}

/** Each subject once, in the order first met. */
export function subjectsFromResult(
  data: unknown,
  hints: SubjectHints = DEFAULT_SUBJECT_HINTS,
): SubjectRef[] {
  const byType = resolveHints(hints);
  const found = new Map<string, SubjectRef>();
  // An explicit stack rather than recursion: response depth is bounded by the query, but the
  // audit path must not be the place where a deep response overflows the call stack.
  const stack: unknown[] = [data];
  while (stack.length > 0) {
    const value = stack.pop();
    if (value === null || typeof value !== 'object') continue;
    if (Array.isArray(value)) {
      for (let i = value.length - 1; i >= 0; i--) stack.push(value[i]);
      continue;
    }
    const object = value as Record<string, unknown>;
    const typeName = object.__typename;
    const hint = typeof typeName === 'string' ? byType.get(typeName) : undefined;
    if (hint) {
      for (const key of hint.keys) {
        const id = object[key];
        if (typeof id !== 'string' || id.trim() === '' || id.includes('*')) continue;
        const ref = { kind: hint.kind, id: id.trim() };
        found.set(`${ref.kind}\0${ref.id.toUpperCase()}`, ref);
      }
    }
    const children = Object.values(object);
    for (let i = children.length - 1; i >= 0; i--) stack.push(children[i]);
  }
  return [...found.values()];
}
