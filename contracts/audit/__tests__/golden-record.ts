/**
 * One audit entry and the hash its record had before optional fields (the case, the delivery)
 * were added: a record without them must keep hashing exactly so, or every chain written
 * before would stop verifying.
 */
import { AuditEntry, buildRecordBody } from '../audit-record';
import { auditKey } from '../keyed-hash';
import { chainRecord, emptyChain } from '../record-chain';

export const GOLDEN_KEY = auditKey(Buffer.alloc(32, 7));

export const GOLDEN_ENTRY: AuditEntry = {
  requestId: 'req-golden',
  time: Date.parse('2025-06-01T02:00:00.000Z'),
  caller: {
    department: 'civil-affairs',
    application: 'relief',
    operator: 'op-1',
    roles: ['r'],
    clientAddress: '10.0.0.1',
  },
  operationName: 'Golden',
  document: 'query Golden { person(idNumber: "x") { name } }',
  variables: { id: '320602199001011234' },
  purpose: 'SOCIAL_ASSISTANCE',
  fields: {
    requested: ['Person.name'],
    served: ['Person.name'],
    masked: ['Person.name'],
    denied: [],
  },
  subgraphs: ['population'],
  outcome: 'ok',
  httpStatus: 200,
  errorCodes: [],
  latencyMs: 3,
  responseBytes: 100,
  subjects: [{ kind: 'person', id: '320602199001011234' }],
};

/** Computed with the code as it was before the case existed (commit c537dba). */
export const GOLDEN_HASH = '95601b44399f04cf43538f899db85946d922be65f16d81b9c0885efd96b6c6aa';

export const goldenBody = (e: AuditEntry) =>
  buildRecordBody(e, {
    instance: 'gw-1',
    key: GOLDEN_KEY,
    id: '0190f000-0000-7000-8000-000000000000',
  });

/** The entry's record, first in a fresh chain. */
export const chainedAlone = (e: AuditEntry) =>
  chainRecord(goldenBody(e), emptyChain('gw-1/golden')).record;
