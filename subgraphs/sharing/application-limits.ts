/**
 * An application's request limits in the registry (domain/request-limits.ts): the defaults its
 * usage frequency gives, or the big data bureau's own. Only the bureau sets them: a department
 * that could would lift the very bound that stops its system from enumerating the city.
 */
import {
  effectiveLimits,
  isLimitFrequency,
  LimitFrequency,
  LimitOverrides,
  limitProblem,
  RequestLimits,
} from '../../domain/request-limits';
import type { CallerIdentity } from '../../contracts/caller/caller-identity';
import { badUserInput } from '../kit/user-input';
import { isPlatform } from './access-rules';
import type { ApplicationRow } from './store';

/** What `Application.limits` shows. */
export interface ApplicationLimitsView extends RequestLimits {
  readonly source: 'USAGE_FREQUENCY' | 'BIG_DATA_BUREAU';
  readonly basis: LimitFrequency;
}

/** setApplicationLimits' input: a field omitted or null follows the usage frequency again. */
export interface RequestLimitsInput {
  requestsPerMinute?: number | null;
  burst?: number | null;
  concurrency?: number | null;
}

export type LimitColumns = Pick<
  ApplicationRow,
  'limits_basis' | 'requests_per_minute' | 'request_burst' | 'request_concurrency'
>;

export function mayChangeRequestLimits(caller: CallerIdentity): string | null {
  if (isPlatform(caller)) return null;
  return 'only the big data bureau sets request limits; a department asks it to change its own';
}

/** The frequency the defaults follow; a row written before limits existed follows its usage frequency. */
export function limitBasis(
  row: Pick<ApplicationRow, 'limits_basis' | 'usage_frequency'>,
): LimitFrequency {
  const basis = row.limits_basis ?? row.usage_frequency;
  // Rows are checked when written; a frequency removed since falls to the strictest defaults.
  return isLimitFrequency(basis) ? basis : 'RARELY';
}

function overrides(row: LimitColumns): LimitOverrides {
  // MariaDB may hand integers back as strings in some drivers' modes; numbers either way here.
  const n = (v: number | string | null) => (v === null || v === undefined ? null : Number(v));
  return {
    requestsPerMinute: n(row.requests_per_minute),
    burst: n(row.request_burst),
    concurrency: n(row.request_concurrency),
  };
}

export function applicationLimits(row: ApplicationRow): ApplicationLimitsView {
  const set = overrides(row);
  const basis = limitBasis(row);
  const custom = set.requestsPerMinute !== null || set.burst !== null || set.concurrency !== null;
  return {
    ...effectiveLimits(basis, set),
    source: custom ? 'BIG_DATA_BUREAU' : 'USAGE_FREQUENCY',
    basis,
  };
}

/** The override columns for the input, each checked; BAD_USER_INPUT names the first wrong one. */
export function limitColumns(input: RequestLimitsInput): Omit<LimitColumns, 'limits_basis'> {
  const value = (name: keyof RequestLimits): number | null => {
    const v = input[name];
    if (v === null || v === undefined) return null;
    const problem = limitProblem(name, v);
    if (problem) throw badUserInput(`limits.${name}`, problem, { problem: 'RANGE' });
    return v;
  };
  return {
    requests_per_minute: value('requestsPerMinute'),
    request_burst: value('burst'),
    request_concurrency: value('concurrency'),
  };
}
