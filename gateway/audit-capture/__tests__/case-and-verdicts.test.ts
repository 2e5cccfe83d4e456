/**
 * Two things a case-bound request tells its audit entry: the case it served (the citizen reads
 * it back), and, for a verification (免证办), whether its verdict was a miss. A verification
 * answers an object for every key, so without the verdicts a caller could guess who holds a
 * certificate free of the daily budget of misses and unseen by the probing flags.
 */
import { GraphQLError } from 'graphql';
import type { GatewayContext } from '../../stages/request-context';
import type { RequestOutcome } from '../../stages/stage-hooks';
import { buildAuditEntry } from '../audit-entry';
import { lookupMisses } from '../lookup-misses';

function served(result: GatewayContext['result']): RequestOutcome {
  const context: GatewayContext = {
    requestId: 'req-1',
    receivedAt: 1_000,
    http: { method: 'POST', url: '/graphql', headers: {}, remoteAddress: '10.0.0.7' },
    caller: null,
    result,
  };
  return {
    context,
    status: 200,
    body: JSON.stringify(result),
    refusal: null,
    rawBody: Buffer.from('{"query":"{ __typename }"}'),
  };
}

const CASE = { number: 'NT20261206-ZF0101-000042', item: 'ZF0101' };

describe('the case in the audit entry', () => {
  it('carries the case the case stage resolved', () => {
    const entry = buildAuditEntry(
      served({ data: { person: null } }),
      { subgraphs: [], subjects: [], case: CASE },
      1_001,
    );
    expect(entry.case).toEqual(CASE);
  });

  it('has no case property at all on a request without one, so its record keeps its old form', () => {
    for (const evidence of [
      { subgraphs: [], subjects: [] },
      { subgraphs: [], subjects: [], case: null },
    ]) {
      const entry = buildAuditEntry(served({ data: { a: 1 } }), evidence, 1_001);
      expect(Object.keys(entry)).not.toContain('case');
    }
  });
});

describe('verification verdicts as lookup misses', () => {
  it('counts NOT_FOUND and HOLDER_MISMATCH as misses, under any alias, and a verdict that names the holder not', () => {
    const result = {
      data: {
        verifyCertificate: { status: 'HOLDER_MISMATCH', checkedOn: '2026-12-06' },
        guess2: { s: 'NOT_FOUND' },
        guess3: { status: 'HOLDER_MISMATCH' },
        mine: { status: 'VALID', checkedOn: '2026-12-06' },
        old: { status: 'EXPIRED' },
        withdrawn: { status: 'REVOKED' },
      },
    };
    expect(lookupMisses(result)).toEqual({ notFound: 3, badInput: 0 });
  });

  it('counts a malformed verification once, as bad input, and a null lookup beside it as not found', () => {
    const result = {
      data: { v: null, person: null },
      errors: [
        new GraphQLError('holderIdNumber: check character should be 8, got 1', {
          path: ['v'],
          extensions: { code: 'BAD_USER_INPUT' },
        }),
      ],
    };
    expect(lookupMisses(result)).toEqual({ notFound: 1, badInput: 1 });
  });

  it('reads only the answers at the root: a nested value or list is no verdict', () => {
    const result = {
      data: {
        person: { certificates: [{ status: 'NOT_FOUND' }], residence: { note: 'HOLDER_MISMATCH' } },
        list: [{ status: 'NOT_FOUND' }],
      },
    };
    expect(lookupMisses(result)).toEqual({ notFound: 0, badInput: 0 });
  });
});
