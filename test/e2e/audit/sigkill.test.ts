/**
 * No response leaves the gateway before its audit record is durable: the gateway process
 * (gateway/index.ts) is killed with SIGKILL while a load client is being served, started again
 * on the same journal (which it replays and ships), and every response the client received has
 * exactly one record in the audit database, on MariaDB when it is available (as in CI), else
 * SQLite. Then a clean stop, and the offline verifier (`npm run audit:verify`) finds the trail
 * intact across the kill.
 */
import { spawn } from 'node:child_process';
import path from 'node:path';
import { Knex } from 'knex';
import { Platform, startPlatform } from '../../utils/platform';
import { AuditSetup, createAuditSetup } from '../../utils/platform-audit';
import { serviceSkipReason } from '../../utils/services';
import { duplicatedRequestIds, recordCounts } from './audit-rows';
import {
  gatewayEnvFor,
  GatewayProcess,
  startGatewayProcess,
  stopGatewayProcess,
} from './gateway-process';

const backend = serviceSkipReason('mysql') === null ? 'mysql' : 'sqlite';
const ROOT = path.resolve(__dirname, '../../..');
const QUERY = JSON.stringify({
  query: 'query Load($id: ID!) { person(idNumber: $id) { name gender } }',
});

interface LoadResult {
  /** Request ids of the 200 responses received in full. */
  received: string[];
  /** Requests that failed (the connection went with the process). */
  failed: number;
}

/**
 * `loops` concurrent clients posting one after another on loopback until `stop()` or `maxMs`,
 * each noting the request id of every 200 it read to the end.
 */
function load(
  url: string,
  headers: Record<string, string>,
  body: string,
  loops: number,
  maxMs: number,
) {
  const result: LoadResult = { received: [], failed: 0 };
  let stopped = false;
  const deadline = Date.now() + maxMs;
  const loop = async () => {
    while (!stopped && Date.now() < deadline) {
      try {
        const res = await fetch(url, {
          method: 'POST',
          headers: { 'content-type': 'application/json', ...headers },
          body,
        });
        const text = await res.text();
        if (res.status === 200 && JSON.parse(text).data)
          result.received.push(res.headers.get('x-request-id')!);
      } catch {
        result.failed++;
        await new Promise((r) => setTimeout(r, 20));
      }
    }
  };
  const done = Promise.all(Array.from({ length: loops }, loop)).then(() => result);
  return { result, done, stop: () => void (stopped = true) };
}

/** Polls until every id has a record or the time is up; returns the counts. */
async function waitForRecords(
  db: Knex,
  ids: string[],
  timeoutMs: number,
): Promise<Map<string, number>> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const counts = await recordCounts(db, ids);
    if ([...counts.values()].every((n) => n > 0) || Date.now() > deadline) return counts;
    await new Promise((r) => setTimeout(r, 250));
  }
}

function runVerify(env: Record<string, string>): Promise<{ code: number | null; output: string }> {
  return new Promise((resolve) => {
    const child = spawn('npm', ['run', '--silent', 'audit:verify'], {
      cwd: ROOT,
      env: { PATH: process.env.PATH ?? '', HOME: process.env.HOME ?? '', ...env },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let output = '';
    child.stdout.on('data', (d) => (output += d));
    child.stderr.on('data', (d) => (output += d));
    child.on('exit', (code) => resolve({ code, output }));
  });
}

describe(`SIGKILL under load loses no record of a response a client received (audit database: ${backend})`, () => {
  let platform: Platform;
  let audit: AuditSetup;
  let env: Record<string, string>;
  let headers: Record<string, string>;
  let body: string;
  let gateway: GatewayProcess | null = null;

  beforeAll(async () => {
    platform = await startPlatform({
      subgraphs: ['population', 'sharing'],
      persons: 200,
      audit: false,
    });
    audit = createAuditSetup(backend, { env: { AUDIT_SHIP_RETRY_MAX_MS: '500' } });
    env = {
      ...gatewayEnvFor(platform, audit.dir),
      ...audit.env,
      GATEWAY_INSTANCE: 'gw-kill',
      AUDIT_JOURNAL_DIR: path.join(audit.dir, 'journal'),
    };
    headers = await platform.headers({ department: 'tax', operator: 'load-client' });
    const id = (await platform.subgraphs.population!.db('people').first('id_number')).id_number;
    body = JSON.stringify({ ...JSON.parse(QUERY), variables: { id } });
  });
  afterAll(async () => {
    if (gateway) await stopGatewayProcess(gateway);
    await platform?.stop();
    await audit?.cleanup();
  });

  it('has exactly one record for every response received before the kill, after a restart on the same journal', async () => {
    gateway = await startGatewayProcess(env);
    const traffic = load(gateway.url, headers, body, 4, 3000);
    // Killed mid-load, once the clients are well into it (200 responses, or 2.5 s on a slow machine).
    const killAt = Date.now() + 2500;
    while (traffic.result.received.length < 200 && Date.now() < killAt)
      await new Promise((r) => setTimeout(r, 10));
    gateway.child.kill('SIGKILL');
    expect(await gateway.exited).toBe('SIGKILL');
    traffic.stop();
    const { received } = await traffic.done;
    expect(received.length).toBeGreaterThanOrEqual(20);
    expect(new Set(received).size).toBe(received.length);

    // Started again on the same journal: it replays what was not shipped, and serves.
    gateway = await startGatewayProcess(env);
    const db = await audit.connect();
    const counts = await waitForRecords(db, received, 30_000);
    const missing = received.filter((id) => counts.get(id) !== 1);
    expect(missing).toEqual([]);
    expect(await duplicatedRequestIds(db)).toEqual([]);
    const stored = Number(
      ((await db('audit_records').count({ n: '*' }).first()) as { n: number | string }).n,
    );
    // Some requests may have been recorded and then lost with the connection: recorded, never received.
    expect(stored).toBeGreaterThanOrEqual(received.length);

    const after = await fetch(gateway.url, {
      method: 'POST',
      headers: { 'content-type': 'application/json', ...headers },
      body,
    });
    expect(after.status).toBe(200);
    const afterId = after.headers.get('x-request-id')!;

    // A clean stop signs a final checkpoint and ships it; the verifier then checks the trail offline.
    expect(await stopGatewayProcess(gateway)).toBe(0);
    gateway = null;
    expect((await recordCounts(db, [afterId])).get(afterId)).toBe(1);
    const verified = await runVerify(audit.env);
    expect(verified.output).toContain('VERIFIED');
    expect(verified.code).toBe(0);
  });
});
