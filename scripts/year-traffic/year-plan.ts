/**
 * A year of platform traffic as a list of timed events, planned without touching anything: the
 * same seed gives the same plan. Volume follows the working year of a Chinese city government
 * (quiet around the Spring Festival in February, busy March to June and September to November),
 * requests fall mostly in office hours on working days in China time, each application system
 * calls with its own purpose, operations and caseload, and the anonymous public reads open
 * data. Workflow events (sharing applications and their answers, revocations, error reports and
 * corrections, inventory self-inspections) are spread over the year, some answered late and some
 * left pending past their due date, so the yearly report has something of every kind to count.
 */
import { calendarOf, chinaInstant } from './plan-calendar';
import { planWorkflowEvents } from './plan-workflow-events';
import { callerOf, PlannedEvent } from './planned-event';
import type { TrafficApplication, TrafficWorld } from './traffic-world';
import { mulberry32 } from '../random/mulberry32';

export { chinaInstant, chinaMonthOf } from './plan-calendar';
export {
  DATA_KINDS,
  type PlannedCaller,
  type PlannedEvent,
  type PlannedEventKind,
} from './planned-event';

export interface YearPlanOptions {
  year: number;
  /** Data requests (queries and open data) over the year; workflow events come on top. */
  requests: number;
  seed: number;
  world: TrafficWorld;
}

export interface YearPlan {
  readonly year: number;
  readonly seed: number;
  /** In time order. */
  readonly events: readonly PlannedEvent[];
  /** Registered systems the plan never calls as (not connected). */
  readonly silent: readonly string[];
}

/**
 * Relative volume per month: the Spring Festival empties February, the National Day week thins
 * October, spring and autumn are the busy seasons of approvals and benefits.
 */
export const MONTH_WEIGHTS: readonly number[] = [
  0.9, 0.55, 1.1, 1.1, 1.05, 1.15, 0.9, 0.85, 1.1, 0.95, 1.15, 1.0,
];

/** Splits `total` over the weights so the parts add up exactly (largest remainders). */
function apportion(total: number, weights: readonly number[]): number[] {
  const sum = weights.reduce((a, b) => a + b, 0);
  const exact = weights.map((w) => (sum > 0 ? (total * w) / sum : 0));
  const parts = exact.map(Math.floor);
  const order = exact.map((e, i) => [e - Math.floor(e), i] as const).sort((a, b) => b[0] - a[0]);
  const missing = total - parts.reduce((a, b) => a + b, 0);
  for (let k = 0; k < missing; k++) parts[order[k][1]]++;
  return parts;
}

export function planYear(options: YearPlanOptions): YearPlan {
  const { year, world } = options;
  if (!Number.isInteger(year) || year < 2000 || year > 2100)
    throw new RangeError(`year must be a whole year between 2000 and 2100, got ${year}`);
  if (!Number.isInteger(options.requests) || options.requests < 0)
    throw new RangeError(`requests must be a whole number, got ${options.requests}`);
  const random = mulberry32(options.seed);
  const pick = <T>(list: readonly T[]): T => list[Math.floor(random() * list.length)];
  const between = (lo: number, hi: number) => lo + Math.floor(random() * (hi - lo + 1));
  const calendar = calendarOf(year);
  const events: PlannedEvent[] = [];

  /** Office hours: 08:30–12:00 and 13:30–17:30. */
  const officeMinute = () =>
    random() < 0.45 ? between(8 * 60 + 30, 11 * 60 + 59) : between(13 * 60 + 30, 17 * 60 + 29);
  const officeInstant = (day: string) => chinaInstant(day, officeMinute()) + between(0, 59_999);

  // Data requests, month by month.
  const perMonth = apportion(options.requests, MONTH_WEIGHTS);
  type Source = { app: TrafficApplication } | { open: true };
  for (let month = 1; month <= 12; month++) {
    const sources: Source[] = [...world.applications.map((app) => ({ app })), { open: true }];
    const weights = sources.map((s) =>
      'open' in s ? world.openData.share : s.app.share * (s.app.seasonal?.[month] ?? 1),
    );
    const total = weights.reduce((a, b) => a + b, 0);
    const days = calendar.days(month);
    const working = calendar.workingDays(month);
    for (let n = 0; n < perMonth[month - 1]; n++) {
      let r = random() * total;
      let i = 0;
      while (i < sources.length - 1 && (r -= weights[i]) >= 0) i++;
      const source = sources[i];
      if ('open' in source) {
        // The public reads open data any day, mostly in the daytime and evening.
        const minute = random() < 0.8 ? between(8 * 60, 22 * 60) : between(0, 24 * 60 - 1);
        const at = chinaInstant(pick(days), minute) + between(0, 59_999);
        if (random() < 0.6)
          events.push({ kind: 'open-graphql', at, query: pick(world.openData.queries) });
        else events.push({ kind: 'open-download', at, path: pick(world.openData.downloads) });
        continue;
      }
      const { app } = source;
      const overtime = random() < 0.06;
      const day = overtime || working.length === 0 ? pick(days) : pick(working);
      const at = overtime
        ? chinaInstant(day, between(7 * 60, 22 * 60)) + between(0, 59_999)
        : officeInstant(day);
      const q = weightedQuery(app, random);
      const variables: Record<string, string> = {};
      if (q.subject)
        variables[q.subject.variable] = pick(
          q.subject.kind === 'PERSON' ? world.persons : world.entities,
        );
      events.push({
        kind: 'query',
        at,
        caller: callerOf(app, pick(app.operators)),
        query: q.query,
        variables,
      });
    }
  }

  planWorkflowEvents(world, year, calendar, { pick, between, officeInstant }, events);

  // Stable: events at the same instant keep the order they were planned in.
  const ordered = events
    .map((event, i) => ({ event, i }))
    .sort((a, b) => a.event.at - b.event.at || a.i - b.i)
    .map(({ event }) => event);
  return { year, seed: options.seed, events: ordered, silent: world.silent.map((s) => s.id) };
}

function weightedQuery(app: TrafficApplication, random: () => number) {
  const total = app.queries.reduce((a, q) => a + (q.weight ?? 1), 0);
  let r = random() * total;
  for (const q of app.queries) if ((r -= q.weight ?? 1) < 0) return q;
  return app.queries[app.queries.length - 1];
}
