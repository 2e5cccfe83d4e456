/**
 * After execution: takes the audit's subject keys (subject-keys.ts) out of the response, and
 * collects the subjects they name. Copies only the branches that held a key, so the executor's
 * result (parts of which may be shared) is never modified; a response without subjects comes
 * back as the same object. Masked values (`320602********1234`) identify nobody and are skipped;
 * the keys are fetched under their own alias precisely so that they are never masked.
 */
import type { ExecutionResult, GraphQLError } from 'graphql';
import type { SubjectKind, SubjectRef } from '../audit';

export interface StrippedResult {
  readonly result: ExecutionResult;
  /** Each subject once, in the order first met. */
  readonly subjects: SubjectRef[];
}

export function stripSubjectKeys(result: ExecutionResult, keys: ReadonlyMap<string, SubjectKind>): StrippedResult {
  const found = new Map<string, SubjectRef>();
  const visit = (value: unknown): unknown => {
    if (value === null || typeof value !== 'object') return value;
    if (Array.isArray(value)) {
      let copy: unknown[] | null = null;
      for (let i = 0; i < value.length; i++) {
        const item = visit(value[i]);
        if (item !== value[i]) (copy ??= value.slice())[i] = item;
      }
      return copy ?? value;
    }
    const object = value as Record<string, unknown>;
    let copy: Record<string, unknown> | null = null;
    for (const key in object) {
      const kind = keys.get(key);
      if (kind !== undefined) {
        const id = object[key];
        if (typeof id === 'string' && id.trim() !== '' && !id.includes('*')) {
          const ref = { kind, id: id.trim() };
          const seen = `${kind}\0${ref.id.toUpperCase()}`;
          if (!found.has(seen)) found.set(seen, ref);
        }
        copy ??= { ...object };
        delete copy[key];
        continue;
      }
      const child = object[key];
      const stripped = visit(child);
      if (stripped !== child) (copy ??= { ...object })[key] = stripped;
    }
    return copy ?? object;
  };
  const data = visit(result.data);
  // An error about an audit-only field (a key that failed to resolve) is not the caller's.
  const errors = result.errors?.filter((e: GraphQLError) => !e.path?.some((p) => typeof p === 'string' && keys.has(p)));
  const changedErrors = errors !== undefined && errors.length !== result.errors!.length;
  if (data === result.data && !changedErrors) return { result, subjects: [...found.values()] };
  const next: ExecutionResult = { ...result, data: data as ExecutionResult['data'] };
  if (changedErrors) {
    if (errors.length > 0) (next as { errors?: readonly GraphQLError[] }).errors = errors;
    else delete (next as { errors?: readonly GraphQLError[] }).errors;
  }
  return { result: next, subjects: [...found.values()] };
}
