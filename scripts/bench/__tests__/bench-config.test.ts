import fs from 'node:fs';
import path from 'node:path';
import { readBenchOptions } from '../bench-options';
import { BENCH_TARGETS, HIVE_RUST_CONFIG, RATIOS, STAGE_RATIOS } from '../bench-targets';
import { rustPlannerIn } from '../rust-planner-check';

const ROOT = path.resolve(__dirname, '../../..');

describe('hive-rust target', () => {
  const target = BENCH_TARGETS.find((t) => t.name === 'hive-rust');

  it('starts Hive Gateway with the Rust planner config on loopback, in one process', () => {
    if (target?.kind !== 'gateway') throw new Error('hive-rust is not a gateway target');
    const { args, tsx } = target.launch({
      root: ROOT,
      port: 4999,
      supergraphPath: '/s.graphql',
      env: {},
    });
    expect(tsx).toBe(false);
    expect(args.join(' ')).toContain(`--config-path ${HIVE_RUST_CONFIG}`);
    expect(args.join(' ')).toContain('--host 127.0.0.1 --port 4999 --fork 1');
  });

  it('has a config module exporting gatewayConfig with the router runtime handler', () => {
    const text = fs.readFileSync(path.join(ROOT, HIVE_RUST_CONFIG), 'utf8');
    expect(text).toMatch(/export const gatewayConfig = defineConfig\(\{ unifiedGraphHandler \}\)/);
    expect(text).toContain("from '@graphql-hive/router-runtime'");
  });

  it('is compared with ours and held against ours-audited', () => {
    expect(RATIOS).toContainEqual(['ours', 'hive-rust']);
    expect(STAGE_RATIOS).toContainEqual({
      numerator: 'ours-audited',
      denominator: 'hive-rust',
      atLeast: 1.0,
    });
  });
});

describe("issue 13's stage goals", () => {
  it('raises durable audit on against off to 0.9×, p99 up at most 5 ms', () => {
    expect(STAGE_RATIOS).toContainEqual({
      numerator: 'ours-audited',
      denominator: 'ours-enforced',
      atLeast: 0.9,
      p99MaxMs: 5,
    });
  });

  it('holds ours-audited to 1.2× the rate of apollo at 0.7× its CPU', () => {
    expect(STAGE_RATIOS).toContainEqual({
      numerator: 'ours-audited',
      denominator: 'apollo',
      atLeast: 1.2,
      cpuAtMost: 0.7,
    });
  });
});

describe('rustPlannerIn', () => {
  it('finds the native planner library in /proc/<pid>/maps', () => {
    const maps =
      '7f00-7f10 r-xp 00000000 08:01 12 /work/node_modules/@graphql-hive/router-query-planner/dist/hive_router_query_planner.linux-x64-gnu.node\n';
    expect(rustPlannerIn(maps)).toBe('hive_router_query_planner.linux-x64-gnu.node');
    expect(rustPlannerIn('7f00-7f10 r-xp 00000000 08:01 12 /usr/bin/node\n')).toBeNull();
  });
});

describe('--soak', () => {
  it('defaults to ours-audited on people-page and is bounded', () => {
    expect(readBenchOptions(['--soak', '60'])).toMatchObject({
      soak: 60,
      targets: ['ours-audited'],
      only: ['people-page'],
    });
    expect(readBenchOptions(['--soak', '60', '--targets', 'ours'])).toMatchObject({
      targets: ['ours'],
    });
    expect(readBenchOptions([]).soak).toBeNull();
    expect(() => readBenchOptions(['--soak', '7200'])).toThrow(/--soak/);
  });
});
