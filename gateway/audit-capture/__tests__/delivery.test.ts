/** An export's audit entry says how the response left; an ordinary one keeps its old form. */
import type { GatewayContext } from '../../stages/request-context';
import type { RequestOutcome } from '../../stages/stage-hooks';
import { buildAuditEntry } from '../audit-entry';

function outcome(delivery?: GatewayContext['delivery']): RequestOutcome {
  const context: GatewayContext = {
    requestId: 'req-1',
    receivedAt: 1_000,
    http: { method: 'POST', url: '/workbench/api/export', headers: {}, remoteAddress: null },
    caller: null,
    result: { data: { a: 1 } },
    ...(delivery ? { delivery } : {}),
  };
  return { context, status: 200, body: '{"data":{"a":1}}', refusal: null, rawBody: null };
}

describe('the delivery in the audit entry', () => {
  it('is the delivery the request was run for', () => {
    for (const delivery of ['EXPORT_CSV', 'EXPORT_XLSX'] as const)
      expect(
        buildAuditEntry(outcome(delivery), { subgraphs: [], subjects: [] }, 1_001).delivery,
      ).toBe(delivery);
  });

  it('is absent from the entry of an ordinary response', () => {
    const entry = buildAuditEntry(outcome(), { subgraphs: [], subjects: [] }, 1_001);
    expect(Object.keys(entry)).not.toContain('delivery');
  });
});
