import { demoTrafficWorld } from '../traffic-world';
import { chinaMonthOf, DATA_KINDS, planYear, PlannedEvent } from '../year-plan';

const PERSONS = Array.from({ length: 40 }, (_, i) => `3206021990010${String(i).padStart(4, '0')}`);
const ENTITIES = Array.from({ length: 20 }, (_, i) => `91320602MA${String(i).padStart(7, '0')}X`);
const world = demoTrafficWorld({ persons: PERSONS, entities: ENTITIES });
const plan = planYear({ year: 2025, requests: 6000, seed: 7, world });

const data = plan.events.filter((e) => DATA_KINDS.has(e.kind));
const perMonth = (events: readonly PlannedEvent[]) => {
  const counts = Array.from({ length: 12 }, () => 0);
  for (const e of events) counts[chinaMonthOf(e.at) - 1]++;
  return counts;
};
const of = <K extends PlannedEvent['kind']>(kind: K) =>
  plan.events.filter((e): e is Extract<PlannedEvent, { kind: K }> => e.kind === kind);

describe('planYear', () => {
  it('is the same plan for the same seed, and another for another seed', () => {
    expect(planYear({ year: 2025, requests: 6000, seed: 7, world })).toEqual(plan);
    expect(planYear({ year: 2025, requests: 6000, seed: 8, world }).events).not.toEqual(
      plan.events,
    );
  });

  it('plans exactly the data requests asked for, in time order, within the China year', () => {
    expect(data).toHaveLength(6000);
    const start = Date.parse('2024-12-31T16:00:00Z');
    const end = Date.parse('2025-12-31T16:00:00Z');
    plan.events.forEach((e, i) => {
      expect(e.at).toBeGreaterThanOrEqual(start);
      expect(e.at).toBeLessThan(end);
      if (i > 0) expect(e.at).toBeGreaterThanOrEqual(plan.events[i - 1].at);
    });
  });

  it('covers all twelve months, February lighter than any busy month', () => {
    const months = perMonth(data);
    expect(months.every((n) => n > 0)).toBe(true);
    for (const busy of [3, 4, 5, 6, 9, 10, 11]) expect(months[1]).toBeLessThan(months[busy - 1]);
  });

  it('keeps most requests of application systems in office hours on weekdays, China time', () => {
    const queries = of('query');
    const inOffice = queries.filter((e) => {
      const china = new Date(e.at + 8 * 3_600_000);
      const minute = china.getUTCHours() * 60 + china.getUTCMinutes();
      const weekday = china.getUTCDay() !== 0 && china.getUTCDay() !== 6;
      return weekday && minute >= 8 * 60 + 30 && minute < 17 * 60 + 30;
    });
    expect(inOffice.length / queries.length).toBeGreaterThan(0.85);
  });

  it('has several departments calling with their own purposes, and anonymous open data', () => {
    const departments = new Set(of('query').map((e) => e.caller.department));
    expect(departments.size).toBeGreaterThanOrEqual(6);
    const purposes = new Set(of('query').map((e) => e.caller.purpose));
    expect(purposes.size).toBeGreaterThanOrEqual(5);
    expect(of('open-graphql').length).toBeGreaterThan(0);
    expect(of('open-download').length).toBeGreaterThan(0);
  });

  it('never calls as a system registered as needing shared data (not connected)', () => {
    expect(plan.silent).toContain('social-insurance');
    const callers = new Set(
      plan.events.flatMap((e) => ('caller' in e ? [e.caller.application] : [])),
    );
    for (const silent of plan.silent) expect(callers.has(silent)).toBe(false);
  });

  it('leaves a system idle for the last months of the year (a zombie candidate)', () => {
    const last = Math.max(
      ...of('query')
        .filter((e) => e.caller.application === 'subsidy-payments')
        .map((e) => chinaMonthOf(e.at)),
    );
    expect(last).toBeLessThanOrEqual(5);
  });

  it('spreads applications over the year, answered on time, late or never', () => {
    const applied = of('apply');
    expect(new Set(applied.map((e) => chinaMonthOf(e.at))).size).toBeGreaterThanOrEqual(6);
    const answers = of('answer-application');
    expect(answers.some((e) => e.late)).toBe(true);
    expect(answers.some((e) => !e.late)).toBe(true);
    expect(answers.some((e) => 'reject' in e.decision)).toBe(true);
    for (const answer of answers) {
      const filed = applied.find((a) => a.ref === answer.ref)!;
      const days = (answer.at - filed.at) / 86_400_000;
      // The reply limit is 10 working days: at most 14 calendar days.
      if (answer.late) expect(days).toBeGreaterThan(14);
      else expect(days).toBeLessThan(7);
    }
    const pending = applied.filter((a) => a.timing === 'PENDING');
    expect(pending.length).toBeGreaterThan(0);
    // Pending for longer than any reply limit by the year's end: overdue.
    expect(Math.min(...pending.map((a) => a.at))).toBeLessThan(Date.parse('2025-12-01T00:00:00Z'));
    expect(pending.every((a) => !answers.some((x) => x.ref === a.ref))).toBe(true);
  });

  it('revokes a grant after it was given', () => {
    const revokes = of('revoke');
    expect(revokes.length).toBeGreaterThan(0);
    for (const r of revokes) {
      const answer = of('answer-application').find((a) => a.ref === r.ref)!;
      expect('approve' in answer.decision).toBe(true);
      expect(r.at).toBeGreaterThan(answer.at);
    }
  });

  it('files error reports, answers some late and leaves one pending past its due date', () => {
    const reports = of('report-error');
    const answers = of('answer-report');
    expect(answers.some((a) => a.late)).toBe(true);
    expect(answers.some((a) => 'correct' in a.decision)).toBe(true);
    expect(answers.some((a) => 'reject' in a.decision)).toBe(true);
    for (const a of answers) {
      const filed = reports.find((r) => r.ref === a.ref)!;
      // 5 working days: at most 7 calendar days.
      if (a.late) expect((a.at - filed.at) / 86_400_000).toBeGreaterThan(7);
    }
    const pending = reports.filter((r) => r.timing === 'PENDING');
    expect(pending.length).toBeGreaterThan(0);
    expect(Math.min(...pending.map((r) => r.at))).toBeLessThan(Date.parse('2025-12-15T00:00:00Z'));
    // Never two pending reports of the same item and subject (the second would be refused).
    const keys = reports.map((r) => `${r.input.coordinate}|${r.input.subject.id}`);
    expect(new Set(keys).size).toBe(keys.length);
  });

  it('confirms some systems in the self-inspection for the year', () => {
    const confirmations = of('confirm-inventory');
    expect(confirmations.length).toBeGreaterThan(0);
    expect(confirmations.every((c) => c.year === 2025)).toBe(true);
  });

  it('refuses a year or a count that is not a whole number', () => {
    expect(() => planYear({ year: 2025.5, requests: 10, seed: 1, world })).toThrow(/year/);
    expect(() => planYear({ year: 2025, requests: -1, seed: 1, world })).toThrow(/requests/);
  });
});
