import fs from 'node:fs';
import path from 'node:path';
import { envName } from '../../env-values';
import { SUBGRAPHS } from '../../subgraph-directory';
import {
  NOT_SETTINGS,
  PLATFORM_VARIABLE_NAMES,
  PLATFORM_VARIABLES,
  rejectUnknownSettings,
  SETTING_PREFIXES,
} from '../platform-variables';

const ROOT = path.resolve(__dirname, '../../..');
const SHIPPED_DIRS = ['domain', 'contracts', 'gateway', 'subgraphs', 'scripts'];
const BESIDE_CODE = /(^|\/)(__tests__|__bench__)\//;
const NAME = '([A-Z][A-Z0-9]*(?:_[A-Z0-9]+)+|[A-Z]{4,})';

/** The ways our code reads a variable by its literal name. */
const READS = [
  new RegExp(`\\benv\\??\\.${NAME}\\b`, 'g'), // env.X, process.env.X
  new RegExp(`\\benv\\[\\s*'${NAME}'\\s*\\]`, 'g'), // env['X']
  new RegExp(`\\(\\s*env\\s*,\\s*'${NAME}'`, 'g'), // integerSetting(env, 'X', ...)
  new RegExp(`_VARIABLE\\s*=\\s*'${NAME}'`, 'g'), // SIGNING_SECRET_VARIABLE = 'X'
  new RegExp(`parsePort\\(\\s*'${NAME}'`, 'g'),
];
/** `envName(name, 'PORT')`: one variable per subgraph. */
const PER_SUBGRAPH = /envName\([^,)]+,\s*'([A-Z]+)'\)/g;

function sourceFiles(dir: string): string[] {
  return fs.readdirSync(path.join(ROOT, dir), { withFileTypes: true }).flatMap((entry) => {
    const rel = path.join(dir, entry.name);
    if (entry.isDirectory()) return entry.name === 'node_modules' ? [] : sourceFiles(rel);
    return /\.(ts|js|cjs|mjs)$/.test(entry.name) ? [rel] : [];
  });
}

interface Read {
  readonly name: string;
  readonly file: string;
}

function readsIn(files: readonly string[]): Read[] {
  const reads: Read[] = [];
  for (const file of files) {
    const text = fs.readFileSync(path.join(ROOT, file), 'utf8');
    for (const pattern of READS)
      for (const m of text.matchAll(pattern)) reads.push({ name: m[1], file });
    for (const m of text.matchAll(PER_SUBGRAPH)) {
      for (const s of SUBGRAPHS) reads.push({ name: envName(s.name, m[1]), file });
    }
  }
  return reads;
}

const allFiles = [...SHIPPED_DIRS, 'test'].flatMap(sourceFiles);
const shippedFiles = allFiles.filter((f) => !f.startsWith('test/') && !BESIDE_CODE.test(f));
const shippedReads = readsIn(shippedFiles);
const allReads = readsIn(allFiles);
const ours = (name: string) => SETTING_PREFIXES.some((p) => name.startsWith(p));

describe('the catalogue of platform variables', () => {
  it('lists every variable a shipped process reads by name', () => {
    const missing = shippedReads.filter(
      (r) => !PLATFORM_VARIABLE_NAMES.has(r.name) && !(r.name in NOT_SETTINGS),
    );
    expect(missing).toEqual([]);
  });

  it('lists every variable under our prefixes that tests read, here or among what is not a setting', () => {
    const missing = allReads.filter(
      (r) => ours(r.name) && !PLATFORM_VARIABLE_NAMES.has(r.name) && !(r.name in NOT_SETTINGS),
    );
    expect(missing).toEqual([]);
  });

  it('lists nothing that no shipped process reads', () => {
    const read = new Set(shippedReads.map((r) => r.name));
    expect([...PLATFORM_VARIABLE_NAMES].filter((name) => !read.has(name))).toEqual([]);
  });

  it('keeps what is not a setting apart, and read somewhere', () => {
    const read = new Set(allReads.map((r) => r.name));
    expect(Object.keys(NOT_SETTINGS).filter((name) => PLATFORM_VARIABLE_NAMES.has(name))).toEqual(
      [],
    );
    expect(Object.keys(NOT_SETTINGS).filter((name) => !read.has(name))).toEqual([]);
  });

  it('names each variable once, in one group', () => {
    const names = Object.values(PLATFORM_VARIABLES).flatMap((g) => Object.keys(g.variables));
    expect(names.length).toBe(PLATFORM_VARIABLE_NAMES.size);
  });

  it('claims the per-subgraph prefixes, but not generic ones', () => {
    expect(SETTING_PREFIXES).toEqual(
      expect.arrayContaining(['POPULATION_', 'LEGAL_ENTITY_', 'CITY_PARTS_']),
    );
    for (const generic of ['NODE_', 'MYSQL_', 'REDIS_', 'DATA_', 'SEED_']) {
      expect(SETTING_PREFIXES.some((p) => generic.startsWith(p) || p.startsWith(generic))).toBe(
        false,
      );
    }
  });
});

describe('rejectUnknownSettings', () => {
  it('refuses a misspelt setting, naming the closest known one', () => {
    expect(() => rejectUnknownSettings({ SHARING_POLICY_MOD: 'reject' })).toThrow(
      'SHARING_POLICY_MOD is not a setting: did you mean SHARING_POLICY_MODE?',
    );
  });

  it("accepts every process's settings, since npm start gives them all one environment", () => {
    const env = Object.fromEntries([...PLATFORM_VARIABLE_NAMES].map((name) => [name, 'x']));
    expect(() => rejectUnknownSettings(env)).not.toThrow();
  });

  it('leaves variables outside our prefixes alone', () => {
    expect(() =>
      rejectUnknownSettings({ PATH: '/bin', REDIS_PASSWORD: 'x', NODE_OPTIONS: '' }),
    ).not.toThrow();
  });
});
