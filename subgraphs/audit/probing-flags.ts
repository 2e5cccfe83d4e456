/**
 * 探测预警 Probing flags: an application whose requests, within one window (probing-settings.ts),
 * produce many lookups that find nobody or are malformed (a guessed ID number, household number
 * or credit code: the records' lookup misses), or return data about many distinct subjects (the
 * records' subject hashes), is flagged for the owners whose data it touched and for the big data
 * bureau. Windows are fixed (aligned to the epoch), so a burst across a boundary is split in two:
 * thresholds are set with that in mind.
 *
 * Pure over the rows the store reads (probing-store.ts).
 */
import type { LookupMissesRecord } from '../../domain/subject-quota';
import type { ProbingSettings } from './probing-settings';

export type ProbingReason = 'LOOKUP_MISSES' | 'DISTINCT_SUBJECTS';

export interface ProbeRecordRow {
  id: string;
  /** Stored time, UTC `YYYY-MM-DD HH:MM:SS.mmm`. */
  time: string;
  department: string | null;
  application: string | null;
  fields_requested: string;
  lookup_misses: string | null;
}

export interface ProbingFlag {
  readonly department: string;
  readonly application: string | null;
  /** ISO instants: the window [start, end). */
  readonly windowStart: string;
  readonly windowEnd: string;
  readonly requests: number;
  readonly notFound: number;
  readonly badInput: number;
  readonly distinctSubjects: number;
  readonly reasons: readonly ProbingReason[];
  /** Owner departments whose fields the application asked for in the window. */
  readonly owners: readonly string[];
}

function instant(stored: string): number {
  return Date.parse(`${stored.replace(' ', 'T')}Z`);
}

function misses(text: string | null): LookupMissesRecord {
  if (!text) return { notFound: 0, badInput: 0 };
  try {
    const m = JSON.parse(text) as Partial<LookupMissesRecord>;
    return { notFound: Number(m.notFound) || 0, badInput: Number(m.badInput) || 0 };
  } catch {
    return { notFound: 0, badInput: 0 };
  }
}

/**
 * @param subjectsOf a record's subject hashes
 * @param owner keep only flags touching this owner's data; null: all
 */
export function probingFlags(
  rows: readonly ProbeRecordRow[],
  subjectsOf: (recordId: string) => readonly string[],
  ownerOf: (coordinate: string) => string | null,
  settings: ProbingSettings,
  owner: string | null,
): ProbingFlag[] {
  const windowMs = settings.windowMinutes * 60_000;
  const windows = new Map<
    string,
    {
      department: string;
      application: string | null;
      start: number;
      requests: number;
      notFound: number;
      badInput: number;
      subjects: Set<string>;
      owners: Set<string>;
    }
  >();
  for (const row of rows) {
    if (!row.department) continue;
    const start = Math.floor(instant(row.time) / windowMs) * windowMs;
    const key = JSON.stringify([row.department, row.application ?? '', start]);
    let w = windows.get(key);
    if (!w)
      windows.set(
        key,
        (w = {
          department: row.department,
          application: row.application,
          start,
          requests: 0,
          notFound: 0,
          badInput: 0,
          subjects: new Set(),
          owners: new Set(),
        }),
      );
    w.requests++;
    const m = misses(row.lookup_misses);
    w.notFound += m.notFound;
    w.badInput += m.badInput;
    for (const s of subjectsOf(row.id)) w.subjects.add(s);
    let requested: unknown;
    try {
      requested = JSON.parse(row.fields_requested);
    } catch {
      requested = [];
    }
    if (Array.isArray(requested))
      for (const c of requested)
        if (typeof c === 'string') {
          const o = ownerOf(c);
          if (o) w.owners.add(o);
        }
  }
  const flags: ProbingFlag[] = [];
  for (const w of windows.values()) {
    const reasons: ProbingReason[] = [];
    if (w.notFound + w.badInput >= settings.lookupMisses) reasons.push('LOOKUP_MISSES');
    if (w.subjects.size >= settings.distinctSubjects) reasons.push('DISTINCT_SUBJECTS');
    if (reasons.length === 0) continue;
    if (owner !== null && !w.owners.has(owner)) continue;
    flags.push({
      department: w.department,
      application: w.application,
      windowStart: new Date(w.start).toISOString(),
      windowEnd: new Date(w.start + windowMs).toISOString(),
      requests: w.requests,
      notFound: w.notFound,
      badInput: w.badInput,
      distinctSubjects: w.subjects.size,
      reasons,
      owners: [...w.owners].sort(),
    });
  }
  // Newest window first, then by department and application.
  return flags.sort((a, b) =>
    a.windowStart !== b.windowStart
      ? a.windowStart < b.windowStart
        ? 1
        : -1
      : a.department.localeCompare(b.department) ||
        (a.application ?? '').localeCompare(b.application ?? ''),
  );
}
