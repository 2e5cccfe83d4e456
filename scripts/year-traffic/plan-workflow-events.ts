/**
 * Plans the year's workflow events: sharing applications with their answers and revocations,
 * error reports with their answers, and inventory self-inspections, on working days.
 */
import { Calendar, CHINA_OFFSET_MS, DAY_MS, isoDay } from './plan-calendar';
import { callerOf, PlannedEvent } from './planned-event';
import type { TrafficWorld } from './traffic-world';

/** The plan's seeded draws, shared with the data requests so one seed gives one plan. */
export interface PlanDraws {
  pick<T>(list: readonly T[]): T;
  between(lo: number, hi: number): number;
  /** An instant on `day` in office hours, China time. */
  officeInstant(day: string): number;
}

/** Appends the workflow events to `events`, drawing in the order the specs are listed. */
export function planWorkflowEvents(
  world: TrafficWorld,
  year: number,
  calendar: Calendar,
  draws: PlanDraws,
  events: PlannedEvent[],
): void {
  const { pick, between, officeInstant } = draws;
  const appById = new Map(world.applications.map((a) => [a.id, a]));
  const appOf = (id: string) => {
    const app = appById.get(id);
    if (!app) throw new Error(`the traffic world has no calling application ${id}`);
    return app;
  };
  /** A working day in the first half of the month, in office hours. */
  const filedIn = (month: number) => {
    const day = calendar.workingOnOrAfter(
      `${year}-${String(month).padStart(2, '0')}-${String(between(1, 15)).padStart(2, '0')}`,
    );
    return officeInstant(day);
  };
  /**
   * The answer day: on time is within 4 calendar days (the limits are 10 working days for
   * applications, 5 for error reports); late is well past them, whatever the weekends.
   */
  const answeredAfter = (filed: number, late: boolean) => {
    const days = late ? between(21, 30) : between(1, 3);
    return officeInstant(
      calendar.workingOnOrAfter(isoDay(filed + CHINA_OFFSET_MS + days * DAY_MS)),
    );
  };

  world.sharingApplications.forEach((spec, i) => {
    const app = appOf(spec.application);
    const ref = `application-${i + 1}`;
    const filed = filedIn(spec.month);
    const caller = callerOf(app, pick(app.operators));
    events.push({
      kind: 'apply',
      at: filed,
      ref,
      caller,
      timing: spec.timing,
      input: {
        items: spec.items,
        purposes: spec.purposes,
        justification: spec.justification,
        application: app.id,
        clear: spec.clear,
      },
    });
    if (spec.timing === 'PENDING' || !spec.answer) return;
    const answered = answeredAfter(filed, spec.timing === 'LATE');
    events.push({
      kind: 'answer-application',
      at: answered,
      ref,
      late: spec.timing === 'LATE',
      decision: spec.answer,
    });
    if (spec.revoke && 'approve' in spec.answer) {
      const at = Math.max(filedIn(spec.revoke.month), answered + DAY_MS);
      events.push({ kind: 'revoke', at, ref, reason: spec.revoke.reason });
    }
  });

  world.errorReports.forEach((spec, i) => {
    const app = appOf(spec.application);
    const ref = `error-report-${i + 1}`;
    const filed = filedIn(spec.month);
    // A different subject for each report: a second pending report of the same item and subject is refused.
    const pool = spec.subjectKind === 'PERSON' ? world.persons : world.entities;
    events.push({
      kind: 'report-error',
      at: filed,
      ref,
      caller: callerOf(app, pick(app.operators)),
      timing: spec.timing,
      input: {
        coordinate: spec.coordinate,
        subject: { kind: spec.subjectKind, id: pool[(i * 7) % pool.length] },
        problem: spec.problem,
        evidence: spec.evidence,
      },
    });
    if (spec.timing === 'PENDING' || !spec.answer) return;
    events.push({
      kind: 'answer-report',
      at: answeredAfter(filed, spec.timing === 'LATE'),
      ref,
      late: spec.timing === 'LATE',
      decision: spec.answer,
    });
  });

  for (const spec of world.confirmations) {
    events.push({
      kind: 'confirm-inventory',
      at: filedIn(spec.month),
      caller: {
        department: spec.department,
        application: null,
        operator: `inventory@${spec.department}`,
      },
      application: spec.application,
      year,
      ...(spec.corrections ? { corrections: spec.corrections } : {}),
    });
  }
}
