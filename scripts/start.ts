/**
 * npm start -- [--persons N] [--seed S]
 * The whole platform on one machine with no configuration: each subgraph's database is
 * migrated and, if empty, seeded with the demo city (SQLite files under ./data, or MariaDB
 * when MYSQL_URL is set); each subgraph runs as its own process; the gateway runs here and
 * serves GraphQL and GraphiQL. Ctrl-C stops everything; a subgraph that dies stops it too.
 */
import path from 'node:path';
import { publicBaseUrl, readGatewayConfig } from '../gateway/config';
import { registeredSubgraphNames } from './compose/compose-supergraph';
import { composeRegisteredSupergraph, supergraphFileText } from './compose/supergraph-file';
import { readSupergraphFile } from '../gateway/supergraph/read-supergraph';
import { graphiqlHeadersText, issueDemoTokens } from '../gateway/auth/demo-tokens';
import { startPlatformGateway } from '../gateway/platform-gateway';
import { databaseTarget } from '../contracts/database/database';
import { readSubgraphConfig } from '../subgraphs/kit/subgraph-config';
import { loadSigningSecret } from '../contracts/signing/signing-secret';
import { spawnService } from './start/child-service';
import { prepareWithProgress } from './start/prepare-with-progress';
import { readStartOptions } from './start/start-options';
import { Supervisor } from './start/supervisor';
import { waitHealthy } from './start/wait-healthy';

const ROOT = path.resolve(__dirname, '..');
const HEALTH_TIMEOUT_MS = 60_000;

function log(line: string): void {
  console.log(`[start] ${line}`);
}

/** The committed supergraph is what the gateway serves; say so if it lags the subgraph SDLs. */
function warnIfSupergraphStale(file: string): void {
  const { subgraphs, outcome } = composeRegisteredSupergraph();
  if (!outcome.ok) {
    log(
      `warning: the subgraph SDLs do not compose (run \`npm run compose\` for details); serving ${path.relative(ROOT, file)} as committed`,
    );
  } else if (readSupergraphFile(file) !== supergraphFileText(outcome.supergraphSdl, subgraphs)) {
    log(
      `warning: ${path.relative(ROOT, file)} is stale against the subgraph SDLs; run \`npm run compose\``,
    );
  }
}

function displayPath(dir: string): string {
  const rel = path.relative(process.cwd(), dir);
  return rel && !rel.startsWith('..') ? `./${rel}` : dir;
}

/** MYSQL_URL may carry a password; the console is no place for it. */
function redactPassword(url: string): string {
  const parsed = new URL(url);
  if (parsed.password) parsed.password = '***';
  return parsed.toString();
}

/** One line for curl: comments dropped, whitespace collapsed. */
function compactQuery(query: string): string {
  return query
    .replace(/#[^\n]*/g, '')
    .replace(/\s+/g, ' ')
    .trim();
}

async function main(supervisor: Supervisor): Promise<void> {
  const started = Date.now();
  const options = readStartOptions(process.argv.slice(2), process.env);
  const gatewayConfig = readGatewayConfig();
  const names = registeredSubgraphNames();
  if (names.length === 0) throw new Error('no subgraph is registered in subgraphs/modules.ts');
  const subgraphConfigs = names.map((name) => readSubgraphConfig(name));
  const target = databaseTarget(names[0]);
  const where =
    target.client === 'mysql'
      ? `MariaDB at ${redactPassword(target.url)}`
      : `SQLite files in ${displayPath(path.dirname(target.file))}`;

  log(
    `preparing ${names.length} subgraph databases (${where}); empty ones get a demo city of ${options.persons.toLocaleString('en-US')} persons`,
  );
  await prepareWithProgress({ persons: options.persons, seed: options.seed });
  warnIfSupergraphStale(gatewayConfig.supergraphPath);

  // Made (once) before the processes that share it start, rather than raced for by nine of them.
  const signing = loadSigningSecret();
  if (signing.source === 'dev')
    log(
      `subgraph requests are signed with the development secret in ${displayPath(signing.file!)}`,
    );

  log(`starting subgraphs: ${names.join(', ')}`);
  supervisor.handleSignals();
  const children = subgraphConfigs.map((config) => {
    const child = spawnService(config.name, [path.join('subgraphs', config.name, 'index.ts')], {
      cwd: ROOT,
      env: process.env,
    });
    supervisor.watch(child);
    return { config, child };
  });
  await Promise.all(
    children.map(({ config, child }) => {
      const host = config.host === '0.0.0.0' || config.host === '::' ? '127.0.0.1' : config.host;
      return waitHealthy(`http://${host}:${config.port}/health`, child, HEALTH_TIMEOUT_MS);
    }),
  );
  if (supervisor.isStopping) return;

  const running = await startPlatformGateway(gatewayConfig);
  supervisor.beforeChildrenStop(() => running.stop());
  const { gateway, platform } = running;
  const base = publicBaseUrl(gatewayConfig.host, gateway.port);
  const demo = platform.tokenKeys.signing
    ? await issueDemoTokens(platform.tokenKeys.signing, platform.tokenSettings)
    : [];
  const [first] = demo;
  const trail = platform.audit?.trail;
  // Every request is recorded before its response leaves (gateway/stages/record-audit.ts).
  const auditLine = trail
    ? `${displayPath(trail.config.journalDir)}, shipped to the audit database; check it with \`npm run audit:verify\``
    : 'OFF (SHUJUTONG_INSECURE_DISABLE_AUDIT): nothing is recorded';
  const seconds = ((Date.now() - started) / 1000).toFixed(1);
  console.log(`
Shujutong 数据通 is up (${seconds} s): ${names.length} subgraphs behind one gateway.

  Workbench          ${base}/   (open it in a browser: sign in, GraphiQL, catalogue)
  GraphQL endpoint   ${base}/graphql
  Yearly report      ${base}/report   (signed in as the big data bureau; or npm run report -- --year <YYYY>)
  Audit trail        ${auditLine}

The workbench offers the development sign-in (a demo department, application and operator);
programs send a token. ${
    demo.length > 0
      ? `Two demo callers' tokens, valid for 12 hours, with their purpose:

${demo.map(({ caller, token }) => `  ${caller.title}\n  ${graphiqlHeadersText(token, caller.purpose)}\n`).join('\n')}
Others: npm run token -- --department <code> [--app <id>]`
      : 'Only JWT_PUBLIC_KEY is set here: issue tokens where JWT_PRIVATE_KEY is.'
  }

Example query (the workbench opens with it):

${gateway.exampleQuery.trimEnd().replace(/^/gm, '  ')}

Or from a terminal:

  curl -s ${base}/graphql -H 'content-type: application/json' \\${
    first
      ? `
    -H 'authorization: Bearer ${first.token}' -H 'x-purpose: ${first.caller.purpose}' \\`
      : ''
  }
    -d '${JSON.stringify({ query: compactQuery(gateway.exampleQuery) }).replace(/'/g, "'\\''")}'

Press Ctrl-C to stop.
`);
}

const supervisor = new Supervisor(log, (code) => process.exit(code));
main(supervisor).catch(async (err: unknown) => {
  console.error(`[start] failed: ${err instanceof Error ? err.message : String(err)}`);
  await supervisor.shutdown(1);
});
