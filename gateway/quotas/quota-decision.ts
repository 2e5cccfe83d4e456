/**
 * The pure half of subject quotas: which subjects to count against which grant, and, once the
 * counter has said which of them are past the quota, which values to withhold and what to
 * record. A value is withheld for a subject only when every grant it relies on refused the
 * subject: a value another grant still serves stays.
 */
import type { QuotaRefusalRecord } from '../../domain/subject-quota';
import { isCaseBound, QuotaEntry } from './quota-tree';
import type { BoundField, Occurrence, OrphanGroup, ResponsePath } from './subject-occurrences';

/** One grant's distinct subjects in this response, by their keyed hash (`kind:hash`). */
export interface QuotaCharge {
  readonly grantId: string;
  readonly quota: number;
  readonly subjects: readonly string[];
}

export interface Withholding {
  readonly path: ResponsePath;
  readonly entry: QuotaEntry;
  /** The grants whose quota refused it (all it relies on). */
  readonly grantIds: readonly string[];
}

export interface QuotaOutcome {
  readonly withheld: readonly Withholding[];
  readonly refusals: readonly QuotaRefusalRecord[];
}

/** The charges to ask the counter for: each grant with a quota, and each subject counted against it once. */
export function quotaCharges(
  occurrences: readonly Occurrence[],
  quotas: ReadonlyMap<string, number>,
  hashOf: (o: Occurrence) => string,
): QuotaCharge[] {
  const byGrant = new Map<string, Set<string>>();
  for (const o of occurrences) {
    if (o.grants.size === 0) continue;
    const hash = hashOf(o);
    for (const id of o.grants) {
      // Item grants are not counted: their subjects are checked against the case (subject-quotas.ts).
      if (!quotas.has(id) || isCaseBound(quotas.get(id))) continue;
      let set = byGrant.get(id);
      if (!set) byGrant.set(id, (set = new Set()));
      set.add(hash);
    }
  }
  return [...byGrant].map(([grantId, subjects]) => ({
    grantId,
    quota: quotas.get(grantId)!,
    subjects: [...subjects],
  }));
}

function allRefused(entry: QuotaEntry, refused: ReadonlySet<string> | undefined): boolean {
  if (!refused || refused.size === 0) return false;
  for (const id of entry.grantIds) if (!refused.has(id)) return false;
  return true;
}

/**
 * @param refused grant id → the subject hashes it refused
 * @param day the China date the counts were for
 */
export function decideWithholding(
  occurrences: readonly Occurrence[],
  groups: readonly OrphanGroup[],
  refused: ReadonlyMap<string, ReadonlySet<string>>,
  hashOf: (o: Occurrence) => string,
  quotas: ReadonlyMap<string, number>,
  day: string,
): QuotaOutcome {
  if (refused.size === 0 || [...refused.values()].every((s) => s.size === 0))
    return { withheld: [], refusals: [] };
  // Per occurrence: the grants that refused its subject.
  const refusedFor: (Set<string> | undefined)[] = occurrences.map((o) => {
    if (o.grants.size === 0) return undefined;
    const hash = hashOf(o);
    let out: Set<string> | undefined;
    for (const id of o.grants) if (refused.get(id)?.has(hash)) (out ??= new Set()).add(id);
    return out;
  });
  const withheld: Withholding[] = [];
  const coordinates = new Map<string, Set<string>>();
  const note = (path: ResponsePath, entry: QuotaEntry) => {
    const grantIds = [...entry.grantIds];
    withheld.push({ path, entry, grantIds });
    for (const id of grantIds) {
      let set = coordinates.get(id);
      if (!set) coordinates.set(id, (set = new Set()));
      set.add(entry.coordinate);
    }
  };
  /** The grants that refused any subject in [start, end). A field relying on two grants refused for different subjects is withheld too: the safe side. */
  const refusedIn = (start: number, end: number): Set<string> => {
    const out = new Set<string>();
    for (let i = start; i < end; i++) refusedFor[i]?.forEach((id) => out.add(id));
    return out;
  };
  const edgeRefused = (f: BoundField) =>
    f.holdsSubjects && allRefused(f.entry, refusedIn(f.start, f.end));
  occurrences.forEach((o, i) => {
    for (const f of o.fields)
      if (allRefused(f.entry, refusedFor[i]) || edgeRefused(f)) note(f.path, f.entry);
  });
  for (const g of groups) {
    const below = refusedIn(g.start, g.end);
    if (below.size === 0) continue;
    for (const f of g.fields)
      if (f.holdsSubjects ? edgeRefused(f) : allRefused(f.entry, below)) note(f.path, f.entry);
  }
  const refusals: QuotaRefusalRecord[] = [];
  for (const [grantId, subjects] of refused) {
    // A subject outside the case is a denial (SUBJECT_NOT_ON_CASE), not a quota refusal.
    if (subjects.size === 0 || isCaseBound(quotas.get(grantId))) continue;
    refusals.push({
      grantId,
      quota: quotas.get(grantId)!,
      day,
      coordinates: [...(coordinates.get(grantId) ?? [])].sort(),
      subjects: [...subjects].sort(),
    });
  }
  return { withheld, refusals };
}
