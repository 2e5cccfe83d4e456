/**
 * Where the response needs the policy's hand after execution, as a tree keyed like the response:
 * the places of withheld fields (to put `null` there and report them) and of masked fields (to
 * mask their values), and the way down to them. Built once per plan from the field usages; the
 * response patch then walks only these branches of the data, not the whole response.
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

function sameTypes(a: ReadonlySet<string> | null, b: ReadonlySet<string> | null): boolean {
  if (a === null || b === null) return a === b;
  return a.size === b.size && [...a].every((t) => b.has(t));
}

function entryFor(node: PatchNode, usage: FieldUsage): PatchEntry {
  let entry = node.entries.find((e) => e.key === usage.responseKey && sameTypes(e.onTypes, usage.onTypes));
  if (!entry) {
    entry = { key: usage.responseKey, onTypes: usage.onTypes, nonNull: usage.nonNull, denials: [], includedWhen: [], mask: null, children: null };
    node.entries.push(entry);
  }
  return entry;
}

function chainOf(usage: FieldUsage): FieldUsage[] {
  const chain: FieldUsage[] = [];
  for (let u: FieldUsage | null = usage; u; u = u.parent) chain.unshift(u);
  return chain;
}

function placeOf(root: PatchNode, usage: FieldUsage): PatchEntry {
  let node = root;
  const chain = chainOf(usage);
  for (const step of chain.slice(0, -1)) {
    const entry = entryFor(node, step);
    node = entry.children ??= emptyPatchNode();
  }
  return entryFor(node, chain[chain.length - 1]);
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
