/**
 * A fleet as `npm run fleet` runs it, for the tests: a test platform's subgraphs (population,
 * sharing), N gateway processes (gateway/index.ts, each with its own port, instance and journal,
 * sharing the audit database and, when available, Redis) and nginx in front on loopback
 * (deploy/nginx/, scripts/fleet/nginx.ts). Gateways can be stopped, killed and started again
 * on the same port and journal.
 */
import fs from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { startNginx, waitListening } from '../../../scripts/fleet/nginx';
import type { ChildService } from '../../../scripts/start/child-service';
import { Platform, startPlatform } from '../../utils/platform';
import { AuditSetup, createAuditSetup } from '../../utils/platform-audit';
import { serviceSkipReason } from '../../utils/services';
import { uniqueSuffix } from '../../utils/temp-database';
import { gatewayEnvFor, GatewayProcess, startGatewayProcess } from '../audit/gateway-process';

export const auditBackend = serviceSkipReason('mysql') === null ? 'mysql' : 'sqlite';
const redisUrl = serviceSkipReason('redis') === null ? process.env.REDIS_URL : undefined;
export const sharedGrants = redisUrl ? 'Redis' : 'in process';

export interface Fleet {
  readonly platform: Platform;
  readonly audit: AuditSetup;
  /** nginx's GraphQL endpoint. */
  readonly url: string;
  readonly gateways: (GatewayProcess | null)[];
  /** nginx's error log so far (why it answered 502, when it did). */
  nginxErrors(): string;
  /** Starts gateway `i` (again) and waits until GET /health/ready answers 200. */
  start(i: number): Promise<GatewayProcess>;
  stop(): Promise<void>;
}

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as net.AddressInfo;
      server.close(() => resolve(port));
    });
  });
}

export async function waitReady(graphqlUrl: string, timeoutMs = 30_000): Promise<void> {
  const url = graphqlUrl.replace(/\/graphql$/, '/health/ready');
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    const res = await fetch(url).catch(() => null);
    if (res?.status === 200) return;
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error(`${url} not ready after ${timeoutMs} ms`);
}

export async function startFleet(size: number): Promise<Fleet> {
  const namespace = `fleet-${uniqueSuffix()}`;
  const platform = await startPlatform({
    subgraphs: ['population', 'sharing'],
    persons: 50,
    audit: false,
    ...(redisUrl ? { redis: { url: redisUrl, namespace } } : {}),
  });
  const audit = createAuditSetup(auditBackend, { env: { AUDIT_SHIP_RETRY_MAX_MS: '500' } });
  const shared = {
    ...gatewayEnvFor(platform, audit.dir),
    ...audit.env,
    // nginx forwards the client's address; the gateways believe it from loopback only.
    OPEN_DATA_TRUSTED_PROXIES: '127.0.0.1',
    // These tests count delivered responses; a department's rate limit would refuse some as 429.
    GATEWAY_RATE_LIMITS: 'off',
    ...(redisUrl ? { REDIS_URL: redisUrl, GRANTS_REDIS_NAMESPACE: namespace } : {}),
  };
  const ports = await Promise.all(Array.from({ length: size }, freePort));
  const envs = ports.map((port, i) => ({
    ...shared,
    GATEWAY_PORT: String(port),
    GATEWAY_INSTANCE: `fleet-gw-${i + 1}`,
    AUDIT_JOURNAL_DIR: path.join(audit.dir, 'journal', `fleet-gw-${i + 1}`),
  }));
  const gateways: (GatewayProcess | null)[] = ports.map(() => null);
  const start = async (i: number) => {
    const gateway = await startGatewayProcess(envs[i]);
    gateways[i] = gateway;
    await waitReady(gateway.url);
    return gateway;
  };
  let nginx: ChildService | null = null;
  const prefix = fs.mkdtempSync(path.join(os.tmpdir(), 'shujutong-nginx-'));
  const stop = async () => {
    await nginx?.stop();
    await Promise.all(
      gateways.map(async (g) => {
        if (g && g.child.exitCode === null && g.child.signalCode === null) {
          g.child.kill('SIGKILL');
          await g.exited;
        }
      }),
    );
    await platform.stop();
    await audit.cleanup();
    fs.rmSync(prefix, { recursive: true, force: true });
  };
  try {
    for (let i = 0; i < size; i++) await start(i);
    const nginxPort = await freePort();
    nginx = startNginx({
      listen: `127.0.0.1:${nginxPort}`,
      upstreams: ports.map((p) => `127.0.0.1:${p}`),
      prefix,
    });
    const url = `http://127.0.0.1:${nginxPort}/graphql`;
    await waitListening(url.replace(/\/graphql$/, '/health/live'), nginx);
    const nginxErrors = () => {
      try {
        return fs.readFileSync(path.join(prefix, 'error.log'), 'utf8');
      } catch {
        return '';
      }
    };
    return { platform, audit, url, gateways, start, stop, nginxErrors };
  } catch (err) {
    await stop();
    throw err;
  }
}
