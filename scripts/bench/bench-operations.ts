/**
 * The operations the benchmark measures, as data: the full operation sent through a gateway,
 * and the part of it that the root field's subgraph answers alone, sent to that subgraph
 * directly. Each has many argument sets from the seeded data (bench-fixtures.ts), each with a
 * check of its answer (no `errors`, the expected data present) that must pass on a target
 * before the operation is measured there. One file per operation:
 * applicant-profile-operation.ts, region-dashboard-operation.ts, people-page-operation.ts,
 * case-bound-pull-operation.ts (only on some targets, with its own caller: see `targets`, `prepare`).
 */
import type { SubgraphName } from '../../contracts/subgraph-directory';
import { applicantProfile } from './applicant-profile-operation';
import type { BenchFixtures } from './bench-fixtures';
import { caseBoundPull } from './case-bound-pull-operation';
import { peoplePage } from './people-page-operation';
import { regionDashboard } from './region-dashboard-operation';

/** A request's text, or the SHA-256 of a persisted document registered for the caller. */
export type GraphQLRequestBody = {
  operationName?: string;
  variables: Record<string, unknown>;
} & ({ query: string } | { documentId: string });

/**
 * What a target's answers are expected to look like: `masked` where it enforces the sharing
 * policy for a caller whose grant is masked (脱敏), so ID numbers, names, dates and addresses
 * come back masked rather than equal to the seeded values.
 */
export interface CheckExpectation {
  masked: boolean;
}

/** One request and what its `data` must hold; `check` returns the problem, or null. */
export interface RequestVariant {
  body: GraphQLRequestBody;
  check(data: unknown, expect?: CheckExpectation): string | null;
}

export interface OperationRequest {
  /** The load rotates through these, so concurrent requests differ. */
  variants: RequestVariant[];
}

export interface BenchOperation {
  /** Short name, for `--only` and the tables. */
  name: string;
  /** What is asked, for BENCHMARKS.md. */
  description: string;
  /** The whole operation, through a gateway. */
  gateway: OperationRequest;
  /** The root subgraph's share, sent to it directly; `scope` says what it leaves out. */
  direct: (OperationRequest & { subgraph: SubgraphName; scope: string }) | null;
  /** Only these gateway targets (names), and why; the others skip the operation. @default all */
  targets?: { only: readonly string[]; why: string };
  /**
   * Run once before any check, through the first of the operation's gateway targets (e.g. open
   * an approval case); returns the headers its gateway requests carry instead of the target's.
   * Throws when the operation cannot be measured. @default none: the target's headers
   */
  prepare?(ctx: PrepareContext): Promise<Record<string, string>>;
}

/** What an operation's `prepare` works with. */
export interface PrepareContext {
  /** The gateway's GraphQL endpoint. */
  url: string;
  /** The environment of the bench processes (DATA_DIR included: dev keys live under it). */
  env: NodeJS.ProcessEnv;
  log: (line: string) => void;
}

export const OPERATION_NAMES: readonly string[] = [
  'applicant-profile',
  'region-dashboard',
  'people-page',
  'case-bound-pull',
];

export function benchOperations(fixtures: BenchFixtures): BenchOperation[] {
  return [
    applicantProfile(fixtures.applicants),
    regionDashboard(fixtures.dashboards),
    peoplePage(fixtures.peoplePages),
    caseBoundPull(fixtures.applicants),
  ];
}

export function checkOperationNames(names: string[] | null): void {
  const unknown = names?.filter((n) => !OPERATION_NAMES.includes(n)) ?? [];
  if (unknown.length > 0)
    throw new Error(
      `--only: unknown operation(s) ${unknown.join(', ')}; known: ${OPERATION_NAMES.join(', ')}`,
    );
}
