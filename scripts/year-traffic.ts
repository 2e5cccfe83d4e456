/**
 * npm run traffic:year -- [--year 2025] [--requests 20000] [--seed 7] [--concurrency 4]
 *
 * A year of realistic traffic through the gateway into the audit trail, in minutes: the platform
 * `npm start` runs is brought up in this process over the same databases (stop npm start first),
 * the global Date is replaced by a simulated clock (scripts/year-traffic/simulated-clock.ts), and
 * a seeded plan of the year (year-plan.ts) is sent through the gateway: departments' systems
 * querying with their purposes, the public reading open data, sharing applications answered on
 * time, late or never, revocations, error reports and corrections, self-inspections. Then the
 * clock is put back, the audit journal shipped, everything stopped and a summary printed.
 * Bounded: it stops by itself when the plan is done.
 *
 * The year defaults to the last one; the current year is simulated up to now, a later one is
 * refused.
 */
import { parseArgs } from 'node:util';
import { positiveInt } from './cli/positive-int';
import { readStartOptions } from './start/start-options';
import { chinaToday } from '../domain/china-date';
import { driveYear, DriveSummary } from './year-traffic/drive-year';
import { startInProcessPlatform } from './year-traffic/in-process-platform';
import { installSimulatedClock, SimulatedClock } from './year-traffic/simulated-clock';
import { readTrafficSubjects } from './year-traffic/traffic-subjects';
import { demoTrafficWorld } from './year-traffic/traffic-world';
import { DATA_KINDS, planYear } from './year-traffic/year-plan';

const USAGE =
  'usage: npm run traffic:year -- [--year YYYY] [--requests 20000] [--seed 7] [--concurrency 4] [--persons N]';

function log(line: string): void {
  console.log(`[traffic] ${line}`);
}

function readOptions(argv: string[]) {
  const { values } = parseArgs({
    args: argv,
    options: {
      year: { type: 'string' },
      requests: { type: 'string' },
      seed: { type: 'string' },
      concurrency: { type: 'string' },
      persons: { type: 'string' },
      help: { type: 'boolean' },
    },
  });
  const thisYear = Number(chinaToday().slice(0, 4));
  const year = positiveInt('--year', values.year, thisYear - 1);
  if (year > thisYear) throw new Error(`--year ${year} has not begun (this year is ${thisYear})`);
  if (year < 2000) throw new Error(`--year must be 2000 or later, got ${year}`);
  return {
    help: values.help ?? false,
    year,
    thisYear,
    requests: positiveInt('--requests', values.requests, 20_000),
    seed: positiveInt('--seed', values.seed, 7),
    concurrency: positiveInt('--concurrency', values.concurrency, 4),
    world: readStartOptions(values.persons ? ['--persons', values.persons] : [], process.env),
  };
}

function printSummary(summary: DriveSummary, shipped: number, seconds: (ms: number) => string) {
  const months = summary.dataByMonth
    .map((n, i) => `${String(i + 1).padStart(2, ' ')}月 ${String(n).padStart(6, ' ')}`)
    .join('\n  ');
  const workflow = Object.entries(summary.workflow)
    .map(([kind, n]) => `${kind} ${n}`)
    .join(', ');
  console.log(`
Data requests per month (China time):
  ${months}
Workflow events: ${workflow || 'none'}
HTTP requests ${summary.httpRequests}, partly withheld ${summary.partlyWithheld}, 429 retries ${summary.rateLimitRetries}, failures ${summary.failureCount}
Audit records shipped at the end: ${shipped}
Driving took ${seconds(summary.elapsedMs)}.`);
  for (const f of summary.failures)
    console.log(`  failed: ${f.kind} at ${f.at}: HTTP ${f.status} ${f.message}`);
}

async function main(): Promise<number> {
  const started = performance.now();
  const seconds = (ms: number) => `${(ms / 1000).toFixed(1)} s`;
  const options = readOptions(process.argv.slice(2));
  if (options.help) {
    console.log(USAGE);
    return 0;
  }
  if (options.year === options.thisYear)
    log(`${options.year} is this year: its traffic is simulated up to now, not beyond`);

  const platform = await startInProcessPlatform({
    persons: options.world.persons,
    seed: options.world.seed,
    log: (line) => console.error(line),
  });
  let clock: SimulatedClock | null = null;
  let summary: DriveSummary;
  let shipped = 0;
  try {
    const subjects = await readTrafficSubjects(
      platform.db('population'),
      platform.db('legal-entity'),
    );
    const planned = planYear({
      year: options.year,
      requests: options.requests,
      seed: options.seed,
      world: demoTrafficWorld(subjects),
    });
    // Nothing stamped after the real now: a record from the future would be read as this year's
    // traffic to come, and a later real request would follow it in the chain with an earlier time.
    const now = Date.now();
    const plan = { ...planned, events: planned.events.filter((e) => e.at <= now) };
    const workflow = plan.events.filter((e) => !DATA_KINDS.has(e.kind)).length;
    log(
      `platform up in ${seconds(performance.now() - started)}; ${options.year}: ${options.requests} data requests and ${workflow} workflow events (seed ${options.seed}); not connected: ${plan.silent.join(', ')}`,
    );
    // After start-up: seeding and migrations keep the real date; only the traffic is simulated.
    clock = installSimulatedClock(plan.events[0]?.at ?? Date.UTC(options.year, 0, 1));
    try {
      summary = await driveYear(
        { gatewayUrl: platform.gatewayUrl, headers: platform.headers, clock },
        plan,
        {
          concurrency: options.concurrency,
          progressEvery: 2000,
          onProgress: (done, total, at) =>
            log(`${done}/${total} events, simulated ${chinaToday(new Date(at))}`),
        },
      );
    } finally {
      clock.uninstall();
    }
    log('shipping the audit journal');
    shipped = await platform.shipAudit();
  } finally {
    clock?.uninstall();
    await platform.stop();
  }
  printSummary(summary, shipped, seconds);
  console.log(`Total ${seconds(performance.now() - started)}.`);
  return summary.failureCount > 0 ? 1 : 0;
}

main().then(
  (code) => {
    process.exitCode = code;
    // Everything was stopped; should a stray handle keep the loop alive, the run still ends.
    setTimeout(() => process.exit(code), 5000).unref();
  },
  (err: unknown) => {
    console.error(`[traffic] failed: ${err instanceof Error ? err.message : String(err)}`);
    process.exitCode = 1;
  },
);
