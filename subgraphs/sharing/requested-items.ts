/**
 * Checks the data items of a sharing application against the supergraph's classification and
 * splits them into one list per owning department, since each owner answers for its own data
 * (国发〔2016〕51号: the providing department decides on conditional sharing).
 *
 * An item is a field coordinate `Type.field` or a whole type `Type.*`. Only items that need a
 * grant can be applied for: CONDITIONAL fields (有条件共享), and, when clear values are asked
 * for, UNCONDITIONAL fields that are otherwise served masked (脱敏).
 */
import { CatalogueField, CoordinateCatalogue } from './coordinate-catalogue';

export type ItemProblemKind =
  'FORMAT' | 'UNKNOWN' | 'NOT_SHARED' | 'NEEDS_NO_APPLICATION' | 'OWN_DATA';

export interface ItemProblem {
  readonly coordinate: string;
  readonly problem: ItemProblemKind;
  readonly message: string;
}

export type ItemsByOwner = ReadonlyMap<string, readonly string[]>;

export type SplitOutcome =
  { ok: true; byOwner: ItemsByOwner } | { ok: false; problems: ItemProblem[] };

const ITEM = /^([A-Za-z_][A-Za-z0-9_]*)\.([A-Za-z_][A-Za-z0-9_]*|\*)$/;

export function parseItem(item: string): { typeName: string; fieldName: string | '*' } | null {
  const m = ITEM.exec(item);
  return m ? { typeName: m[1], fieldName: m[2] } : null;
}

/** Why a field cannot be applied for with these terms, or null when it needs (and can get) a grant. */
export function grantProblem(
  field: CatalogueField,
  clear: boolean,
): Exclude<ItemProblemKind, 'FORMAT' | 'UNKNOWN' | 'OWN_DATA'> | null {
  if (field.level === 'NONE') return 'NOT_SHARED';
  if (field.level === 'CONDITIONAL') return null;
  return clear && field.mask ? null : 'NEEDS_NO_APPLICATION';
}

const MESSAGES: Record<ItemProblemKind, (item: string) => string> = {
  FORMAT: (item) => `"${item}" is not a field coordinate (Type.field) or a whole type (Type.*)`,
  UNKNOWN: (item) => `${item} is not in the supergraph`,
  NOT_SHARED: (item) => `${item} is not shared (不予共享): it cannot be applied for`,
  NEEDS_NO_APPLICATION: (item) =>
    item.endsWith('.*')
      ? `${item}: no field of the type needs a grant with these terms (all are shared without conditions, or not shared at all)`
      : `${item} is shared without conditions (无条件共享): no application is needed, unless clear values of a masked field are asked for`,
  OWN_DATA: (item) => `${item} is your own department's data: no application is needed`,
};

function problem(coordinate: string, kind: ItemProblemKind): ItemProblem {
  return { coordinate, problem: kind, message: MESSAGES[kind](coordinate) };
}

/** Does an item list (as granted or requested) cover this field coordinate? */
export function coversItem(items: readonly string[], coordinate: string): boolean {
  if (items.includes(coordinate)) return true;
  const parsed = parseItem(coordinate);
  return parsed !== null && items.includes(`${parsed.typeName}.*`);
}

function add(byOwner: Map<string, Set<string>>, owner: string, item: string): void {
  let set = byOwner.get(owner);
  if (!set) byOwner.set(owner, (set = new Set()));
  set.add(item);
}

/**
 * `Type.*` stays whole when one owner serves every field of the type that needs a grant;
 * otherwise it is spelt out field by field per owner, so that a grant's `Type.*` never speaks
 * for fields another department serves.
 */
function splitWholeType(
  typeName: string,
  item: string,
  clear: boolean,
  applicant: string,
  catalogue: CoordinateCatalogue,
  byOwner: Map<string, Set<string>>,
): ItemProblem | null {
  const fields = catalogue.fieldsOf(typeName);
  if (fields.length === 0) return problem(item, 'UNKNOWN');
  const grantable = fields.filter((f) => grantProblem(f, clear) === null);
  if (grantable.length === 0)
    return problem(
      item,
      fields.every((f) => f.level === 'NONE') ? 'NOT_SHARED' : 'NEEDS_NO_APPLICATION',
    );
  const owners = new Set(grantable.flatMap((f) => f.owners).filter((o) => o !== applicant));
  if (owners.size === 0) return problem(item, 'OWN_DATA');
  if (owners.size === 1) {
    add(byOwner, [...owners][0], item);
    return null;
  }
  for (const f of grantable)
    for (const owner of f.owners) if (owner !== applicant) add(byOwner, owner, f.coordinate);
  return null;
}

export function splitItemsByOwner(
  items: readonly string[],
  clear: boolean,
  applicant: string,
  catalogue: CoordinateCatalogue,
): SplitOutcome {
  const problems: ItemProblem[] = [];
  const byOwner = new Map<string, Set<string>>();
  for (const item of new Set(items)) {
    const parsed = parseItem(item);
    if (!parsed) {
      problems.push(problem(item, 'FORMAT'));
      continue;
    }
    if (parsed.fieldName === '*') {
      const p = splitWholeType(parsed.typeName, item, clear, applicant, catalogue, byOwner);
      if (p) problems.push(p);
      continue;
    }
    const field = catalogue.field(item);
    if (!field) {
      problems.push(problem(item, 'UNKNOWN'));
      continue;
    }
    const kind = grantProblem(field, clear);
    if (kind) {
      problems.push(problem(item, kind));
      continue;
    }
    const owners = field.owners.filter((o) => o !== applicant);
    if (owners.length === 0) problems.push(problem(item, 'OWN_DATA'));
    for (const owner of owners) add(byOwner, owner, item);
  }
  if (problems.length > 0) return { ok: false, problems };
  // A field already covered by its type's `*` for the same owner adds nothing.
  const result = new Map<string, string[]>();
  for (const [owner, set] of [...byOwner.entries()].sort(([a], [b]) => a.localeCompare(b))) {
    const list = [...set];
    result.set(
      owner,
      list
        .filter(
          (i) =>
            i.endsWith('.*') ||
            !coversItem(
              list.filter((x) => x.endsWith('.*')),
              i,
            ),
        )
        .sort(),
    );
  }
  return { ok: true, byOwner: result };
}
