/**
 * Puts the policy into an executed response: `null` at each place of a withheld field that the
 * response should hold (its selection was not skipped), masked values at masked fields' places,
 * and the `__typename` probes removed again. The data is copied along the patched branches only;
 * the executor's result is not modified.
 *
 * A withheld non-null field's null propagates, by default, to the nearest nullable ancestor as
 * the GraphQL spec requires for a field error (§6.4.4 "Handling Field Errors"), as Apollo's and
 * Hive's routers do for unauthorized fields. `nulls: 'in-place'` keeps it at the field instead.
 *
 * A place whose key is already present is never nulled: only a selection the policy kept can
 * have put it there, for a runtime type that selection is allowed for (e.g. `contactPhone` asked
 * both on an interface, withheld, and `... on Household`, allowed).
 *
 * Linear in the patched part of the result: each object on a patched branch is copied once, and
 * a place's concrete path is a link to its parent's, made into an array only for a denial's
 * first place (not copied at every step, which would cost the depth again at each object).
 */
import { maskValue } from '../masking';
import { IncludeCondition, isIncluded } from './field-usage';
import type { PatchEntry, PatchNode } from './patch-tree';
import { PROBE_KEY } from './typename-probe';

export type ResponsePath = readonly (string | number)[];

export interface PatchOptions {
  readonly variables: Readonly<Record<string, unknown>>;
  readonly variableDefaults: Readonly<Record<string, boolean>>;
  readonly nulls: 'propagate' | 'in-place';
}

export interface PatchOutcome {
  readonly data: Record<string, unknown> | null;
  /** Concrete path (with list indexes) of the first place each denial (by index) was applied. */
  readonly denialPaths: ReadonlyMap<number, ResponsePath>;
}

const BUBBLE = Symbol('null propagates to the parent');
type Patched = unknown;

interface Walk extends PatchOptions {
  readonly paths: Map<number, ResponsePath>;
}

/** A concrete path as a chain of steps back to the root; null is the root. */
type PathLink = { readonly parent: PathLink; readonly step: string | number } | null;

function pathOf(link: PathLink): ResponsePath {
  const out: (string | number)[] = [];
  for (let l = link; l; l = l.parent) out.push(l.step);
  return out.reverse();
}

function included(conditions: IncludeCondition[][] | null, walk: Walk): boolean {
  return (
    conditions === null ||
    conditions.some((c) => isIncluded(c, walk.variables, walk.variableDefaults))
  );
}

function patchObject(
  obj: Record<string, unknown>,
  node: PatchNode,
  path: PathLink,
  walk: Walk,
): Record<string, unknown> | typeof BUBBLE {
  const copy: Record<string, unknown> = { ...obj };
  const typename = copy[PROBE_KEY] ?? copy.__typename;
  delete copy[PROBE_KEY];
  let bubble = false;
  for (const entry of node.entries) {
    // Without a typename (it should be there) the entry applies: masking or nulling too much is the safe side.
    if (entry.onTypes && typeof typename === 'string' && !entry.onTypes.has(typename)) continue;
    const here: PathLink = { parent: path, step: entry.key };
    if (!(entry.key in copy)) {
      if (entry.denials.length === 0 || !included(entry.includedWhen, walk)) continue;
      for (const d of entry.denials) if (!walk.paths.has(d)) walk.paths.set(d, pathOf(here));
      if (walk.nulls === 'propagate' && entry.nonNull[0]) bubble = true;
      copy[entry.key] = null;
      continue;
    }
    let value = copy[entry.key];
    if (entry.children) {
      const patched = patchValue(value, entry, 0, here, walk);
      if (patched === BUBBLE && entry.nonNull[0]) bubble = true;
      value = patched === BUBBLE ? null : patched;
    }
    if (entry.mask) value = maskValue(entry.mask, value);
    copy[entry.key] = value;
  }
  return bubble ? BUBBLE : copy;
}

function patchValue(
  value: unknown,
  entry: PatchEntry,
  depth: number,
  path: PathLink,
  walk: Walk,
): Patched | typeof BUBBLE {
  if (value === null || value === undefined) return null;
  if (Array.isArray(value)) {
    const out: unknown[] = new Array(value.length);
    for (let i = 0; i < value.length; i++) {
      const item = patchValue(value[i], entry, depth + 1, { parent: path, step: i }, walk);
      if (item === BUBBLE && entry.nonNull[depth + 1]) return BUBBLE;
      out[i] = item === BUBBLE ? null : item;
    }
    return out;
  }
  if (typeof value !== 'object' || !entry.children) return value;
  return patchObject(value as Record<string, unknown>, entry.children, path, walk);
}

export function patchResponse(
  root: PatchNode,
  data: Record<string, unknown> | null | undefined,
  options: PatchOptions,
): PatchOutcome {
  const walk: Walk = { ...options, paths: new Map() };
  if (data === null || data === undefined) return { data: null, denialPaths: walk.paths };
  const patched = patchObject(data, root, null, walk);
  return { data: patched === BUBBLE ? null : patched, denialPaths: walk.paths };
}
