/**
 * The gateway benchmark from start to end: seed the bench city, start the subgraphs and the
 * gateways, choose the operations' arguments from the data, check every request of every
 * operation on every target, measure in interleaved rounds, then print the table and record
 * it in BENCHMARKS.md.
 * It measures and reports; it asserts nothing about time. Returns the exit code: 1 when a
 * cell could not be measured or had failed responses.
 */
import fs from 'node:fs';
import path from 'node:path';
import { DEFAULT_WORLD_SEED } from '../start/start-options';
import { Supervisor } from '../start/supervisor';
import { benchDatabaseEnv, prepareBenchData, startAuditAfresh } from './bench-data';
import { findFixtures } from './bench-fixtures';
import { appliesTo, cellsFor } from './bench-cells';
import { benchOperations, checkOperationNames } from './bench-operations';
import { benchCommand, readBenchOptions } from './bench-options';
import { startBenchPlatform } from './bench-platform';
import { BenchReport, markdownSection, terminalReport } from './bench-report';
import { roundOrder } from './bench-schedule';
import { CellSummary, isValid, ratio, stageRatio, summarise } from './bench-summary';
import { GatewayTarget, RATIOS, selectTargets, STAGE_RATIOS } from './bench-targets';
import { callerHeaders, ensureBenchGrant, GRANTED_CALLER, UNGRANTED_CALLER } from './bench-caller';
import { maskedSample, withheldWithoutGrant } from './enforcement-check';
import { failureCount, runLoad } from './load-test';
import { loadAverage, machineInfo } from './machine-info';
import { writeSection } from './markdown-section';
import { describeMeasurement, measure } from './measure';
import { checkOperation } from './response-check';
import { speedGoals, SUBGRAPH_CPU_BASELINE } from './speed-goals';
import { runSoak, soakMarkdownSection, soakTerminalReport } from './memory-soak';
import { rustPlannerNote } from './rust-planner-check';
import { subgraphFetches, verificationMicros } from './signature-cost';
import { SIGNATURE_SHARE } from './speed-goals';
import { median } from './bench-schedule';

const ROOT = path.resolve(__dirname, '../..');
const BENCHMARKS_FILE = path.join(ROOT, 'BENCHMARKS.md');
const GOAL = { operation: 'applicant-profile', numerator: 'ours', denominator: 'apollo', at: 1.3 };

/**
 * More environment for every subgraph process. Subgraphs verify the gateway's request
 * signature; the plain ApolloGateway, Hive Gateway and the direct target send none, so the
 * subgraphs' own switch for benchmarks lets unsigned requests through (loopback only). The
 * platform gateways still sign every fetch, and the subgraphs still check a signature that is
 * present: all gateways meet the subgraphs on equal terms, verification of unsigned requests off.
 */
const SUBGRAPH_ENV: NodeJS.ProcessEnv = { SHUJUTONG_INSECURE_SKIP_SUBGRAPH_SIGNATURES: '1' };
/** More environment for every gateway process (e.g. a signing secret shared with the subgraphs). */
const GATEWAY_ENV: NodeJS.ProcessEnv = {};

function log(line: string): void {
  console.log(`[bench] ${line}`);
}

export async function runGatewayBench(argv: string[], supervisor: Supervisor): Promise<number> {
  const started = Date.now();
  const options = readBenchOptions(argv);
  checkOperationNames(options.only);
  const targets = selectTargets(options.targets);
  const gateways = targets.filter((t): t is GatewayTarget => t.kind === 'gateway');
  const databaseEnv = benchDatabaseEnv(options.dataDir);
  /** Where the data is, for BENCHMARKS.md. */
  const dataText = databaseEnv.MYSQL_URL
    ? `MariaDB databases \`${databaseEnv.SHUJUTONG_DB_PREFIX}_*\``
    : `SQLite files in \`${options.dataDir}\``;
  const loadBefore = loadAverage();
  supervisor.handleSignals();

  const world = { persons: options.persons, seed: DEFAULT_WORLD_SEED };
  log(
    `preparing the bench city (${world.persons.toLocaleString('en-US')} persons) in ${databaseEnv.MYSQL_URL ? `MariaDB databases ${databaseEnv.SHUJUTONG_DB_PREFIX}_*` : options.dataDir}`,
  );
  await prepareBenchData(databaseEnv, world, log);
  await startAuditAfresh(databaseEnv);
  const platform = await startBenchPlatform({
    root: ROOT,
    dataDir: options.dataDir,
    databaseEnv,
    gateways,
    supervisor,
    subgraphEnv: SUBGRAPH_ENV,
    gatewayEnv: GATEWAY_ENV,
    cpuProfDir: options.cpuProf ? path.resolve(options.dataDir, 'profiles') : null,
    log,
  });
  if (supervisor.isStopping) return 1;

  const fixtures = await findFixtures(databaseEnv);
  log(
    `${fixtures.applicants.length} applicants, ${fixtures.dashboards.length} dashboard regions, ${fixtures.peoplePages.length} people pages of county ${fixtures.peoplePages[0].regionCode}`,
  );
  const operations = benchOperations(fixtures).filter(
    (op) => !options.only || options.only.includes(op.name),
  );
  // Made once the processes are up: a token, say, may need keys a gateway made at start.
  const headers = new Map<string, Record<string, string>>();
  for (const target of targets)
    headers.set(target.name, (await target.headers?.({ env: process.env })) ?? {});
  const enforcing = gateways.filter((t) => t.enforcing);
  const enforcementNotes: string[] = [];
  if (enforcing.length > 0) {
    await ensureBenchGrant(platform.gatewayUrl(enforcing[0].name), process.env, log);
    const applicant =
      operations.find((op) => op.name === 'applicant-profile') ?? benchOperations(fixtures)[0];
    const ungranted = await callerHeaders(UNGRANTED_CALLER, process.env);
    for (const target of enforcing) {
      const url = platform.gatewayUrl(target.name);
      const variant = applicant.gateway.variants[0];
      const refused = await withheldWithoutGrant(url, ungranted, variant);
      const sample = await maskedSample(url, headers.get(target.name) ?? {}, variant);
      log(
        `${target.name}: ${UNGRANTED_CALLER.department}/${UNGRANTED_CALLER.application} (no grants) on applicant-profile: ${refused.text}`,
      );
      log(
        `${target.name}: ${GRANTED_CALLER.department}/${GRANTED_CALLER.application} is served ${sample}`,
      );
      enforcementNotes.push(
        `${target.name}: a caller without grants (${UNGRANTED_CALLER.department}/${UNGRANTED_CALLER.application}, \`x-purpose: ${UNGRANTED_CALLER.purpose}\`) asking the applicant profile gets ${refused.text}${refused.ok ? '' : ' (ENFORCEMENT NOT SEEN)'}; the measured caller is served e.g. ${sample}.`,
      );
    }
  }
  // Operations with their own caller (e.g. under an approval case) prepare it on their first target.
  const operationHeaders = new Map<string, Record<string, string>>();
  for (const op of operations) {
    const skipped = targets.filter((t) => t.kind === 'gateway' && !appliesTo(op, t));
    if (op.targets && skipped.length > 0)
      log(`${op.name}: skips ${skipped.map((t) => t.name).join(', ')} (${op.targets.why})`);
    const first = gateways.find((t) => appliesTo(op, t));
    if (!op.prepare || !first) continue;
    const url = platform.gatewayUrl(first.name);
    operationHeaders.set(op.name, await op.prepare({ url, env: process.env, log }));
  }
  const groups = cellsFor(operations, targets, headers, operationHeaders, platform);

  for (const cell of groups.flat()) {
    cell.problem = await checkOperation(cell.url, cell.headers, cell.request, {
      masked: cell.target.enforcing === true,
    });
    if (cell.problem)
      log(
        `CHECK FAILED ${cell.operation.name} / ${cell.target.name}: ${cell.problem} (not measured; process logs in ${path.relative(ROOT, platform.logDir)})`,
      );
  }
  const targetNotes = gateways
    .filter((t) => t.name.startsWith('hive'))
    .map((t) => rustPlannerNote(t.name, platform.gatewayPid(t.name)));
  for (const note of targetNotes) log(note);
  const measurable = groups.map((g) => g.filter((c) => c.problem === null));
  if (options.soak !== null) {
    const cells = measurable.flat().filter((c) => c.gatewayPid !== null);
    if (cells.length !== 1)
      throw new Error(
        `--soak measures one gateway on one operation; --targets and --only give ${cells.length} checked pairs`,
      );
    const [cell] = cells;
    log(
      `soak: ${cell.target.name} / ${cell.operation.name}, ${options.connections} connections for ${options.soak} s`,
    );
    const result = await runSoak(
      {
        url: cell.url,
        headers: cell.headers,
        bodies: cell.bodies,
        connections: options.connections,
        seconds: options.soak,
      },
      cell.gatewayPid!,
      log,
    );
    const soakReport = {
      date: new Date(started),
      command: benchCommand(argv),
      machine: machineInfo(),
      loadBefore,
      loadAfter: loadAverage(),
      data: dataText,
      persons: world.persons,
      target: cell.target.name,
      operation: cell.operation.name,
      connections: options.connections,
      seconds: options.soak,
      result,
    };
    console.log(`\n${soakTerminalReport(soakReport)}\n`);
    // A soak shorter than the goal's 10 minutes is a trial: recorded only with --write.
    if (options.write ?? options.soak >= 600) {
      writeSection(BENCHMARKS_FILE, 'memory', soakMarkdownSection(soakReport));
      log(`recorded in ${path.relative(process.cwd(), BENCHMARKS_FILE) || BENCHMARKS_FILE}`);
    } else
      log(
        `BENCHMARKS.md left as it is (${options.write === false ? '--no-write' : 'a soak under 600 s; --write records it anyway'})`,
      );
    const csv = path.resolve(options.dataDir, 'memory-soak.csv');
    fs.writeFileSync(
      csv,
      `seconds,rss_kib\n${result.samples.map((x) => `${x.seconds.toFixed(1)},${x.rssKiB}`).join('\n')}\n`,
    );
    log(`RSS samples in ${path.relative(ROOT, csv)}`);
    return failureCount(result.load) === 0 && !supervisor.isStopping ? 0 : 1;
  }
  const count = measurable.flat().length;
  const estimate =
    Math.round(
      (count * (options.rounds * (options.duration + options.warmup) + options.warmup)) / 6,
    ) / 10;
  log(
    `measuring ${count} operation/target pairs, ${options.rounds} round(s) of ${options.warmup} s warm-up + ${options.duration} s each (about ${estimate} min)`,
  );

  const fetchPerRequest = new Map<string, number[]>();
  for (let round = 0; round < options.rounds; round++) {
    for (const cell of roundOrder(measurable, round)) {
      if (supervisor.isStopping) return 1;
      const run = {
        url: cell.url,
        headers: cell.headers,
        bodies: cell.bodies,
        connections: options.connections,
      };
      // The first round warms longer: JIT, query-plan caches and connection pools start cold.
      const warmup = round === 0 ? 2 * options.warmup : options.warmup;
      if (warmup > 0) await runLoad({ ...run, seconds: warmup });
      // The signing gateway's own count of subgraph fetches: how many signatures a request costs.
      const counted = cell.target.name === SIGNATURE_SHARE.signed;
      const fetchesBefore = counted ? await subgraphFetches(cell.url) : null;
      const result = await measure(
        { ...run, seconds: options.duration },
        cell.gatewayPid,
        platform.subgraphPids,
      );
      const fetchesAfter = counted ? await subgraphFetches(cell.url) : null;
      if (fetchesBefore !== null && fetchesAfter !== null && result.requests > 0) {
        const perRequest = fetchPerRequest.get(cell.operation.name) ?? [];
        perRequest.push((fetchesAfter - fetchesBefore) / result.requests);
        fetchPerRequest.set(cell.operation.name, perRequest);
      }
      cell.rounds.push(result);
      log(
        `round ${round + 1}/${options.rounds}  ${cell.operation.name.padEnd(17)} ${cell.target.name.padEnd(13)} ${describeMeasurement(result)}`,
      );
    }
  }

  const cells: CellSummary[] = groups
    .flat()
    .map((c) => summarise(c.operation.name, c.target.name, c.rounds, c.problem));
  const measured = (op: string, name: string) =>
    cells.some((c) => c.operation === op && c.target === name);
  // Issue 13 sets goals on these three operations; a run measuring none of its targets has none.
  const issueOperations = operations
    .map((op) => op.name)
    .filter((name) => name in SUBGRAPH_CPU_BASELINE.msPerRequest);
  // Measured after the load, so it competes with nothing of the bench's own.
  const signature =
    fetchPerRequest.size > 0
      ? {
          microsPerVerification: verificationMicros(),
          fetchesPerRequest: new Map([...fetchPerRequest].map(([op, v]) => [op, median(v)])),
        }
      : null;
  if (signature)
    log(
      `signature verification: ${signature.microsPerVerification.toFixed(1)} µs CPU each (subgraphs' verifier, in this process); ${SIGNATURE_SHARE.signed} fetches per request: ${[...signature.fetchesPerRequest].map(([op, n]) => `${op} ${n.toFixed(2)}`).join(', ')}`,
    );
  const goals = speedGoals(cells, issueOperations, signature);
  const report: BenchReport = {
    date: new Date(started),
    command: benchCommand(argv),
    seconds: (Date.now() - started) / 1000,
    machine: machineInfo(),
    loadBefore,
    loadAfter: loadAverage(),
    data: dataText,
    persons: world.persons,
    seed: world.seed,
    connections: options.connections,
    duration: options.duration,
    warmup: options.warmup,
    rounds: options.rounds,
    operations,
    targets,
    cells,
    ratios: operations.flatMap((op) =>
      RATIOS.filter(([a, b]) => measured(op.name, a) && measured(op.name, b)).map(([a, b]) =>
        ratio(cells, op.name, a, b),
      ),
    ),
    stageRatios: operations.flatMap((op) =>
      STAGE_RATIOS.filter(
        (g) => measured(op.name, g.numerator) && measured(op.name, g.denominator),
      ).map((goal) => stageRatio(cells, op.name, goal)),
    ),
    enforcementNotes,
    goals: goals.some((g) => g.verdict !== 'not measured') ? goals : [],
    targetNotes,
    goal: GOAL,
  };
  console.log(`\n${terminalReport(report)}\n`);

  const complete = options.only === null && options.targets === null;
  if (options.write ?? complete) {
    writeSection(BENCHMARKS_FILE, 'gateway', markdownSection(report));
    log(`recorded in ${path.relative(process.cwd(), BENCHMARKS_FILE) || BENCHMARKS_FILE}`);
  } else {
    log('BENCHMARKS.md left as it is (a partial run; --write records it anyway)');
  }
  return cells.every(isValid) ? 0 : 1;
}
