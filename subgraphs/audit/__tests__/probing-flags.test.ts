import { probingFlags, ProbeRecordRow } from '../probing-flags';
import { readProbingSettings } from '../probing-settings';

const settings = { windowMinutes: 10, lookupMisses: 50, distinctSubjects: 5 };
const owners: Record<string, string> = {
  'Query.person': 'public-security',
  'Person.name': 'public-security',
  'Query.legalEntity': 'market-regulation',
};
const ownerOf = (c: string) => owners[c] ?? null;

let n = 0;
function row(
  time: string,
  department: string,
  misses: { notFound: number; badInput: number } | null,
  fields = ['Query.person', 'Person.name'],
  application = 'app',
): ProbeRecordRow {
  return {
    id: `r${n++}`,
    time,
    department,
    application,
    fields_requested: JSON.stringify(fields),
    lookup_misses: misses && JSON.stringify(misses),
  };
}

describe('flagging applications that probe', () => {
  it('flags lookups that miss, counted per lookup across the requests of one window', () => {
    const rows = [
      row('2025-06-01 02:01:00.000', 'tax', { notFound: 30, badInput: 2 }),
      row('2025-06-01 02:09:59.999', 'tax', { notFound: 20, badInput: 0 }),
    ];
    expect(probingFlags(rows, () => [], ownerOf, settings, null)).toEqual([
      {
        department: 'tax',
        application: 'app',
        windowStart: '2025-06-01T02:00:00.000Z',
        windowEnd: '2025-06-01T02:10:00.000Z',
        requests: 2,
        notFound: 50,
        badInput: 2,
        distinctSubjects: 0,
        reasons: ['LOOKUP_MISSES'],
        owners: ['public-security'],
      },
    ]);
  });

  it('does not add up windows, nor applications', () => {
    const rows = [
      row('2025-06-01 02:09:00.000', 'tax', { notFound: 30, badInput: 0 }),
      row('2025-06-01 02:10:00.000', 'tax', { notFound: 30, badInput: 0 }),
      row('2025-06-01 02:11:00.000', 'tax', { notFound: 30, badInput: 0 }, undefined, 'other'),
    ];
    expect(probingFlags(rows, () => [], ownerOf, settings, null)).toEqual([]);
  });

  it('flags many distinct subjects, each counted once however often returned', () => {
    const rows = [
      row('2025-06-01 03:00:00.000', 'civil-affairs', null),
      row('2025-06-01 03:01:00.000', 'civil-affairs', null),
    ];
    const subjects: Record<string, string[]> = {
      [rows[0].id]: ['person:a', 'person:b', 'person:c'],
      [rows[1].id]: ['person:c', 'person:d', 'person:e'],
    };
    const [flag] = probingFlags(rows, (id) => subjects[id] ?? [], ownerOf, settings, null);
    expect(flag).toMatchObject({
      department: 'civil-affairs',
      distinctSubjects: 5,
      reasons: ['DISTINCT_SUBJECTS'],
    });
  });

  it("shows an owner only the flags of applications that asked for the owner's data", () => {
    const rows = [row('2025-06-01 02:01:00.000', 'tax', { notFound: 60, badInput: 0 })];
    expect(probingFlags(rows, () => [], ownerOf, settings, 'public-security')).toHaveLength(1);
    expect(probingFlags(rows, () => [], ownerOf, settings, 'market-regulation')).toEqual([]);
  });

  it('reads its thresholds from the environment, with defaults, and refuses nonsense naming the variable', () => {
    expect(readProbingSettings({})).toEqual({
      windowMinutes: 10,
      lookupMisses: 100,
      distinctSubjects: 300,
    });
    expect(readProbingSettings({ AUDIT_PROBING_WINDOW_MINUTES: '60' }).windowMinutes).toBe(60);
    expect(() => readProbingSettings({ AUDIT_PROBING_LOOKUP_MISSES: '0' })).toThrow(
      /AUDIT_PROBING_LOOKUP_MISSES/,
    );
    expect(() => readProbingSettings({ AUDIT_PROBING_WINDOW_MINUTES: 'ten' })).toThrow(
      /AUDIT_PROBING_WINDOW_MINUTES/,
    );
  });
});
