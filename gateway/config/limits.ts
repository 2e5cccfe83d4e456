/**
 * How large a request and an operation the gateway accepts before spending anything on it
 * (gateway/limits/ says why each bound exists).
 */
import {
  integerSetting,
  SettingsEnv,
  switchSetting,
} from '../../contracts/settings/setting-values';
import {
  DEFAULT_MAX_BODY_BYTES,
  DEFAULT_OPERATION_LIMITS,
  OperationLimits,
} from '../limits/limit-settings';

export interface LimitSettings {
  /**
   * Request bodies above this many bytes are refused with HTTP 413 PAYLOAD_TOO_LARGE
   * (`GATEWAY_MAX_BODY_BYTES`, 1 KiB to 16 MiB), before anything is parsed. @default 262144
   */
  readonly maxBodyBytes: number;
  /**
   * Bounds on tokens, depth, aliases, root fields, selections and estimated cost, checked before
   * validation (gateway/limits/; each refusal HTTP 400 with its own code). Null with
   * `GATEWAY_OPERATION_LIMITS=off`, only to measure what the limits cost (benchmarks): the
   * gateway then warns at every start. Each bound: `OPERATION_MAX_TOKENS` (@default 10000),
   * `OPERATION_MAX_DEPTH` (@default 20), `OPERATION_MAX_ALIASES` (@default 30),
   * `OPERATION_MAX_ROOT_FIELDS` (@default 20), `OPERATION_MAX_SELECTIONS` (@default 1500),
   * `OPERATION_MAX_COST` (@default 50000), `OPERATION_COST_LIST_SIZE` (@default 10),
   * `OPERATION_COST_MAX_LIST_SIZE` (@default 100).
   */
  readonly operationLimits: OperationLimits | null;
}

function operationLimits(env: SettingsEnv): OperationLimits | null {
  if (!switchSetting(env, 'GATEWAY_OPERATION_LIMITS', true)) return null;
  const d = DEFAULT_OPERATION_LIMITS;
  return Object.freeze({
    maxTokens: integerSetting(env, 'OPERATION_MAX_TOKENS', d.maxTokens, 10, 1_000_000),
    maxDepth: integerSetting(env, 'OPERATION_MAX_DEPTH', d.maxDepth, 1, 1000),
    maxAliases: integerSetting(env, 'OPERATION_MAX_ALIASES', d.maxAliases, 0, 100_000),
    maxRootFields: integerSetting(env, 'OPERATION_MAX_ROOT_FIELDS', d.maxRootFields, 1, 100_000),
    maxSelections: integerSetting(env, 'OPERATION_MAX_SELECTIONS', d.maxSelections, 1, 10_000_000),
    maxCost: integerSetting(env, 'OPERATION_MAX_COST', d.maxCost, 1, 1_000_000_000),
    defaultListSize: integerSetting(env, 'OPERATION_COST_LIST_SIZE', d.defaultListSize, 1, 100_000),
    maxListSize: integerSetting(env, 'OPERATION_COST_MAX_LIST_SIZE', d.maxListSize, 1, 100_000),
  });
}

export function readLimitSettings(env: SettingsEnv): LimitSettings {
  return Object.freeze({
    maxBodyBytes: integerSetting(
      env,
      'GATEWAY_MAX_BODY_BYTES',
      DEFAULT_MAX_BODY_BYTES,
      1024,
      16 * 1_048_576,
    ),
    operationLimits: operationLimits(env),
  });
}
