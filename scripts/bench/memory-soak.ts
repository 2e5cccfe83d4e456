/**
 * `npm run bench -- --soak S`: one gateway under continuous load from one operation for S
 * seconds, its resident memory sampled from /proc/<pid>/status every few seconds, so a leak
 * shows as growth after warm-up (issue 13's memory goal). Bounded: the load generator stops
 * after S seconds and the sampler with it; requests go only to the gateway's loopback URL.
 */
import fs from 'node:fs';
import type { LoadResult, LoadRun } from './load-test';
import { failureCount, runLoad } from './load-test';
import type { MachineInfo } from './machine-info';
import {
  MAX_GROWTH_MIB_PER_MIN,
  RssSample,
  rssTrend,
  RssTrend,
  TREND_WINDOW_S,
  vmRssKiB,
  WARM_AFTER_S,
} from './rss-trend';

/** Seconds between RSS samples. */
export const SAMPLE_EVERY_S = 5;

export interface SoakResult {
  load: LoadResult;
  samples: RssSample[];
  trend: RssTrend;
}

function readRss(pid: number): number | null {
  try {
    return vmRssKiB(fs.readFileSync(`/proc/${pid}/status`, 'utf8'));
  } catch {
    return null;
  }
}

export async function runSoak(
  run: LoadRun,
  gatewayPid: number,
  log: (line: string) => void,
): Promise<SoakResult> {
  if (!/^http:\/\/127\.0\.0\.1:\d+\//.test(run.url))
    throw new Error(`--soak sends only to loopback, not to ${run.url}`);
  const started = Date.now();
  const samples: RssSample[] = [];
  const sample = () => {
    const rssKiB = readRss(gatewayPid);
    if (rssKiB === null) return;
    const seconds = (Date.now() - started) / 1000;
    samples.push({ seconds, rssKiB });
    if (samples.length % 12 === 1)
      log(
        `soak ${Math.round(seconds)} s / ${run.seconds} s: gateway RSS ${(rssKiB / 1024).toFixed(1)} MiB`,
      );
  };
  sample();
  const timer = setInterval(sample, SAMPLE_EVERY_S * 1000);
  try {
    const load = await runLoad(run);
    sample();
    return { load, samples, trend: rssTrend(samples) };
  } finally {
    clearInterval(timer);
  }
}

export interface SoakReport {
  date: Date;
  command: string;
  machine: MachineInfo;
  loadBefore: string;
  loadAfter: string;
  data: string;
  persons: number;
  target: string;
  operation: string;
  connections: number;
  seconds: number;
  result: SoakResult;
}

const m = (n: number | null) => (n === null ? '-' : n.toFixed(1));

export function soakVerdict(trend: RssTrend): string {
  if (!trend.judged)
    return `not judged (needs at least ${WARM_AFTER_S + TREND_WINDOW_S} s: a warm minute and a ${TREND_WINDOW_S / 60}-minute trend)`;
  return trend.met ? 'met' : 'NOT met';
}

function rows(r: SoakReport): string[][] {
  const t = r.result.trend;
  const goal = `5. ${r.target} RSS growth ≤ ${MAX_GROWTH_MIB_PER_MIN} MiB/min over the last ${TREND_WINDOW_S / 60} min`;
  return [
    ['goal', 'operation', 'value', 'verdict'],
    [
      `5. ${r.target} RSS after the first minute under load`,
      r.operation,
      `${m(t.afterFirstMinuteMiB)} MiB`,
      'recorded',
    ],
    [
      `5. ${r.target} RSS at the end / peak`,
      r.operation,
      `${m(t.endMiB)} / ${m(t.peakMiB)} MiB`,
      'recorded',
    ],
    [
      goal,
      r.operation,
      t.growthMiBPerMin === null
        ? '-'
        : `${t.growthMiBPerMin >= 0 ? '+' : ''}${t.growthMiBPerMin.toFixed(2)} MiB/min (last ${t.windowS} s)`,
      soakVerdict(t),
    ],
  ];
}

export function soakTerminalReport(r: SoakReport): string {
  const table = rows(r);
  const widths = table[0].map((_, i) => Math.max(...table.map((row) => row[i].length)));
  const load = r.result.load;
  return [
    `${r.target} / ${r.operation}: ${Math.round(load.requestsPerSecond)} req/s over ${r.seconds} s, p99 ${load.p99} ms, ${failureCount(load)} failed, ${r.result.samples.length} RSS samples`,
    ...table.map((row) =>
      row
        .map((c, i) => c.padEnd(widths[i]))
        .join('  ')
        .trimEnd(),
    ),
  ].join('\n');
}

export function soakMarkdownSection(r: SoakReport): string {
  const mc = r.machine;
  const load = r.result.load;
  const [head, ...body] = rows(r);
  return [
    '## Gateway memory under load (`npm run bench -- --soak`)',
    '',
    `Measured ${r.date.toISOString().replace('T', ' ').slice(0, 16)} UTC with \`${r.command}\`.`,
    '',
    `- Machine: ${mc.cores} cores, ${mc.cpuModel}, ${mc.memoryGiB} GiB memory, Node ${mc.node}, ${mc.platform}. Load average (1 / 5 / 15 min): ${r.loadBefore} before, ${r.loadAfter} after.`,
    `- Data: demo city of ${r.persons.toLocaleString('en-US')} persons, ${r.data}.`,
    `- Load: autocannon, ${r.connections} keep-alive connections sending ${r.operation} (its argument sets in turn) to **${r.target}** on loopback, without a pause, for ${r.seconds} s: ${Math.round(load.requestsPerSecond)} req/s, p50 ${load.p50} ms, p99 ${load.p99} ms, ${load.requests.toLocaleString('en-US')} requests, ${failureCount(load)} failed.`,
    `- Memory: the gateway process's resident set (VmRSS of /proc/<pid>/status) every ${SAMPLE_EVERY_S} s, ${r.result.samples.length} samples. Growth is the slope of a least-squares line through the samples of the last ${TREND_WINDOW_S / 60} minutes (never the first minute): one collector swing does not decide it.`,
    '',
    `| ${head.join(' | ')} |`,
    `| ${head.map(() => '---').join(' | ')} |`,
    ...body.map((row) => `| ${row.join(' | ')} |`),
  ].join('\n');
}
