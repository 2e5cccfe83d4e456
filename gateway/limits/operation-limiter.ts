/**
 * The limits as the gateway applies them to a request's query text: parse within the token
 * bound, measure in one pass, compare. The answer is cached by document text (a small LRU), so
 * a repeated operation costs one map lookup; a caller sending endlessly varied documents pays
 * one linear pass each, and grows the cache no further than its bound.
 */
import { createHash } from 'node:crypto';
import type { GraphQLSchema } from 'graphql';
import { PlanCache } from '../policy/plan-cache';
import { firstViolation, LimitViolation, violationOf } from './limit-check';
import type { OperationLimits } from './limit-settings';
import { measureDocument } from './operation-measures';
import { parseWithinTokens } from './token-count';

export interface OperationLimiter {
  readonly limits: OperationLimits;
  /** The first limit the document exceeds, or null: within limits, or not a document (Apollo refuses that itself). */
  check(query: string): LimitViolation | null;
  cacheStats(): { size: number; hits: number; misses: number };
}

/** Long texts are keyed by their hash, so the cache's memory stays bounded by entries, not by bodies. */
const KEY_TEXT_UP_TO = 2048;

export function createOperationLimiter(
  limits: OperationLimits,
  schema: () => GraphQLSchema | null,
  cacheSize = 1000,
): OperationLimiter {
  const cache = new PlanCache<{ violation: LimitViolation | null }>(cacheSize);
  let cachedFor: GraphQLSchema | null = null;

  const decide = (query: string, current: GraphQLSchema | null): LimitViolation | null => {
    const parsed = parseWithinTokens(query, limits.maxTokens);
    if (parsed.kind === 'unparsable') return null;
    if (parsed.kind === 'too-many-tokens') return violationOf('tokens', parsed.tokens, limits);
    const m = measureDocument(parsed.document, current, limits);
    return firstViolation(
      {
        tokens: parsed.tokens,
        depth: m.depth,
        aliases: m.aliases,
        rootFields: m.rootFields,
        selections: m.selections,
        cost: m.cost,
      },
      limits,
    );
  };

  return {
    limits,
    check(query) {
      const current = schema();
      // Costs read list types from the schema: a new supergraph can change them.
      if (current !== cachedFor) {
        cache.clear();
        cachedFor = current;
      }
      const key =
        query.length <= KEY_TEXT_UP_TO
          ? query
          : `#${createHash('sha256').update(query).digest('base64')}`;
      const cached = cache.get(key);
      if (cached) return cached.violation;
      const violation = decide(query, current);
      cache.set(key, { violation });
      return violation;
    },
    cacheStats: () => ({ size: cache.size, hits: cache.hits, misses: cache.misses }),
  };
}
