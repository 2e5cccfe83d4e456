/**
 * Prints what the operation limits cost per request on the committed supergraph, for the
 * benchmark operations: a cache hit (the steady state: one map lookup by document text), a miss
 * (parse within the token bound, one measuring pass, compare), and graphql-js validation of the
 * same document for scale. Run: npx tsx gateway/limits/__bench__/limits-bench.ts.
 * Numbers, not assertions (CONVENTIONS.md). The end-to-end comparison is the bench target with
 * `GATEWAY_OPERATION_LIMITS=off` against the same target with limits on.
 */
import { parse, validate } from 'graphql';
import { DEFAULT_OPERATION_LIMITS } from '../limit-settings';
import { createOperationLimiter } from '../operation-limiter';
import { apiSchema, benchQueries } from '../__tests__/known-operations';
import { doublingDocument } from '../../../test/utils/doubling-documents';

const schema = apiSchema();

/** Five rounds after a warm-up; prints the fastest and the median, since a shared machine adds noise. */
function time(label: string, n: number, fn: (i: number) => void): void {
  for (let i = 0; i < Math.min(n, 200); i++) fn(-1 - i);
  const rounds: number[] = [];
  for (let r = 0; r < 5; r++) {
    const start = process.hrtime.bigint();
    for (let i = 0; i < n; i++) fn(r * n + i);
    rounds.push(Number(process.hrtime.bigint() - start) / 1000 / n);
  }
  rounds.sort((a, b) => a - b);
  console.log(`${label.padEnd(64)} min ${rounds[0].toFixed(2).padStart(8)} µs  median ${rounds[2].toFixed(2).padStart(8)} µs  (5 × ${n})`);
}

for (const query of benchQueries()) {
  const name = /query (\w+)/.exec(query)?.[1] ?? 'anonymous';
  const hitLimiter = createOperationLimiter(DEFAULT_OPERATION_LIMITS, () => schema);
  const missLimiter = createOperationLimiter(DEFAULT_OPERATION_LIMITS, () => schema, 2);
  time(`${name}: limits, cache hit`, 100_000, () => hitLimiter.check(query));
  time(`${name}: limits, miss (parse + measure)`, 2000, (i) => missLimiter.check(`${query}\n#${i}`));
  const document = parse(query);
  time(`${name}: for scale, graphql-js validate()`, 2000, () => validate(schema, document));
}
const attack = doublingDocument({ levels: 60 });
const limiter = createOperationLimiter(DEFAULT_OPERATION_LIMITS, () => schema, 2);
time('60-level doubling fragments (2^60 routes): limits, miss', 200, (i) => limiter.check(`${attack}\n#${i}`));
