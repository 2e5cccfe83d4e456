/**
 * `npm run bench -- [options]`: what to measure and for how long. Every run is bounded: its
 * length is about rounds × operations × targets × (warm-up + duration), plus start-up, or
 * with --soak the soak's seconds.
 */
import { parseArgs } from 'node:util';

export interface BenchOptions {
  /** Seconds of one measurement (one autocannon run). @default 5 */
  duration: number;
  /** Seconds of load before each measurement, discarded (twice as long in the first round). @default 1 */
  warmup: number;
  /** Concurrent keep-alive connections of the load generator. @default 16 */
  connections: number;
  /**
   * Interleaved rounds; each cell's figures are the median over rounds. Several short rounds
   * beat one long one on a shared machine: each target then meets the same mix of other load.
   * @default 4
   */
  rounds: number;
  /** Operations to measure (names from bench-operations.ts). @default all */
  only: string[] | null;
  /** Targets to measure (names from bench-targets.ts). @default all */
  targets: string[] | null;
  /** Size of the demo city in the bench data folder; a folder of another size is re-seeded. @default 20000 */
  persons: number;
  /** Folder of the bench's SQLite files (kept apart from ./data). @default data/bench */
  dataDir: string;
  /**
   * Rewrite the BENCHMARKS.md section: `true` forces it, `false` forbids it, `null` writes
   * only after a complete run (all operations and targets), so a quick partial run does not
   * replace the recorded table.
   */
  write: boolean | null;
  /** Write a V8 CPU profile of each gateway and subgraph process into <dataDir>/profiles. @default false */
  cpuProf: boolean;
  /**
   * Instead of rounds: seconds of continuous load on one gateway and one operation, its RSS
   * sampled throughout (memory-soak.ts); `--targets` then defaults to ours-audited and `--only`
   * to people-page. @default null (no soak)
   */
  soak: number | null;
}

/** What `--soak` measures unless told otherwise: the production configuration on the largest answer. */
export const SOAK_DEFAULTS = { targets: ['ours-audited'], only: ['people-page'] } as const;

function positive(flag: string, value: string | undefined, fallback: number, max: number): number {
  if (value === undefined) return fallback;
  const n = Number(value.replace(/_/g, ''));
  if (!Number.isInteger(n) || n < 1 || n > max)
    throw new Error(`${flag} must be an integer from 1 to ${max}, got "${value}"`);
  return n;
}

function nonNegative(
  flag: string,
  value: string | undefined,
  fallback: number,
  max: number,
): number {
  if (value === undefined) return fallback;
  const n = Number(value);
  if (!Number.isInteger(n) || n < 0 || n > max)
    throw new Error(`${flag} must be an integer from 0 to ${max}, got "${value}"`);
  return n;
}

function list(value: string | undefined): string[] | null {
  if (value === undefined) return null;
  const items = value
    .split(',')
    .map((s) => s.trim())
    .filter(Boolean);
  return items.length > 0 ? items : null;
}

export function readBenchOptions(argv: string[]): BenchOptions {
  const { values } = parseArgs({
    args: argv,
    strict: true,
    options: {
      duration: { type: 'string' },
      warmup: { type: 'string' },
      connections: { type: 'string' },
      rounds: { type: 'string' },
      only: { type: 'string' },
      targets: { type: 'string' },
      persons: { type: 'string' },
      'data-dir': { type: 'string' },
      write: { type: 'boolean' },
      'no-write': { type: 'boolean' },
      'cpu-prof': { type: 'boolean' },
      soak: { type: 'string' },
    },
  });
  if (values.write && values['no-write'])
    throw new Error('--write and --no-write contradict each other');
  const soak = values.soak === undefined ? null : positive('--soak', values.soak, 600, 3600);
  return {
    duration: positive('--duration', values.duration, 5, 600),
    warmup: nonNegative('--warmup', values.warmup, 1, 60),
    connections: positive('--connections', values.connections, 16, 1000),
    rounds: positive('--rounds', values.rounds, 4, 50),
    only: list(values.only) ?? (soak ? [...SOAK_DEFAULTS.only] : null),
    targets: list(values.targets) ?? (soak ? [...SOAK_DEFAULTS.targets] : null),
    persons: positive('--persons', values.persons, 20_000, 10_000_000),
    dataDir: values['data-dir'] ?? 'data/bench',
    write: values.write ? true : values['no-write'] ? false : null,
    cpuProf: values['cpu-prof'] ?? false,
    soak,
  };
}

/** The command line as typed, for the record in BENCHMARKS.md. */
export function benchCommand(argv: string[]): string {
  return argv.length > 0 ? `npm run bench -- ${argv.join(' ')}` : 'npm run bench';
}
