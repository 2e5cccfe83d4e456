/**
 * The defaults let through everything the platform documents and measures, and refuse the
 * attacks of issue 7: 500 aliased lookups of guessed ID numbers, doubling fragments.
 */
import { DEFAULT_OPERATION_LIMITS } from '../limit-settings';
import { createOperationLimiter } from '../operation-limiter';
import { aliasedDoublingDocument, doublingDocument } from '../../../test/utils/doubling-documents';
import { apiSchema, benchQueries, INTROSPECTION_QUERY, readmeOperations } from './known-operations';

const schema = apiSchema();
const limiter = createOperationLimiter(DEFAULT_OPERATION_LIMITS, () => schema);

describe('the default operation limits', () => {
  it.each(readmeOperations().map((q) => [q.split('\n')[0], q]))(
    'pass the README’s operation %s',
    (_first, query) => {
      expect(limiter.check(query)).toBeNull();
    },
  );

  it('pass the README’s applicant profile from five subgraphs', () => {
    const profile = readmeOperations().find((q) => q.includes('ApplicantProfile'));
    expect(profile).toBeDefined();
    expect(limiter.check(profile!)).toBeNull();
  });

  it.each(benchQueries().map((q) => [q.split('\n')[0], q]))(
    'pass the benchmark operation %s',
    (_first, query) => {
      expect(limiter.check(query)).toBeNull();
    },
  );

  it('pass GraphiQL’s introspection query', () => {
    expect(limiter.check(INTROSPECTION_QUERY)).toBeNull();
  });

  it('refuse 500 aliased person(idNumber:) lookups', () => {
    const lookups = Array.from(
      { length: 500 },
      (_, i) =>
        `p${i}: person(idNumber: "32068519960915${String(i).padStart(4, '0')}") { name gender }`,
    );
    expect(limiter.check(`{ ${lookups.join('\n')} }`)).toMatchObject({
      code: 'MAX_ALIASES_LIMIT',
      limit: { measured: 500 },
    });
  });

  it.each([16, 30, 60])(
    'refuse fragments that each spread two others, %i levels deep',
    (levels) => {
      expect(limiter.check(doublingDocument({ levels }))?.code).toBe('MAX_SELECTIONS_LIMIT');
      expect(limiter.check(aliasedDoublingDocument(levels))?.code).toMatch(
        /^MAX_(DEPTH|ALIASES)_LIMIT$/,
      );
    },
  );
});
