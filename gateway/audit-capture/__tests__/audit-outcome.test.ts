import { decideOutcome, ResponseFacts } from '../audit-outcome';

const facts = (over: Partial<ResponseFacts>): ResponseFacts => ({
  status: 200,
  refusal: null,
  executed: true,
  hasData: true,
  errors: [],
  ...over,
});
const err = (code: string | null, subgraph: string | null = null) => ({ code, subgraph });

describe('the outcome of a request', () => {
  it.each<[string, Partial<ResponseFacts>, string, string[]]>([
    ['served in full', {}, 'ok', []],
    [
      'served with fields withheld',
      { errors: [err('FORBIDDEN_FIELD'), err('FORBIDDEN_FIELD')] },
      'denied-fields',
      ['FORBIDDEN_FIELD'],
    ],
    ['served with other errors', { errors: [err('NOT_FOUND')] }, 'partial', ['NOT_FOUND']],
    [
      'a subgraph could not answer',
      { errors: [err('SUBGRAPH_UNAVAILABLE', 'credit'), err('FORBIDDEN_FIELD')] },
      'subgraph-failed',
      ['FORBIDDEN_FIELD', 'SUBGRAPH_UNAVAILABLE', 'SUBGRAPH_UNAVAILABLE:credit'],
    ],
    [
      'executed without data',
      { hasData: false, errors: [err(null)] },
      'error',
      ['INTERNAL_SERVER_ERROR'],
    ],
    [
      'no token',
      { status: 401, executed: false, refusal: { status: 401, code: 'UNAUTHENTICATED' } },
      'unauthenticated',
      ['UNAUTHENTICATED'],
    ],
    [
      'an inactive application',
      { status: 403, executed: false, refusal: { status: 403, code: 'FORBIDDEN' } },
      'refused',
      ['FORBIDDEN'],
    ],
    [
      'over a rate limit',
      { status: 429, executed: false, refusal: { status: 429, code: 'RATE_LIMITED' } },
      'refused',
      ['RATE_LIMITED'],
    ],
    [
      'the registry down',
      { status: 503, executed: false, refusal: { status: 503, code: 'REGISTRY_UNAVAILABLE' } },
      'refused',
      ['REGISTRY_UNAVAILABLE'],
    ],
    [
      'a body that is not JSON',
      { status: 400, executed: false, refusal: { status: 400, code: 'BAD_REQUEST' } },
      'invalid',
      ['BAD_REQUEST'],
    ],
    [
      'an invalid operation',
      { status: 400, executed: false, hasData: false, errors: [err('GRAPHQL_VALIDATION_FAILED')] },
      'invalid',
      ['GRAPHQL_VALIDATION_FAILED'],
    ],
    [
      'the whole operation withheld (reject mode)',
      { status: 403, executed: false, hasData: false, errors: [err('FORBIDDEN_FIELD')] },
      'refused',
      ['FORBIDDEN_FIELD'],
    ],
    [
      'a gateway failure',
      { status: 500, executed: false, hasData: false, errors: [err('INTERNAL_SERVER_ERROR')] },
      'error',
      ['INTERNAL_SERVER_ERROR'],
    ],
  ])('%s', (_name, input, outcome, codes) => {
    expect(decideOutcome(facts(input))).toEqual({ outcome, errorCodes: codes });
  });
});
