import { buildSchema } from 'graphql';
import { DEFAULT_OPERATION_LIMITS } from '../limit-settings';
import { createOperationLimiter } from '../operation-limiter';
import { apiSchema } from './known-operations';

const schema = apiSchema();

describe('the operation limiter', () => {
  it('refuses with the first exceeded limit and passes what is within all of them', () => {
    const limiter = createOperationLimiter(
      { ...DEFAULT_OPERATION_LIMITS, maxAliases: 1 },
      () => schema,
    );
    expect(limiter.check('{ a: person(idNumber: "1") { name } }')).toBeNull();
    expect(
      limiter.check('{ a: person(idNumber: "1") { name } b: person(idNumber: "2") { name } }'),
    ).toMatchObject({ code: 'MAX_ALIASES_LIMIT', limit: { max: 1, measured: 2 } });
  });

  it('answers a repeated document from its cache', () => {
    const limiter = createOperationLimiter(DEFAULT_OPERATION_LIMITS, () => schema);
    const query = '{ person(idNumber: "1") { name } }';
    limiter.check(query);
    limiter.check(query);
    limiter.check(`${query} `);
    expect(limiter.cacheStats()).toMatchObject({ hits: 1, misses: 2 });
  });

  it('keeps long documents by hash, and a new schema empties the cache', () => {
    let current = schema;
    const limiter = createOperationLimiter(DEFAULT_OPERATION_LIMITS, () => current);
    const long = `{ person(idNumber: "1") { name } }${' '.repeat(5000)}`;
    limiter.check(long);
    limiter.check(long);
    expect(limiter.cacheStats().hits).toBe(1);
    current = buildSchema('type Query { a: Int }');
    limiter.check(long);
    expect(limiter.cacheStats()).toMatchObject({ size: 1, misses: 2 });
  });

  it('leaves a document that does not parse to Apollo', () => {
    expect(
      createOperationLimiter(DEFAULT_OPERATION_LIMITS, () => schema).check('{ person('),
    ).toBeNull();
  });

  it('refuses too many tokens before building the document', () => {
    const limiter = createOperationLimiter(
      { ...DEFAULT_OPERATION_LIMITS, maxTokens: 10 },
      () => null,
    );
    expect(limiter.check('{ person(idNumber: "1") { name } }')).toMatchObject({
      code: 'MAX_TOKENS_LIMIT',
      limit: { max: 10, measured: 11 },
    });
  });
});
