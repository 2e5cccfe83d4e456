/**
 * npm run bench -- [--duration S] [--warmup S] [--connections N] [--rounds N]
 *                  [--only op,...] [--targets name,...] [--persons N] [--data-dir DIR]
 *                  [--write | --no-write] [--cpu-prof] [--soak S]
 *
 * Requests per second and p50/p99 latency of three operations (applicant profile, region
 * dashboard, a page of 50 people), and of the service network's case-bound applicant pull (a
 * persisted document under an approval case, on ours-audited only), against their own subgraph directly, through our gateway
 * without request stages, through the platform gateway with enforcement on (authentication,
 * sharing policy, signing) and with durable audit on as well, through a plain default
 * ApolloGateway and through Hive Gateway, all on loopback over the same supergraph and subgraph
 * processes, and through Hive Gateway on its Rust query planner (hive-rust); prints a table, the
 * ratios and every goal of the issues with its verdict, and records them in BENCHMARKS.md.
 * With --soak S: S seconds of continuous load on one gateway and one operation (ours-audited,
 * people-page unless --targets/--only say otherwise), its resident memory sampled throughout,
 * recorded in BENCHMARKS.md's memory section after a run of 600 s or more. Every
 * process it starts is stopped when it ends, fails or is interrupted (Ctrl-C).
 * See scripts/bench/run-gateway-bench.ts.
 */
import { Supervisor } from './start/supervisor';
import { runGatewayBench } from './bench/run-gateway-bench';

const supervisor = new Supervisor(
  (line) => console.log(`[bench] ${line}`),
  (code) => process.exit(code),
);
runGatewayBench(process.argv.slice(2), supervisor)
  .then((code) => supervisor.shutdown(code))
  .catch(async (err: unknown) => {
    console.error(`[bench] failed: ${err instanceof Error ? err.message : String(err)}`);
    await supervisor.shutdown(1);
  });
