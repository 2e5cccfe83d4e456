/**
 * npm run bench:fleet -- [--seconds 20] [--connections 32] [--gateways 1,3]
 *
 * Throughput of the fleet (`npm run fleet`) through nginx with 1 and with 3 gateway instances, in
 * one run, on the region dashboard (unconditional data: every request is authenticated, checked,
 * signed and durably audited, but needs no grant). Each fleet is started on its own port, given
 * a warm-up, loaded with autocannon on loopback for a bounded time and drained; the requests per
 * second, latencies and failures go to stdout as a Markdown table with the ratio. Request-rate
 * limits are off for the measurement (GATEWAY_RATE_LIMITS=off): they would measure the limit.
 * On a machine with fewer cores than gateways plus subgraphs the ratio says how much the extra
 * instances cost or gain there, not how the fleet scales on real hardware.
 */
import { spawn, ChildProcess } from 'node:child_process';
import os from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { positiveInt } from './cli/positive-int';
import { callerHeaders, GRANTED_CALLER } from './bench/bench-caller';
import { failureCount, runLoad, LoadResult } from './bench/load-test';

const ROOT = path.resolve(__dirname, '..');
const REGIONS = ['320600', '320602', '320612', '320614', '320623', '320681'];
const QUERY = `query RegionDashboard($code: ID!) {
  region(code: $code) { code name parent { code } children { code name }
    cityPartCounts { class total } } }`;

function options() {
  const { values } = parseArgs({
    args: process.argv.slice(2),
    options: {
      seconds: { type: 'string' },
      connections: { type: 'string' },
      gateways: { type: 'string' },
      port: { type: 'string' },
    },
  });
  const gateways = (values.gateways ?? '1,3')
    .split(',')
    .map((n) => positiveInt('--gateways', n, 1));
  return {
    seconds: positiveInt('--seconds', values.seconds, 20),
    connections: positiveInt('--connections', values.connections, 32),
    gateways,
    port: positiveInt('--port', values.port, 4400),
  };
}

async function waitFor(url: string, child: ChildProcess, ms: number): Promise<void> {
  const until = Date.now() + ms;
  while (Date.now() < until) {
    if (child.exitCode !== null) throw new Error(`the fleet exited (${child.exitCode})`);
    try {
      if ((await fetch(url)).status === 200) return;
    } catch {
      // not up yet
    }
    await new Promise((r) => setTimeout(r, 500));
  }
  throw new Error(`${url} did not answer in ${ms / 1000} s`);
}

async function measure(
  gateways: number,
  port: number,
  seconds: number,
  connections: number,
): Promise<LoadResult> {
  const fleet = spawn(
    'npx',
    ['tsx', 'scripts/fleet.ts', '--gateways', String(gateways), '--port', String(port)],
    {
      cwd: ROOT,
      env: { ...process.env, GATEWAY_RATE_LIMITS: 'off', LOG_LEVEL: 'warn' },
      stdio: ['ignore', 'ignore', 'inherit'],
      detached: true,
    },
  );
  try {
    const base = `http://127.0.0.1:${port}`;
    await waitFor(`${base}/health/live`, fleet, 180_000);
    const run = {
      url: `${base}/graphql`,
      headers: {
        'content-type': 'application/json',
        ...(await callerHeaders(GRANTED_CALLER, process.env)),
      },
      bodies: REGIONS.map((code) => JSON.stringify({ query: QUERY, variables: { code } })),
      connections,
    };
    await runLoad({ ...run, seconds: 3 });
    return await runLoad({ ...run, seconds });
  } finally {
    process.kill(-fleet.pid!, 'SIGINT');
    await new Promise<void>((resolve) => {
      const hard = setTimeout(() => {
        try {
          process.kill(-fleet.pid!, 'SIGKILL');
        } catch {
          // gone
        }
        resolve();
      }, 60_000);
      fleet.once('exit', () => {
        clearTimeout(hard);
        resolve();
      });
    });
  }
}

async function main(): Promise<void> {
  const o = options();
  const started = new Date();
  const load = os
    .loadavg()
    .map((l) => l.toFixed(2))
    .join(' / ');
  const rows: { gateways: number; result: LoadResult }[] = [];
  for (const [i, gateways] of o.gateways.entries())
    rows.push({
      gateways,
      result: await measure(gateways, o.port + i * 10, o.seconds, o.connections),
    });
  const first = rows[0].result.requestsPerSecond;
  console.log(`Measured ${started.toISOString()} with \`npm run bench:fleet -- --seconds ${o.seconds} --connections ${o.connections} --gateways ${o.gateways.join(',')}\`; ${os.cpus().length} cores, load average before ${load}, after ${os
    .loadavg()
    .map((l) => l.toFixed(2))
    .join(' / ')}.

| gateways behind nginx | req/s | p50 ms | p99 ms | failed | req/s / ${rows[0].gateways} gateway(s) |
| --- | --- | --- | --- | --- | --- |
${rows
  .map(
    ({ gateways, result: r }) =>
      `| ${gateways} | ${Math.round(r.requestsPerSecond)} | ${r.p50} | ${r.p99} | ${failureCount(r)} | ${(r.requestsPerSecond / first).toFixed(2)}× |`,
  )
  .join('\n')}`);
}

main().catch((err: unknown) => {
  console.error(`bench:fleet: ${err instanceof Error ? err.message : String(err)}`);
  process.exitCode = 1;
});
