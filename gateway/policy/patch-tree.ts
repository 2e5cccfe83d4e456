/**
 * Where the response needs the policy's hand after execution, as a tree keyed like the response:
 * the places of withheld fields (to put `null` there and report them) and of masked fields (to
 * mask their values), and the way down to them. Built once per plan from the field usages; the
 * response patch then walks only these branches of the data, not the whole response.
 *
 * Building it is linear in the usages: entries are found through an index per node, and a
 * usage's place is its parent's place plus one step (memoised), not a walk from the root.
 */
import type { MaskKind } from '../../domain/catalogue/classification';
import type { FieldUsage, IncludeCondition } from './field-usage';

export interface PatchEntry {
  readonly key: string;
  /** Runtime types of the enclosing objects this entry applies to (read from the probe); null: all. */
  readonly onTypes: ReadonlySet<string> | null;
  readonly nonNull: readonly boolean[];
  /** Indexes into the plan's denials reported at this place; empty when the field is served. */
  readonly denials: number[];
  /** Condition lists of the withheld selections: any one holding puts the field in the response; null: always. */
  includedWhen: IncludeCondition[][] | null;
  mask: MaskKind | null;
  children: PatchNode | null;
}

export interface PatchNode {
  readonly entries: PatchEntry[];
}

export function emptyPatchNode(): PatchNode {
  return { entries: [] };
}

const typesKey = (types: ReadonlySet<string> | null): string =>
  types === null ? '*' : [...types].sort().join(',');

/** Per tree: entries by response key and types, and each usage's entry. */
interface TreeIndex {
  readonly entries: WeakMap<PatchNode, Map<string, PatchEntry>>;
  readonly places: WeakMap<FieldUsage, PatchEntry>;
}

const indexes = new WeakMap<PatchNode, TreeIndex>();

function indexOf(root: PatchNode): TreeIndex {
  let index = indexes.get(root);
  if (!index) indexes.set(root, (index = { entries: new WeakMap(), places: new WeakMap() }));
  return index;
}

function entryFor(index: TreeIndex, node: PatchNode, usage: FieldUsage): PatchEntry {
  let byKey = index.entries.get(node);
  if (!byKey) index.entries.set(node, (byKey = new Map()));
  const key = `${usage.responseKey}|${typesKey(usage.onTypes)}`;
  let entry = byKey.get(key);
  if (!entry) {
    entry = {
      key: usage.responseKey,
      onTypes: usage.onTypes,
      nonNull: usage.nonNull,
      denials: [],
      includedWhen: [],
      mask: null,
      children: null,
    };
    node.entries.push(entry);
    byKey.set(key, entry);
  }
  return entry;
}

function placeOf(root: PatchNode, usage: FieldUsage): PatchEntry {
  const index = indexOf(root);
  let entry = index.places.get(usage);
  if (entry) return entry;
  const node = usage.parent ? (placeOf(root, usage.parent).children ??= emptyPatchNode()) : root;
  entry = entryFor(index, node, usage);
  index.places.set(usage, entry);
  return entry;
}

export function addDenial(root: PatchNode, usage: FieldUsage, denialIndex: number): void {
  const entry = placeOf(root, usage);
  if (!entry.denials.includes(denialIndex)) entry.denials.push(denialIndex);
  if (entry.includedWhen === null) return;
  if (usage.conditions.length === 0) entry.includedWhen = null;
  else entry.includedWhen.push([...usage.conditions]);
}

export function addMask(root: PatchNode, usage: FieldUsage, mask: MaskKind): void {
  const entry = placeOf(root, usage);
  // Two selections masking one place with different kinds: hide the most (see strictest()).
  entry.mask = entry.mask === null || entry.mask === mask ? mask : 'FREE_TEXT';
}
