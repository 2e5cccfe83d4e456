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
import { timeRounds } from '../../../test/utils/micro-bench';

const schema = apiSchema();

const time = (label: string, n: number, fn: (i: number) => void): void =>
  timeRounds(label, n, fn, { labelWidth: 64, digits: 2 });

for (const query of benchQueries()) {
  const name = /query (\w+)/.exec(query)?.[1] ?? 'anonymous';
  const hitLimiter = createOperationLimiter(DEFAULT_OPERATION_LIMITS, () => schema);
  const missLimiter = createOperationLimiter(DEFAULT_OPERATION_LIMITS, () => schema, 2);
  time(`${name}: limits, cache hit`, 100_000, () => hitLimiter.check(query));
  time(`${name}: limits, miss (parse + measure)`, 2000, (i) =>
    missLimiter.check(`${query}\n#${i}`),
  );
  const document = parse(query);
  time(`${name}: for scale, graphql-js validate()`, 2000, () => validate(schema, document));
}
const attack = doublingDocument({ levels: 60 });
const limiter = createOperationLimiter(DEFAULT_OPERATION_LIMITS, () => schema, 2);
time('60-level doubling fragments (2^60 routes): limits, miss', 200, (i) =>
  limiter.check(`${attack}\n#${i}`),
);
