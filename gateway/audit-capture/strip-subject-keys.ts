/**
 * After execution: takes the audit's subject keys (subject-keys.ts) out of the response, and
 * collects the subjects they name. Copies only the branches that held a key, so the executor's
 * result (parts of which may be shared) is never modified; a response without subjects comes
 * back as the same object. Masked values (`320602********1234`) identify nobody and are skipped;
 * the keys are fetched under their own alias precisely so that they are never masked.
 *
 * The same walk, given a subject-quota tree (gateway/quotas/), notes where each quota-bound value
 * sits and whose data it is, so quotas cost no second pass over the response. Each object is
 * read twice (its keys first, for its subject, then its values): linear in the response.
 *
 * Given the places where keys can be (KeyPlaces, from the rewrite), the walk enters only
 * branches that lead to a key or to a quota-bound field: a people page's certificates and
 * credit records hold neither, and are passed over whole.
 */
import type { ExecutionResult, GraphQLError } from 'graphql';
import type { SubjectKind, SubjectRef } from '../audit';
import type { OccurrenceCollector, QuotaNode } from '../quotas';
import type { KeyPlaces } from './subject-keys';
import { newObject } from '../execution/response-objects';

export interface StrippedResult {
  readonly result: ExecutionResult;
  /** Each subject once, in the order first met. */
  readonly subjects: SubjectRef[];
}

/** What the subject-quota stage needs from the walk. */
export interface QuotaWalk {
  readonly root: QuotaNode;
  readonly collector: OccurrenceCollector;
}

function subjectOf(
  object: Record<string, unknown>,
  keys: ReadonlyMap<string, SubjectKind>,
): SubjectRef | null {
  // An object is one type, so it holds at most one of the few keys: look each up, not every member.
  for (const [key, kind] of keys) {
    const id = object[key];
    if (typeof id === 'string' && id.trim() !== '' && !id.includes('*'))
      return { kind, id: id.trim() };
  }
  return null;
}

/**
 * A new object with the members of `object` that come before `key`, which the walk has left as
 * they were. Built member by member rather than spread and then `delete`d: deleting turns an
 * object into a slow dictionary, and the response serialiser reads every stripped object. A
 * response object, like the executor's, so that a response name `__proto__` (a caller's alias)
 * is set as a member, not as the copy's prototype.
 */
function copyBefore(object: Record<string, unknown>, key: string): Record<string, unknown> {
  const copy = newObject();
  for (const k in object) {
    if (k === key) break;
    copy[k] = object[k];
  }
  return copy;
}

export function stripSubjectKeys(
  result: ExecutionResult,
  keys: ReadonlyMap<string, SubjectKind>,
  quota?: QuotaWalk,
  places: KeyPlaces | null = null,
): StrippedResult {
  const found = new Map<string, SubjectRef>();
  const collector = quota?.collector;
  const everywhere = places === null;
  const path: (string | number)[] = [];
  const visit = (value: unknown, node: QuotaNode | null, place: KeyPlaces | null): unknown => {
    if (value === null || typeof value !== 'object') return value;
    if (Array.isArray(value)) {
      let copy: unknown[] | null = null;
      for (let i = 0; i < value.length; i++) {
        const member: unknown = value[i];
        // Scalars hold neither keys nor objects: not worth a call and a path step each.
        if (member === null || typeof member !== 'object') continue;
        path.push(i);
        const item = visit(member, node, place);
        path.pop();
        if (item !== member) (copy ??= value.slice())[i] = item;
      }
      return copy ?? value;
    }
    const object = value as Record<string, unknown>;
    const subject = subjectOf(object, keys);
    if (subject) {
      const seen = `${subject.kind}\0${subject.id.toUpperCase()}`;
      if (!found.has(seen)) found.set(seen, subject);
    }
    collector?.enterObject(subject);
    let copy: Record<string, unknown> | null = null;
    /** This object's path, copied once for all its bound fields. */
    let here: (string | number)[] | null = null;
    for (const key in object) {
      if (keys.has(key)) {
        copy ??= copyBefore(object, key);
        continue;
      }
      const entry = node?.entries.get(key);
      const child = object[key];
      const childPlace = place?.children.get(key) ?? null;
      if (!everywhere && childPlace === null && entry === undefined) {
        if (copy) copy[key] = child;
        continue;
      }
      const bound = collector !== undefined && entry !== undefined && entry.grantIds.size > 0;
      const nested = child !== null && typeof child === 'object';
      if (!bound && !nested) {
        if (copy) copy[key] = child;
        continue;
      }
      if (bound) collector.enterField(entry, (here ??= path.slice()), key);
      path.push(key);
      const stripped = nested ? visit(child, entry?.children ?? null, childPlace) : child;
      if (bound) collector.leaveField();
      path.pop();
      if (copy) copy[key] = stripped;
      else if (stripped !== child) (copy = copyBefore(object, key))[key] = stripped;
    }
    collector?.leaveObject();
    return copy ?? object;
  };
  const data = visit(result.data, quota?.root ?? null, places);
  // An error about an audit-only field (a key that failed to resolve) is not the caller's.
  const errors = result.errors?.filter(
    (e: GraphQLError) => !e.path?.some((p) => typeof p === 'string' && keys.has(p)),
  );
  const changedErrors = errors !== undefined && errors.length !== result.errors!.length;
  if (data === result.data && !changedErrors) return { result, subjects: [...found.values()] };
  const next: ExecutionResult = { ...result, data: data as ExecutionResult['data'] };
  if (changedErrors) {
    if (errors.length > 0) (next as { errors?: readonly GraphQLError[] }).errors = errors;
    else delete (next as { errors?: readonly GraphQLError[] }).errors;
  }
  return { result: next, subjects: [...found.values()] };
}
