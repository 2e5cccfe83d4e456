import { FIGURE_PATHS, figureLabel, figureValue, isFigurePath } from '../figure-paths';
import type { DepartmentReport } from '../../report-model';

/**
 * Every numeric leaf holds a different number, so reading the wrong leaf shows; the arrays hold
 * numbers too, so a list that descended into them would show as well.
 */
const REPORT: DepartmentReport = {
  code: 'public-security',
  name: '公安局',
  kind: 'OWNER',
  provided: {
    catalogue: {
      unconditional: 1,
      conditional: 2,
      notShared: 3,
      total: 6,
      open: 7,
      conditionallyOpen: 8,
      notOpen: 9,
    },
    callsByOthers: 10,
    consumers: 11,
    fieldsServed: 12,
    fieldsMasked: 13,
    fieldsDenied: 14,
    distinctFieldsUsed: 15,
    byConsumer: [{ department: 'civil-affairs', calls: 10 }],
  },
  applications: {
    received: 16,
    approved: 17,
    rejected: 18,
    pending: 19,
    answeredOnTime: 20,
    answeredLate: 21,
    overduePending: 22,
    refusalReasons: [{ reason: '涉及个人隐私', count: 18 }],
  },
  grants: { granted: 23, activeAtEnd: 24, revoked: 25, expired: 26 },
  used: {
    calls: 27,
    owners: 28,
    fieldsServed: 29,
    byPurpose: [{ purpose: 'SOCIAL_ASSISTANCE', fieldsServed: 29 }],
    byOwner: [{ department: 'market-regulation', calls: 27 }],
  },
  errorReports: {
    received: 30,
    corrected: 31,
    rejected: 32,
    answeredOnTime: 33,
    answeredLate: 34,
    correctedOnTime: 35,
    pending: 36,
    overdue: 37,
  },
  inventory: {
    systems: 38,
    zombieCandidates: 39,
    notConnected: 40,
    unconfirmed: 41,
    flagged: [
      {
        id: 'sys-1',
        name: '旧系统',
        zombieCandidate: true,
        notConnected: false,
        reasons: ['低频'],
      },
    ],
  },
  byMonth: [
    {
      month: '2026-01',
      callsByOthers: 1,
      callsToOthers: 2,
      applicationsReceived: 3,
      errorReportsReceived: 4,
    },
  ],
};

/** The numeric leaves of a value outside arrays, by dotted path, found by walking it. */
function numericLeaves(value: unknown, prefix = ''): Map<string, number> {
  const found = new Map<string, number>();
  if (Array.isArray(value) || typeof value !== 'object' || value === null) return found;
  for (const [key, child] of Object.entries(value)) {
    const path = `${prefix}${key}`;
    if (typeof child === 'number') found.set(path, child);
    else for (const [p, n] of numericLeaves(child, `${path}.`)) found.set(p, n);
  }
  return found;
}

describe('figure paths of a department report', () => {
  const leaves = numericLeaves(REPORT);

  it('lists every numeric leaf outside arrays, and nothing else', () => {
    expect([...FIGURE_PATHS].sort()).toEqual([...leaves.keys()].sort());
    expect(new Set(FIGURE_PATHS).size).toBe(FIGURE_PATHS.length);
  });

  it('reads each figure from its own leaf', () => {
    for (const [path, n] of leaves) expect(figureValue(REPORT, path)).toBe(n);
  });

  it('names no string, object or array as a figure', () => {
    for (const path of ['code', 'provided', 'provided.catalogue', 'provided.byConsumer', 'byMonth'])
      expect(isFigurePath(path)).toBe(false);
    expect(isFigurePath('applications.answeredOnTime')).toBe(true);
  });

  it('refuses to read a path that names no figure, rather than score it zero', () => {
    expect(() => figureValue(REPORT, 'applications.answerd')).toThrow(
      'unknown figure "applications.answerd"',
    );
    expect(() => figureValue(REPORT, 'byMonth.0.callsByOthers')).toThrow('unknown figure');
  });

  it('labels every figure in Chinese, each label distinct', () => {
    const labels = FIGURE_PATHS.map(figureLabel);
    for (const [i, label] of labels.entries()) expect(label).not.toBe(FIGURE_PATHS[i]);
    expect(new Set(labels).size).toBe(labels.length);
    expect(figureLabel('applications.answeredOnTime')).toBe('按时答复申请');
  });
});
