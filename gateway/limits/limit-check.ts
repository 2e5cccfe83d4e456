/**
 * Which limit, if any, an operation's measures exceed: the first in a fixed order (tokens, then
 * depth, aliases, root fields, selections, cost), so a refusal names one limit and its numbers.
 */
import { ErrorCode } from '../../domain/error-codes';
import type { OperationLimits } from './limit-settings';

export type LimitName = 'tokens' | 'depth' | 'aliases' | 'rootFields' | 'selections' | 'cost';

export interface LimitViolation {
  readonly code: string;
  readonly message: string;
  /** For the error's `extensions.limit`. */
  readonly limit: { readonly name: LimitName; readonly max: number; readonly measured: number };
}

interface LimitRule {
  readonly name: LimitName;
  readonly code: string;
  readonly max: (limits: OperationLimits) => number;
  readonly what: string;
}

const RULES: readonly LimitRule[] = [
  { name: 'tokens', code: ErrorCode.MAX_TOKENS_LIMIT, max: (l) => l.maxTokens, what: 'tokens' },
  {
    name: 'depth',
    code: ErrorCode.MAX_DEPTH_LIMIT,
    max: (l) => l.maxDepth,
    what: 'levels of nested fields',
  },
  {
    name: 'aliases',
    code: ErrorCode.MAX_ALIASES_LIMIT,
    max: (l) => l.maxAliases,
    what: 'aliased fields',
  },
  {
    name: 'rootFields',
    code: ErrorCode.MAX_ROOT_FIELDS_LIMIT,
    max: (l) => l.maxRootFields,
    what: 'root fields',
  },
  {
    name: 'selections',
    code: ErrorCode.MAX_SELECTIONS_LIMIT,
    max: (l) => l.maxSelections,
    what: 'field selections after expanding fragments',
  },
  {
    name: 'cost',
    code: ErrorCode.COST_ESTIMATED_TOO_EXPENSIVE,
    max: (l) => l.maxCost,
    what: 'estimated cost',
  },
];

export function violationOf(
  name: LimitName,
  measured: number,
  limits: OperationLimits,
): LimitViolation | null {
  const rule = RULES.find((r) => r.name === name)!;
  const max = rule.max(limits);
  if (measured <= max) return null;
  const shown = measured >= 1e15 ? 'more than 10^15' : String(measured);
  return {
    code: rule.code,
    message: `The operation exceeds the gateway's limit of ${max} ${rule.what} (it has ${shown}).`,
    limit: { name, max, measured },
  };
}

export function firstViolation(
  measures: Readonly<Record<LimitName, number>>,
  limits: OperationLimits,
): LimitViolation | null {
  for (const rule of RULES) {
    const violation = violationOf(rule.name, measures[rule.name], limits);
    if (violation) return violation;
  }
  return null;
}
