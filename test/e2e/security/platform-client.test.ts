/**
 * The gateway's own calls to subgraphs: signed so a verifying subgraph accepts them, as the
 * platform unless another caller is named, and either complete data or a typed error.
 */
import { randomBytes } from 'node:crypto';
import net from 'node:net';
import {
  createPlatformClient,
  PlatformCallError,
  PlatformClient,
} from '../../../gateway/signing/platform-client';
import { createRequestVerifier } from '../../../subgraphs/kit/request-signature';
import { RunningSubgraph, startSubgraphServer } from '../../../subgraphs/kit/subgraph-server';
import { testCatalogue } from '../../../subgraphs/sharing/__tests__/sharing-fixture';
import { createSharingSubgraph } from '../../../subgraphs/sharing/module';
import { readSharingSettings } from '../../../subgraphs/sharing/sharing-settings';
import { createTempDatabase, TempDatabase } from '../../utils/temp-database';

const SECRET = randomBytes(32);
const LIST = `query($d: ID) { sharingApplications(department: $d) { totalCount } }`;

async function failure(promise: Promise<unknown>): Promise<PlatformCallError> {
  try {
    await promise;
  } catch (err) {
    if (err instanceof PlatformCallError) return err;
    throw err;
  }
  throw new Error('expected a PlatformCallError');
}

describe('platform client', () => {
  let temp: TempDatabase;
  let server: RunningSubgraph;
  let silent: net.Server;
  let silentUrl: string;
  let client: PlatformClient;
  const clients: PlatformClient[] = [];
  const make = (urls: Record<string, string>, secret = SECRET, timeoutMs = 2000) => {
    const c = createPlatformClient({ subgraphUrls: urls, secret, timeoutMs });
    clients.push(c);
    return c;
  };

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
    silent = net.createServer(() => {});
    await new Promise<void>((resolve) => silent.listen(0, '127.0.0.1', resolve));
    silentUrl = `http://127.0.0.1:${(silent.address() as net.AddressInfo).port}/graphql`;
    client = make({ sharing: server.url });
  });
  afterAll(async () => {
    await Promise.all(clients.map((c) => c.close()));
    await server?.stop();
    await temp?.cleanup();
    silent.close();
  });

  it('calls as the platform by default (the big data bureau may list every department)', async () => {
    expect(await client.query('sharing', LIST, { d: 'tax' })).toEqual({
      sharingApplications: { totalCount: 0 },
    });
  });

  it('calls as another caller when told, whose row rules then apply', async () => {
    const caller = {
      department: 'civil-affairs',
      application: null,
      operator: null,
      purpose: null,
      roles: [],
    };
    expect(await client.query('sharing', LIST, { d: 'civil-affairs' }, caller)).toEqual({
      sharingApplications: { totalCount: 0 },
    });
    const refused = await failure(client.query('sharing', LIST, { d: 'tax' }, caller));
    expect(refused.failure).toBe('GRAPHQL_ERRORS');
    expect(refused.errors[0].extensions?.code).toBe('FORBIDDEN');
  });

  it("fails with the subgraph's refusal when it signs with another secret", async () => {
    const refused = await failure(
      make({ sharing: server.url }, randomBytes(32)).query('sharing', LIST),
    );
    expect(refused.failure).toBe('GRAPHQL_ERRORS');
    expect(refused.errors[0].extensions).toEqual({
      code: 'UNAUTHENTICATED',
      reason: 'BAD_SIGNATURE',
    });
  });

  it('fails UNKNOWN_SUBGRAPH for a subgraph it has no URL for', async () => {
    expect((await failure(client.query('population', '{ __typename }'))).failure).toBe(
      'UNKNOWN_SUBGRAPH',
    );
  });

  it('fails UNREACHABLE when nothing listens, or nothing answers before the deadline', async () => {
    const closed = await failure(
      make({ sharing: 'http://127.0.0.1:1/graphql' }).query('sharing', LIST),
    );
    expect(closed).toMatchObject({
      failure: 'UNREACHABLE',
      message: expect.stringMatching(/refused/),
    });
    const started = Date.now();
    const hung = await failure(make({ sharing: silentUrl }, SECRET, 300).query('sharing', LIST));
    expect(hung).toMatchObject({
      failure: 'UNREACHABLE',
      message: expect.stringMatching(/no answer within 300 ms/),
    });
    expect(Date.now() - started).toBeLessThan(2000);
  });
});
