import type { CaseRecord } from '../../../contracts/cases/approval-case';
import { HttpError } from '../../../contracts/http/http-error';
import { bindingFor, boundCaseOf, createBindToCaseStage } from '../bind-to-case';
import type { GatewayContext } from '../request-context';

const NUMBER = 'NT20261206-ZF0101-000001';

const record = (overrides: Partial<CaseRecord> = {}): CaseRecord => ({
  number: NUMBER,
  status: 'OPEN',
  application: 'service-network',
  item: {
    code: 'ZF0101',
    name: '公共租赁住房申请',
    includesRepresentedEntities: false,
    dataItems: ['Person.household'],
  },
  applicants: { idNumbers: ['320602199001011234'], creditCodes: [] },
  consent: { scope: ['Person.household'], signedAt: '2026-12-06T01:00:00Z' },
  openedAt: '2026-12-06T01:05:00Z',
  closedAt: null,
  ...overrides,
});

const context = (headers: Record<string, string>, application = 'service-network') =>
  ({
    requestId: 'r1',
    receivedAt: 0,
    http: { method: 'POST', url: '/graphql', headers, remoteAddress: null },
    caller: {
      department: 'big-data-bureau',
      application,
      operator: null,
      purpose: null,
      roles: [],
    },
  }) as GatewayContext;

const answering = (c: CaseRecord | null, represents: Record<string, string[]> = {}) => ({
  query: async <T>(
    subgraph: string,
    _query: string,
    variables?: Readonly<Record<string, unknown>>,
  ) =>
    subgraph === 'legal-entity'
      ? ({
          _entities: (variables!.people as { idNumber: string }[]).map((p) => ({
            enterprises: (represents[p.idNumber] ?? []).map((creditCode) => ({ creditCode })),
          })),
        } as T)
      : ({
          case: c && {
            ...c,
            application: { id: c.application },
            item: { ...c.item, dataItems: c.item.dataItems.map((coordinate) => ({ coordinate })) },
          },
        } as T),
});

async function bind(c: CaseRecord | null, application?: string) {
  const ctx = context({ 'x-case': NUMBER }, application);
  await createBindToCaseStage({ client: answering(c) }).onRequest!({
    context: ctx,
    rawBody: Buffer.alloc(0),
  });
  return boundCaseOf(ctx);
}

describe('binding a request to its case', () => {
  it('binds an open case of the caller’s application, with its applicants', async () => {
    const bound = await bind(record());
    expect(bound?.binding).toEqual({
      number: NUMBER,
      item: 'ZF0101',
      open: true,
      dataItems: ['Person.household'],
      consent: ['Person.household'],
    });
    expect([...bound!.applicants!.idNumbers]).toEqual(['320602199001011234']);
  });

  it('adds the entities the applicants represent when the item draws on them, and only then', async () => {
    const represents = { '320602199001011234': ['91320602MA1XXXXX1A'] };
    const ctx = context({ 'x-case': NUMBER });
    const entityItem = record({ item: { ...record().item, includesRepresentedEntities: true } });
    await createBindToCaseStage({ client: answering(entityItem, represents) }).onRequest!({
      context: ctx,
      rawBody: Buffer.alloc(0),
    });
    expect([...boundCaseOf(ctx)!.applicants!.creditCodes]).toEqual(['91320602MA1XXXXX1A']);
    const plain = context({ 'x-case': NUMBER });
    await createBindToCaseStage({ client: answering(record(), represents) }).onRequest!({
      context: plain,
      rawBody: Buffer.alloc(0),
    });
    expect([...boundCaseOf(plain)!.applicants!.creditCodes]).toEqual([]);
  });

  it('binds a closed case as closed (its item grants then answer CASE_CLOSED)', async () => {
    expect((await bind(record({ status: 'CLOSED' })))?.binding?.open).toBe(false);
  });

  it('binds nothing for another application’s case, as for an unknown one: existence is not told', async () => {
    const foreign = await bind(record(), 'someone-else');
    const unknown = await bind(null);
    expect(foreign).toEqual({ number: NUMBER, binding: null, applicants: null, item: null });
    expect(unknown).toEqual(foreign);
    expect(bindingFor(record(), null)).toBeNull();
  });

  it('leaves a request that names no case alone, without asking the sharing platform', async () => {
    const ctx = context({});
    const client = { query: jest.fn() };
    await createBindToCaseStage({ client }).onRequest!({ context: ctx, rawBody: Buffer.alloc(0) });
    expect(boundCaseOf(ctx)).toBeUndefined();
    expect(client.query).not.toHaveBeenCalled();
  });

  it('fails closed with 503 when the case cannot be checked', async () => {
    const ctx = context({ 'x-case': NUMBER });
    const client = { query: async () => Promise.reject(new Error('connection refused')) };
    const stage = createBindToCaseStage({ client });
    await expect(
      stage.onRequest!({ context: ctx, rawBody: Buffer.alloc(0) }),
    ).rejects.toBeInstanceOf(HttpError);
  });
});
