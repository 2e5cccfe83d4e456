/**
 * npm run fleet -- [--gateways 3] [--port 4000] [--persons N] [--seed S]
 * The platform as a fleet on one machine: the subgraphs (as `npm start` runs them), N gateway
 * processes on the ports after --port, each its own audit instance and journal, sharing Redis
 * (REDIS_URL) and the databases (MYSQL_URL, else the SQLite files under ./data), and nginx in
 * front on --port (deploy/nginx/). A gateway that dies is started again (fleet/keep-running.ts);
 * nginx or a subgraph that dies stops the fleet. Ctrl-C or SIGTERM drains the gateways, then
 * stops the rest.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { readGatewayConfig } from '../gateway/config';
import { loadTokenKeys } from '../gateway/auth/token-keys';
import { registeredSubgraphNames } from './compose/compose-supergraph';
import { readSubgraphConfig } from '../subgraphs/kit/subgraph-config';
import { loadSigningSecret } from '../contracts/signing/signing-secret';
import { ChildService, spawnService } from './start/child-service';
import { prepareWithProgress } from './start/prepare-with-progress';
import { Supervisor } from './start/supervisor';
import { waitHealthy } from './start/wait-healthy';
import { readFleetOptions } from './fleet/fleet-options';
import { startNginx, waitListening } from './fleet/nginx';
import { keepRunning, KeptService } from './fleet/keep-running';

const ROOT = path.resolve(__dirname, '..');
const HEALTH_TIMEOUT_MS = 60_000;
/** Longer than a gateway's whole drain (GATEWAY_DRAIN_TIMEOUT_MS, 30 s by default). */
const GATEWAY_STOP_GRACE_MS = 35_000;

function log(line: string): void {
  console.log(`[fleet] ${line}`);
}

async function main(supervisor: Supervisor): Promise<void> {
  const options = readFleetOptions(process.argv.slice(2), process.env);
  const gatewayConfig = readGatewayConfig();
  const names = registeredSubgraphNames();
  await prepareWithProgress({ persons: options.persons, seed: options.seed });
  // Made once, before the processes that share them start, rather than raced for by all of them.
  loadSigningSecret();
  await loadTokenKeys(gatewayConfig.tokens);

  supervisor.handleSignals();
  log(`starting subgraphs: ${names.join(', ')}`);
  const subgraphs = names.map((name) => {
    const config = readSubgraphConfig(name);
    const child = spawnService(name, [path.join('subgraphs', name, 'index.ts')], {
      cwd: ROOT,
      env: process.env,
    });
    supervisor.watch(child);
    const host = config.host === '0.0.0.0' || config.host === '::' ? '127.0.0.1' : config.host;
    return waitHealthy(`http://${host}:${config.port}/health`, child, HEALTH_TIMEOUT_MS);
  });
  await Promise.all(subgraphs);
  if (supervisor.isStopping) return;

  const instancePrefix = process.env.GATEWAY_INSTANCE || os.hostname();
  const gateways: { kept: KeptService; url: string }[] = [];
  for (let i = 1; i <= options.gateways; i++) {
    const port = options.port + i;
    const start = () =>
      spawnService(`gateway-${i}`, [path.join('gateway', 'index.ts')], {
        cwd: ROOT,
        env: {
          ...process.env,
          GATEWAY_HOST: '127.0.0.1',
          GATEWAY_PORT: String(port),
          // Its own chain and journal (DATA_DIR/audit/<instance>), one audit database for all.
          GATEWAY_INSTANCE: `${instancePrefix}-gw-${i}`,
          // The client's address comes from nginx's X-Forwarded-For, believed from loopback only.
          OPEN_DATA_TRUSTED_PROXIES: process.env.OPEN_DATA_TRUSTED_PROXIES || '127.0.0.1',
        },
      });
    // Not watched by the supervisor: one gateway's death is the fleet's to absorb, not to end.
    gateways.push({ kept: keepRunning(start, { log }), url: `http://127.0.0.1:${port}` });
  }
  // Gateways drain first (their requests finish, their journals ship), then nginx, then subgraphs.
  let nginx: ChildService | null = null;
  supervisor.beforeChildrenStop(async () => {
    await Promise.all(gateways.map(({ kept }) => kept.stop(GATEWAY_STOP_GRACE_MS)));
    await nginx?.stop();
  });
  await Promise.all(
    gateways.map(({ kept, url }) =>
      waitHealthy(`${url}/health/ready`, kept.current(), HEALTH_TIMEOUT_MS),
    ),
  );
  if (supervisor.isStopping) return;

  const prefix = fs.mkdtempSync(path.join(os.tmpdir(), 'shujutong-nginx-'));
  nginx = startNginx({
    listen: `127.0.0.1:${options.port}`,
    upstreams: gateways.map(({ url }) => url.replace('http://', '')),
    prefix,
  });
  supervisor.watch(nginx);
  const base = `http://localhost:${options.port}`;
  await waitListening(`${base}/health/live`, nginx);

  console.log(`
Shujutong 数据通 fleet is up: ${names.length} subgraphs, ${options.gateways} gateways behind nginx.

  GraphQL (nginx)    ${base}/graphql
  Workbench          ${base}/
  Gateways           ${gateways.map(({ url }) => url).join('  ')}
  Health             <gateway>/health/ready (take traffic?)  <gateway>/health/live (process up?)
  nginx              ${prefix} (configuration, error log)
  Audit journals     one per gateway: DATA_DIR/audit/${instancePrefix}-gw-<n>

Tokens: npm run token -- --department <code> [--app <id>]. Press Ctrl-C to stop.
`);
}

const supervisor = new Supervisor(log, (code) => process.exit(code));
main(supervisor).catch(async (err: unknown) => {
  console.error(`[fleet] failed: ${err instanceof Error ? err.message : String(err)}`);
  await supervisor.shutdown(1);
});
