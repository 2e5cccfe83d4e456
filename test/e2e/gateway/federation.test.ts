import net from 'node:net';
import { readGatewayConfig } from '../../../gateway/config';
import { startGateway } from '../../../gateway/server';
import { createSigningHook } from '../../../gateway/stages/sign-subgraph-fetches';
import { postGraphQL } from '../../utils/graphql-client';
import { Platform, startPlatform } from '../../utils/platform';

/** Legal entities (legal-entity subgraph) with their representative (population subgraph). */
const ACROSS = `{
  legalEntities(first: 5) {
    nodes { creditCode name legalRepresentative { idNumber name } }
  }
}`;

interface EntityNode {
  creditCode: string;
  name: string;
  legalRepresentative: { idNumber: string; name: string } | null;
}

/** A TCP server that accepts connections and never answers: a hung subgraph. */
async function startSilentServer(): Promise<{
  url: string;
  connections: () => number;
  close(): Promise<void>;
}> {
  const sockets = new Set<net.Socket>();
  let accepted = 0;
  const server = net.createServer((socket) => {
    accepted++;
    sockets.add(socket);
    socket.on('close', () => sockets.delete(socket));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as net.AddressInfo;
  return {
    url: `http://127.0.0.1:${port}/graphql`,
    connections: () => accepted,
    close: () =>
      new Promise<void>((resolve) => {
        for (const s of sockets) s.destroy();
        server.close(() => resolve());
      }),
  };
}

describe('gateway over the federated subgraphs', () => {
  let platform: Platform;
  let auth: Record<string, string>;

  beforeAll(async () => {
    // Federation is tested here with every field served: the representative link is conditional
    // (as its inverse Person.enterprises), and the sharing policy is tested in test/e2e/sharing-policy.
    platform = await startPlatform({
      subgraphs: ['population', 'legal-entity'],
      persons: 1000,
      gateway: { sharingPolicyMode: 'dry-run' },
    });
    auth = await platform.headers({ department: 'public-security' });
  });
  afterAll(async () => {
    await platform?.stop();
  });

  it('answers one query with data from two subgraphs', async () => {
    const { status, body } = await postGraphQL<{ legalEntities: { nodes: EntityNode[] } }>(
      platform.gatewayUrl,
      ACROSS,
      {},
      auth,
    );
    expect(status).toBe(200);
    expect(body.errors).toBeUndefined();
    const nodes = body.data!.legalEntities.nodes;
    expect(nodes).toHaveLength(5);
    const represented = nodes.filter((n) => n.legalRepresentative !== null);
    expect(represented.length).toBeGreaterThan(0);
    // The representative's name comes from the population database, not from legal-entity.
    for (const n of represented) {
      const person = await platform.subgraphs
        .population!.db('people')
        .where('id_number', n.legalRepresentative!.idNumber)
        .first('name');
      expect(n.legalRepresentative!.name).toBe(person.name);
    }
  });

  it('returns partial data and SUBGRAPH_UNAVAILABLE naming the subgraph when one does not answer in time', async () => {
    const silent = await startSilentServer();
    const timeoutMs = 700;
    const gateway = await startGateway({
      config: {
        ...readGatewayConfig({}),
        port: 0,
        subgraphTimeoutMs: timeoutMs,
        subgraphUrls: { population: silent.url },
      },
      supergraphSdl: platform.supergraphSdl,
      // Signs for the subgraph that still answers; no authentication stage, so no token needed.
      hooks: [createSigningHook({ secret: platform.security!.secret })],
      log: () => {},
    });
    try {
      const started = Date.now();
      const { status, body } = await postGraphQL<{ legalEntities: { nodes: EntityNode[] } }>(
        gateway.url,
        ACROSS,
      );
      const elapsed = Date.now() - started;
      expect(silent.connections()).toBeGreaterThan(0);
      expect(elapsed).toBeGreaterThanOrEqual(timeoutMs - 50);
      expect(elapsed).toBeLessThan(timeoutMs + 2000);
      expect(status).toBe(200);
      expect(body.data!.legalEntities.nodes).toHaveLength(5);
      expect(
        body.data!.legalEntities.nodes.every((n) => n.creditCode && n.legalRepresentative === null),
      ).toBe(true);
      expect(body.errors).toEqual([
        expect.objectContaining({
          extensions: expect.objectContaining({
            code: 'SUBGRAPH_UNAVAILABLE',
            subgraph: 'population',
            reason: 'TIMEOUT',
          }),
        }),
      ]);
    } finally {
      await gateway.stop();
      await silent.close();
    }
  });

  // Runs last: it takes the population subgraph down for the rest of this suite.
  it('returns partial data and SUBGRAPH_UNAVAILABLE naming the subgraph when one is stopped', async () => {
    await platform.subgraphs.population!.stop();
    const { status, body } = await postGraphQL<{ legalEntities: { nodes: EntityNode[] } }>(
      platform.gatewayUrl,
      ACROSS,
      {},
      auth,
    );
    expect(status).toBe(200);
    expect(body.data!.legalEntities.nodes.map((n) => n.creditCode)).toHaveLength(5);
    expect(body.data!.legalEntities.nodes.every((n) => n.legalRepresentative === null)).toBe(true);
    expect(body.errors).toHaveLength(1);
    expect(body.errors![0].extensions).toMatchObject({
      code: 'SUBGRAPH_UNAVAILABLE',
      subgraph: 'population',
      reason: 'CONNECTION_REFUSED',
    });
    expect(body.errors![0].message).toMatch(/population/);
  });
});
