/**
 * The bench's results as text: a table for the terminal and the Markdown section of
 * BENCHMARKS.md (date, machine, load, command, figures, ratios, and what each operation and
 * target is). Pure: rendering is separate from measuring and from writing the file.
 */
import type { BenchOperation } from './bench-operations';
import type { BenchTarget } from './bench-targets';
import { CellSummary, isValid, Ratio, StageRatioResult } from './bench-summary';
import type { MachineInfo } from './machine-info';
import {
  goalSummary,
  GoalRow,
  SIGNATURE_SHARE,
  SUBGRAPH_CPU_BASELINE,
  verdictOver,
} from './speed-goals';

export interface BenchReport {
  date: Date;
  command: string;
  seconds: number;
  machine: MachineInfo;
  loadBefore: string;
  loadAfter: string;
  /** e.g. "SQLite files in data/bench". */
  data: string;
  persons: number;
  seed: number;
  connections: number;
  duration: number;
  warmup: number;
  rounds: number;
  operations: readonly BenchOperation[];
  targets: readonly BenchTarget[];
  cells: readonly CellSummary[];
  ratios: readonly Ratio[];
  /** Enforcement and audit against their goals (bench-targets.ts STAGE_RATIOS), per operation. */
  stageRatios: readonly StageRatioResult[];
  /** What the one-off checks of the enforcing targets saw (a caller without grants refused, masked values served). */
  enforcementNotes: readonly string[];
  /** Issue 13's goals with their verdicts (speed-goals.ts). */
  goals: readonly GoalRow[];
  /** What the bench checked about targets themselves (e.g. hive-rust runs the Rust planner). */
  targetNotes: readonly string[];
  /** The issue's bar: this ratio on this operation at least `at`. */
  goal: { operation: string; numerator: string; denominator: string; at: number };
}

const int = (n: number) => (Number.isFinite(n) ? Math.round(n).toLocaleString('en-US') : '-');
const ms = (n: number) =>
  Number.isFinite(n) ? (n >= 100 ? String(Math.round(n)) : n.toFixed(n % 1 === 0 ? 0 : 1)) : '-';
const times = (n: number) => `${n.toFixed(2)}×`;
const cpu = (n: number | null) => (n === null ? '-' : n.toFixed(2));

function cellRow(c: CellSummary): string[] {
  if (c.problem) return [c.operation, c.target, 'not measured', '', '', '', '', '', c.problem];
  return [
    c.operation,
    c.target,
    int(c.requestsPerSecond),
    ms(c.p50),
    ms(c.p99),
    c.failures === 0 ? '0' : `${c.failures} (INVALID)`,
    cpu(c.gatewayCpuMs),
    cpu(c.subgraphCpuMs),
    c.rounds.map((r) => int(r.requestsPerSecond)).join(', '),
  ];
}

const CELL_HEAD = [
  'operation',
  'target',
  'req/s',
  'p50 ms',
  'p99 ms',
  'failed',
  'gateway CPU ms/req',
  'subgraphs CPU ms/req',
  'req/s per round',
];
/** Columns right-aligned in the terminal table. */
const NUMERIC = new Set([2, 3, 4, 5, 6, 7]);

function ratioText(r: Ratio | undefined): string {
  if (!r || r.value === null) return 'n/a';
  return `${times(r.value)}${r.perRound.length > 1 ? ` (rounds: ${r.perRound.map((x) => x.toFixed(2)).join(', ')})` : ''}`;
}

function cpuRatioText(r: Ratio | undefined): string {
  return r?.cpu ? times(r.cpu) : 'n/a';
}

function ratioPairs(report: BenchReport): string[] {
  return [...new Set(report.ratios.map((r) => `${r.numerator} / ${r.denominator}`))];
}

function findRatio(report: BenchReport, operation: string, pair: string): Ratio | undefined {
  return report.ratios.find(
    (r) => r.operation === operation && `${r.numerator} / ${r.denominator}` === pair,
  );
}

export function goalVerdict(report: BenchReport): string {
  const { operation, numerator, denominator, at } = report.goal;
  const r = report.ratios.find(
    (x) => x.operation === operation && x.numerator === numerator && x.denominator === denominator,
  );
  if (!r || r.value === null)
    return `Goal (${numerator} ≥ ${at}× ${denominator} on ${operation}): not measured in this run.`;
  return `Goal (${numerator} ≥ ${at}× ${denominator} on ${operation}): ${times(r.value)}, ${r.value >= at ? 'met' : 'NOT met'}.`;
}

const signedMs = (n: number | null) =>
  n === null ? '-' : `${n >= 0 ? '+' : ''}${n.toFixed(1)} ms`;

function stageGoalText(r: StageRatioResult): string {
  const cpuGoal =
    r.cpuAtMost !== null
      ? `, gateway CPU per request ≤ ${r.cpuAtMost.toFixed(2)}× (denominator / numerator ≥ ${(1 / r.cpuAtMost).toFixed(3)})`
      : '';
  return `≥ ${r.atLeast.toFixed(2)}×${r.p99MaxMs !== null ? `, p99 ≤ +${r.p99MaxMs} ms` : ''}${cpuGoal}`;
}

function stageRow(r: StageRatioResult): string[] {
  const verdict = r.met === null ? 'not measured' : r.met ? 'met' : 'NOT met';
  return [
    r.operation,
    `${r.numerator} / ${r.denominator}`,
    ratioText(r),
    signedMs(r.p99DeltaMs),
    cpuRatioText(r),
    stageGoalText(r),
    verdict,
  ];
}

const STAGE_HEAD = [
  'operation',
  'req/s ratio',
  'value (per round)',
  'p99 difference',
  'gateway CPU per request, denominator / numerator',
  'goal',
  'verdict',
];

/** One line per goal over all operations: met only where it is met on every operation measured. */
export function stageVerdicts(report: BenchReport): string[] {
  const pairs = [...new Set(report.stageRatios.map((r) => `${r.numerator} / ${r.denominator}`))];
  return pairs.map((pair) => {
    const rows = report.stageRatios.filter((r) => `${r.numerator} / ${r.denominator}` === pair);
    const goal = stageGoalText(rows[0]);
    const missed = rows.filter((r) => r.met === false).map((r) => r.operation);
    const unmeasured = rows.filter((r) => r.met === null).map((r) => r.operation);
    return `${pair} ${goal}: ${verdictOver(missed, unmeasured, rows.length)}.`;
  });
}

function textTable(rows: string[][], numeric: ReadonlySet<number> = NUMERIC): string {
  const widths = rows[0].map((_, i) => Math.max(...rows.map((r) => (r[i] ?? '').length)));
  return rows
    .map((r) =>
      r
        .map((cell, i) => (numeric.has(i) ? cell.padStart(widths[i]) : cell.padEnd(widths[i])))
        .join('  ')
        .trimEnd(),
    )
    .join('\n');
}

export function terminalReport(report: BenchReport): string {
  const lines = [textTable([CELL_HEAD, ...report.cells.map(cellRow)]), ''];
  const pairs = ratioPairs(report);
  for (const op of pairs.length > 0 ? report.operations : []) {
    lines.push(
      `${op.name.padEnd(18)} ${pairs.map((p) => `${p}: ${ratioText(findRatio(report, op.name, p))}, CPU ${cpuRatioText(findRatio(report, op.name, p))}`).join('   ')}`,
    );
  }
  lines.push('', goalVerdict(report));
  if (report.stageRatios.length > 0) {
    lines.push(
      '',
      textTable([STAGE_HEAD, ...report.stageRatios.map(stageRow)], new Set([3, 4])),
      '',
      ...stageVerdicts(report),
    );
  }
  if (report.goals.length > 0) {
    lines.push(
      '',
      "Issue 13's goals:",
      textTable([GOAL_HEAD, ...report.goals.map(goalRow)], new Set()),
      '',
      ...goalSummary(report.goals),
    );
  }
  lines.push(...report.targetNotes.map((n) => `Note: ${n}`));
  return lines.join('\n');
}

const GOAL_HEAD = ['goal', 'operation', 'value', 'verdict'];
const goalRow = (g: GoalRow) => [g.goal, g.operation, g.value, g.verdict];

function markdownTable(rows: string[][]): string {
  const [head, ...body] = rows;
  return [
    `| ${head.join(' | ')} |`,
    `| ${head.map(() => '---').join(' | ')} |`,
    ...body.map((r) => `| ${r.join(' | ')} |`),
  ].join('\n');
}

export function markdownSection(report: BenchReport): string {
  const m = report.machine;
  const pairs = ratioPairs(report);
  const invalid = report.cells.filter((c) => !isValid(c));
  const lines = [
    '## Gateway throughput (`npm run bench`)',
    '',
    `Measured ${report.date.toISOString().replace('T', ' ').slice(0, 16)} UTC with \`${report.command}\` (the whole run took ${Math.round(report.seconds)} s).`,
    '',
    `- Machine: ${m.cores} cores, ${m.cpuModel}, ${m.memoryGiB} GiB memory, Node ${m.node}, ${m.platform}.`,
    `- Load average (1 / 5 / 15 min): ${report.loadBefore} before, ${report.loadAfter} after. The machine is shared with other engineers' test runs, and the load generator, the gateways and all the subgraph processes share its cores: compare figures within one run, not across runs.`,
    `- Data: demo city of ${report.persons.toLocaleString('en-US')} persons (seed ${report.seed}), ${report.data}; the audit trail (its database and the journals) starts empty in every run.`,
    `- Load: autocannon, ${report.connections} keep-alive connections; requests take their arguments in turn from each operation's argument sets (below), so the requests in flight differ; ${report.rounds} interleaved round${report.rounds === 1 ? '' : 's'} of ${report.duration} s per operation and target, each after a ${report.warmup} s warm-up (${2 * report.warmup} s in the first round); figures are medians over rounds. A response that errs, is not 2xx or carries GraphQL \`errors\` is a failure, and a cell with any is invalid.`,
    '- CPU columns: CPU time (user + system, from /proc) that the gateway process, and all subgraph processes together, spent per completed request during the measurement.',
    '',
    markdownTable([CELL_HEAD, ...report.cells.map(cellRow)]),
    '',
    markdownTable([
      [
        'operation',
        ...report.ratios
          .filter((r) => r.operation === report.ratios[0]?.operation)
          .flatMap((r) => [
            `req/s ${r.numerator} / ${r.denominator}`,
            `gateway CPU per request ${r.denominator} / ${r.numerator}`,
          ]),
      ],
      ...report.operations.map((op) => [
        op.name,
        ...pairs.flatMap((p) => [
          ratioText(findRatio(report, op.name, p)),
          cpuRatioText(findRatio(report, op.name, p)),
        ]),
      ]),
    ]),
    '',
    "Ratios of requests per second are medians of the per-round ratios (both targets measured within a minute of each other). The CPU ratio is the other gateway's CPU time per request over ours, from /proc: it moves far less with the machine's other load than requests per second do, so it is the steadier figure of how much work each gateway does for the same answer.",
    '',
    `**${goalVerdict(report)}**`,
  ];
  if (report.stageRatios.length > 0) {
    lines.push(
      '',
      '### Request stages: enforcement and durable audit',
      '',
      "Issue 3: with enforcement on (authentication, sharing policy with a masked grant, signed subgraph fetches) at least 0.9× the rate of the same gateway with enforcement off (ours), and at least 1.0× the plain ApolloGateway. Issue 4: with durable audit on at least 0.85× audit off (ours-enforced), p99 up by no more than 5 ms, and at least 1.0× the plain ApolloGateway. Issue 13 raises both for ours-audited: at least 0.9× audit off (p99 still up by at most 5 ms), at least 1.2× the plain ApolloGateway at no more than 0.7× its gateway CPU per request, and at least 1.0× hive-rust. Ratios are medians of per-round ratios as above; the p99 difference is of the two cells' median p99.",
      '',
      "- Equal terms with the subgraphs: every subgraph runs with `SHUJUTONG_INSECURE_SKIP_SUBGRAPH_SIGNATURES=1`, so it accepts unsigned requests and still verifies signed ones. ours, apollo, hive and hive-rust send unsigned requests; ours-enforced and ours-audited sign every subgraph fetch (HMAC) and the subgraphs verify those signatures. Verification of unsigned requests is off for all; the signing gateways pay for signing and their signatures' verification on top.",
      ...report.enforcementNotes.map((n) => `- ${n}`),
      '',
      markdownTable([STAGE_HEAD, ...report.stageRatios.map(stageRow)]),
      '',
      ...stageVerdicts(report).map((v) => `- **${v}**`),
    );
  }
  if (report.goals.length > 0) {
    lines.push(
      '',
      "### Issue 13's goals",
      '',
      `Ratios within this run as above. Subgraph CPU per request is compared with a recorded figure, there being no "before" in the run: ${SUBGRAPH_CPU_BASELINE.source}. CPU per request moves with the host's CPU (model, frequency, its other load), so that verdict compares against a figure recorded on this machine under its load then, not against a measurement beside it. The share of subgraph CPU spent verifying request signatures is measured directly: the subgraphs' own verifier (\`createRequestVerifier\` of subgraphs/kit/request-signature.ts) run in the bench process, after the load, over freshly signed requests of the platform's shape with 16 KB bodies (more than the bench's subgraph fetches carry), CPU µs per verification, times ${SIGNATURE_SHARE.signed}'s subgraph fetches per request (its own \`shujutong_subgraph_fetch_duration_seconds_count\` on GET /metrics, before and after each measurement), over ${SIGNATURE_SHARE.signed}'s subgraph CPU per request. The cross-check row is the reading (subgraph CPU/req of ${SIGNATURE_SHARE.signed} − that of ${SIGNATURE_SHARE.unsigned}) / ${SIGNATURE_SHARE.signed}'s, median of per-round shares: ${SIGNATURE_SHARE.unsigned} sends unsigned requests that the subgraphs accept without verifying, ${SIGNATURE_SHARE.signed} signs every fetch, and the subgraph documents are the same (the bench caller's grant withholds no field), so the difference bounds what a signed request costs a subgraph (HMAC-SHA-256 over the canonical request with the body's SHA-256, the replay guard, decoding the caller header) plus the enforcing gateway's cached grant and registry lookups; but it is the difference of two CPU figures that each move by tens of percent between targets on a loaded machine (the subgraphs' per-request CPU also depends on the request rate and what else runs), so it decides nothing alone. The memory goal has its own run (\`npm run bench -- --soak 600\`, section below).`,
      '',
      markdownTable([GOAL_HEAD, ...report.goals.map(goalRow)]),
      '',
      ...goalSummary(report.goals).map((v) => `- **${v}**`),
    );
  }
  if (report.targetNotes.length > 0) lines.push('', ...report.targetNotes.map((n) => `- ${n}`));
  if (invalid.length > 0)
    lines.push(
      '',
      `Invalid or unmeasured cells: ${invalid.map((c) => `${c.operation}/${c.target}`).join(', ')}.`,
    );
  lines.push(
    '',
    'Operations (the exact documents are in `scripts/bench/bench-operations.ts`):',
    '',
  );
  for (const op of report.operations) {
    lines.push(
      `- **${op.name}**: ${op.description}.${op.direct ? ` *Direct*: the ${op.direct.subgraph} subgraph, ${op.direct.scope}.` : ' No direct variant.'}`,
    );
  }
  lines.push(
    '',
    'Targets (each gateway in its own process, all over the same supergraph file and the same subgraph processes):',
    '',
  );
  for (const t of report.targets) lines.push(`- **${t.name}**: ${t.description}.`);
  return lines.join('\n');
}
