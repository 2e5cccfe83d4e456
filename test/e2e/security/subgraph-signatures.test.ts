/**
 * Subgraphs trust only the gateway: a real subgraph server (the sharing subgraph, whose row
 * rules depend on the caller) refuses every request the gateway did not sign for it, recently
 * and once, and gives its resolvers the caller that was signed.
 */
import { randomBytes } from 'node:crypto';
import {
  CALLER_HEADER,
  encodeCaller,
  NONCE_HEADER,
  signatureHeaders,
  TIMESTAMP_HEADER,
} from '../../../contracts/signing/subgraph-signature';
import { createRequestVerifier } from '../../../subgraphs/kit/request-signature';
import type { CallerIdentity } from '../../../contracts/caller/caller-identity';
import { RunningSubgraph, startSubgraphServer } from '../../../subgraphs/kit/subgraph-server';
import { testCatalogue } from '../../../subgraphs/sharing/__tests__/sharing-fixture';
import { createSharingSubgraph } from '../../../subgraphs/sharing/module';
import { readSharingSettings } from '../../../subgraphs/sharing/sharing-settings';
import { createTempDatabase, TempDatabase } from '../../utils/temp-database';

const SECRET = randomBytes(32);
const LIST_TAX = JSON.stringify({
  query: '{ sharingApplications(department: "tax") { totalCount } }',
});

const callerOf = (department: string): CallerIdentity => ({
  department,
  application: null,
  operator: `op@${department}`,
  purpose: null,
  roles: [],
});

interface Answer {
  status: number;
  body: { data?: any; errors?: { message: string; extensions?: Record<string, any> }[] };
}

async function post(url: string, body: string, headers: Record<string, string>): Promise<Answer> {
  const res = await fetch(url, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...headers },
    body,
  });
  return { status: res.status, body: (await res.json()) as Answer['body'] };
}

function sign(
  body: string,
  caller: CallerIdentity | null,
  options: { now?: number; subgraph?: string; secret?: Buffer } = {},
): Record<string, string> {
  return signatureHeaders({
    subgraph: options.subgraph ?? 'sharing',
    body,
    caller,
    requestId: 'test-request',
    secret: options.secret ?? SECRET,
    now: options.now ?? Date.now(),
  });
}

function expectRefused(answer: Answer, reason: string): void {
  expect(answer.status).toBe(401);
  expect(answer.body.data).toBeUndefined();
  expect(answer.body.errors).toEqual([
    expect.objectContaining({ extensions: { code: 'UNAUTHENTICATED', reason } }),
  ]);
}

describe('subgraph request signatures', () => {
  let temp: TempDatabase;
  let server: RunningSubgraph;
  let lenient: RunningSubgraph;

  beforeAll(async () => {
    const module = createSharingSubgraph({
      settings: readSharingSettings({}),
      catalogue: testCatalogue(),
      log: () => {},
    });
    temp = await createTempDatabase(module, { empty: true });
    server = await startSubgraphServer(module, {
      db: temp.db,
      port: 0,
      verifyRequest: createRequestVerifier({ subgraph: 'sharing', secret: SECRET }),
      log: () => {},
    });
    lenient = await startSubgraphServer(module, {
      db: temp.db,
      port: 0,
      verifyRequest: createRequestVerifier({
        subgraph: 'sharing',
        secret: SECRET,
        acceptUnsigned: true,
      }),
      log: () => {},
    });
  });
  afterAll(async () => {
    await server?.stop();
    await lenient?.stop();
    await temp?.cleanup();
  });

  it('serves a signed request with the signed caller (its row rules apply to that department)', async () => {
    const asTax = await post(server.url, LIST_TAX, sign(LIST_TAX, callerOf('tax')));
    expect(asTax.status).toBe(200);
    expect(asTax.body).toEqual({ data: { sharingApplications: { totalCount: 0 } } });
    const asCivil = await post(server.url, LIST_TAX, sign(LIST_TAX, callerOf('civil-affairs')));
    expect(asCivil.body.errors?.[0].extensions?.code).toBe('FORBIDDEN');
  });

  it('gives the resolvers no caller for a request signed without one', async () => {
    const answer = await post(server.url, LIST_TAX, sign(LIST_TAX, null));
    expect(answer.status).toBe(200);
    expect(answer.body.errors?.[0].extensions?.code).toBe('UNAUTHENTICATED');
  });

  it('refuses an unsigned request with 401', async () => {
    expectRefused(await post(server.url, LIST_TAX, {}), 'UNSIGNED');
  });

  it('refuses a request whose caller was named without a signature, as someone going around the gateway would', async () => {
    expectRefused(
      await post(server.url, LIST_TAX, {
        [CALLER_HEADER]: encodeCaller(callerOf('big-data-bureau')),
      }),
      'UNSIGNED',
    );
  });

  it('refuses a signed request whose body was changed', async () => {
    const headers = sign(LIST_TAX, callerOf('tax'));
    const changed = JSON.stringify({
      query: '{ sharingApplications(department: "housing") { totalCount } }',
    });
    expectRefused(await post(server.url, changed, headers), 'BAD_SIGNATURE');
  });

  it('refuses a signed request whose caller was changed', async () => {
    const headers = {
      ...sign(LIST_TAX, callerOf('tax')),
      [CALLER_HEADER]: encodeCaller(callerOf('big-data-bureau')),
    };
    expectRefused(await post(server.url, LIST_TAX, headers), 'BAD_SIGNATURE');
  });

  it('refuses a request signed with another secret, or for another subgraph', async () => {
    expectRefused(
      await post(
        server.url,
        LIST_TAX,
        sign(LIST_TAX, callerOf('tax'), { secret: randomBytes(32) }),
      ),
      'BAD_SIGNATURE',
    );
    expectRefused(
      await post(server.url, LIST_TAX, sign(LIST_TAX, callerOf('tax'), { subgraph: 'population' })),
      'BAD_SIGNATURE',
    );
  });

  it('refuses a request signed more than 60 s ago', async () => {
    expectRefused(
      await post(
        server.url,
        LIST_TAX,
        sign(LIST_TAX, callerOf('tax'), { now: Date.now() - 61_000 }),
      ),
      'STALE',
    );
    expect(
      (
        await post(
          server.url,
          LIST_TAX,
          sign(LIST_TAX, callerOf('tax'), { now: Date.now() - 30_000 }),
        )
      ).status,
    ).toBe(200);
  });

  it('refuses a request signed more than a few seconds in the future, and tolerates small clock skew', async () => {
    expectRefused(
      await post(
        server.url,
        LIST_TAX,
        sign(LIST_TAX, callerOf('tax'), { now: Date.now() + 30_000 }),
      ),
      'FROM_THE_FUTURE',
    );
    expect(
      (
        await post(
          server.url,
          LIST_TAX,
          sign(LIST_TAX, callerOf('tax'), { now: Date.now() + 2000 }),
        )
      ).status,
    ).toBe(200);
  });

  it('refuses a replay of an identical signed request', async () => {
    const headers = sign(LIST_TAX, callerOf('tax'));
    expect((await post(server.url, LIST_TAX, headers)).status).toBe(200);
    expectRefused(await post(server.url, LIST_TAX, headers), 'REPLAYED');
  });

  it('refuses a signed request missing part of the signature', async () => {
    const { [TIMESTAMP_HEADER]: _dropped, ...headers } = sign(LIST_TAX, callerOf('tax'));
    expectRefused(await post(server.url, LIST_TAX, headers), 'MALFORMED');
    expectRefused(
      await post(server.url, LIST_TAX, {
        ...sign(LIST_TAX, callerOf('tax')),
        [TIMESTAMP_HEADER]: 'yesterday',
      }),
      'MALFORMED',
    );
  });

  it('answers /health without a signature', async () => {
    const res = await fetch(server.url.replace('/graphql', '/health'));
    expect(res.status).toBe(200);
  });

  it('with the insecure switch, answers unsigned requests without a caller but still refuses forged signatures', async () => {
    const unsigned = await post(lenient.url, LIST_TAX, {
      [CALLER_HEADER]: encodeCaller(callerOf('tax')),
    });
    expect(unsigned.status).toBe(200);
    expect(unsigned.body.errors?.[0].extensions?.code).toBe('UNAUTHENTICATED');
    const forged = { ...sign(LIST_TAX, callerOf('tax')), [NONCE_HEADER]: 'other' };
    expectRefused(await post(lenient.url, LIST_TAX, forged), 'BAD_SIGNATURE');
  });
});
