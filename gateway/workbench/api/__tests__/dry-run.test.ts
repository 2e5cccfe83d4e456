import { HttpError } from '../../../../contracts/http/http-error';
import { createOperationLimiter, DEFAULT_OPERATION_LIMITS } from '../../../limits';
import {
  CIVIL,
  fixtureEngine,
  grant,
  grantsOf,
  NO_GRANTS,
} from '../../../policy/__tests__/policy-harness';
import { dryRun, InvalidDocument } from '../dry-run';

const engine = fixtureEngine();
const limiter = createOperationLimiter(DEFAULT_OPERATION_LIMITS, () => engine.schema);
const check = (query: string, grants = NO_GRANTS(CIVIL), operationName: string | null = null) =>
  dryRun(engine, limiter, { query, operationName }, CIVIL, grants);

describe("the policy's dry-run of a document", () => {
  it('marks withheld fields with the reason, the message callers read and where they were asked', () => {
    const query = [
      'query Q {',
      '  p: person(idNumber: "x") {',
      '    name',
      '    ...F',
      '  }',
      '}',
      'fragment F on Person { birthDate criminalRecord }',
    ].join('\n');
    const answer = check(query);
    expect(answer.operationName).toBe('Q');
    expect(answer.withheld).toEqual([
      expect.objectContaining({
        coordinate: 'Person.birthDate',
        reason: 'NO_GRANT',
        message: expect.stringContaining('apply to its owner'),
        condition: 'Age-based eligibility.',
        path: ['p', 'birthDate'],
        locations: [{ line: 7, column: 24 }],
      }),
      expect.objectContaining({
        coordinate: 'Person.criminalRecord',
        reason: 'NOT_SHARED',
        path: ['p', 'criminalRecord'],
        locations: [{ line: 7, column: 34 }],
      }),
    ]);
    expect(answer.masked).toEqual([
      {
        coordinate: 'Person.name',
        mask: 'NAME',
        path: ['p', 'name'],
        locations: [{ line: 3, column: 5 }],
      },
    ]);
  });

  it('decides with the grants and purpose the gateway would: granted fields are not withheld', () => {
    const grants = grantsOf(CIVIL.department, [grant({ clear: true })]);
    const answer = check('{ person(idNumber: "x") { birthDate } }', grants);
    expect(answer.withheld).toEqual([]);
    expect(answer.masked).toEqual([]);
    const otherPurpose = dryRun(
      engine,
      limiter,
      { query: '{ person(idNumber: "x") { birthDate } }', operationName: null },
      { ...CIVIL, purpose: 'HOUSING_SECURITY' },
      grants,
    );
    expect(otherPurpose.withheld.map((w) => w.reason)).toEqual(['PURPOSE_NOT_GRANTED']);
  });

  it('answers a document that does not validate with its GraphQL errors', () => {
    const invalid = (query: string, operationName: string | null = null) => {
      try {
        check(query, undefined, operationName);
      } catch (err) {
        expect(err).toBeInstanceOf(InvalidDocument);
        return (err as InvalidDocument).errors;
      }
      throw new Error('expected the document to be refused');
    };
    expect(invalid('{ person(idNumber: "x") { nope } }')).toEqual([
      expect.objectContaining({
        message: expect.stringContaining('nope'),
        locations: [{ line: 1, column: 27 }],
        extensions: { code: 'GRAPHQL_VALIDATION_FAILED' },
      }),
    ]);
    expect(invalid('{ person(')[0].extensions).toEqual({ code: 'GRAPHQL_PARSE_FAILED' });
    expect(
      invalid(
        'query A { household(number: "1") { number } } query B { household(number: "1") { number } }',
      )[0].extensions,
    ).toEqual({
      code: 'OPERATION_RESOLUTION_FAILURE',
    });
    expect(invalid('query A { household(number: "1") { number } }', 'C')[0].message).toContain(
      '"C"',
    );
  });

  it('applies the operation limits before parsing or validating', () => {
    const aliases = Array.from({ length: 40 }, (_, i) => `a${i}: person(idNumber: "x") { gender }`);
    expect(() => check(`{ ${aliases.join(' ')} }`)).toThrow(HttpError);
    try {
      check(`{ ${aliases.join(' ')} }`);
    } catch (err) {
      expect((err as HttpError).status).toBe(400);
      expect((err as HttpError).code).toBe('MAX_ALIASES_LIMIT');
    }
  });
});
