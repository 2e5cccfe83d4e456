/**
 * The running gateway is its own process: started as `npm run gateway` starts it, it loads no
 * subgraph module, nothing from scripts/ or test/, and no `@apollo/composition` module (it
 * serves the committed supergraph; composing belongs to `npm run compose`). Lint forbids the imports; this sees what lint cannot, such as a module
 * reached through a dependency.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { startGatewayProcess, stopGatewayProcess } from '../audit/gateway-process';

const ROOT = path.resolve(__dirname, '../../..');
const PRELOAD = path.join(__dirname, 'record-loaded-modules.cjs');
const under =
  (...parts: string[]) =>
  (file: string) =>
    file.startsWith(path.join(ROOT, ...parts) + path.sep);
/** A file of an installed package, wherever node_modules sits (hoisted, linked). */
const inPackage =
  (...parts: string[]) =>
  (file: string) =>
    file.includes(path.join(path.sep, 'node_modules', ...parts) + path.sep);

const inSubgraphs = under('subgraphs');
const inShells = (f: string) => under('scripts')(f) || under('test')(f);
const inComposition = inPackage('@apollo', 'composition');
const inApolloGateway = inPackage('@apollo', 'gateway');
interface LoadedModules {
  /** Every module file loaded from start to clean exit, absolute paths. */
  readonly files: string[];
  /** For CommonJS modules: the files that required each one. */
  readonly importers: ReadonlyMap<string, ReadonlySet<string>>;
}

function parseModuleList(text: string): LoadedModules {
  const files = new Set<string>();
  const importers = new Map<string, Set<string>>();
  const toPath = (entry: string) =>
    entry.startsWith('file:') ? fileURLToPath(entry.replace(/\?.*$/, '')) : entry;
  for (const line of text.split('\n')) {
    const [module, importer] = line.split('\t').map(toPath);
    if (!module || !path.isAbsolute(module)) continue; // node: builtins, data: URLs
    files.add(module);
    if (importer) importers.set(module, (importers.get(module) ?? new Set()).add(importer));
  }
  return { files: [...files].sort(), importers };
}

async function modulesLoadedByGateway(dataDir: string): Promise<LoadedModules> {
  const listFile = path.join(dataDir, 'loaded-modules.txt');
  const gateway = await startGatewayProcess(
    {
      GATEWAY_HOST: '127.0.0.1',
      GATEWAY_PORT: '0',
      // No subgraph needs to run: the gateway reads schema/supergraph.graphql and fetches from a
      // subgraph only when a query asks. Keys, the audit journal and its SQLite go here.
      DATA_DIR: dataDir,
      NODE_OPTIONS: `--require "${PRELOAD}"`,
      LOADED_MODULES_FILE: listFile,
    },
    30_000,
  );
  // One request through the HTTP path (refused without a token, which is enough) before stopping:
  // modules loaded on first use count too, and the answer proves the process has run past the
  // serving line to where it installs its SIGTERM handler.
  const answer = await fetch(gateway.url, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ query: '{ __typename }' }),
  });
  await answer.text();
  const exit = await stopGatewayProcess(gateway, 10_000);
  if (exit !== 0) throw new Error(`the gateway exited with ${exit}:\n${gateway.output()}`);
  return parseModuleList(fs.readFileSync(listFile, 'utf8'));
}

describe('the gateway process', () => {
  let dataDir: string;
  let loaded: LoadedModules;
  /** `file <- importers`, so a failure names who pulled the module in. */
  const described = (files: string[]) =>
    files.map((f) => `${f} <- ${[...(loaded.importers.get(f) ?? ['?'])].join(', ')}`);

  beforeAll(async () => {
    dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'shujutong-gateway-modules-'));
    loaded = await modulesLoadedByGateway(dataDir);
  });
  afterAll(() => fs.rmSync(dataDir, { recursive: true, force: true }));

  it('loaded its entry point and the Apollo gateway (so the list below is real)', () => {
    expect(loaded.files).toContain(path.join(ROOT, 'gateway', 'index.ts'));
    expect(loaded.files.some(inApolloGateway)).toBe(true);
  });

  it('loads no subgraph module', () => {
    expect(described(loaded.files.filter(inSubgraphs))).toEqual([]);
  });

  it('loads nothing from scripts/ or test/ (apart from the preload that makes this list)', () => {
    expect(described(loaded.files.filter((f) => inShells(f) && f !== PRELOAD))).toEqual([]);
  });

  it('loads no @apollo/composition module (gateway/composition-fence.ts stands in for it)', () => {
    expect(described(loaded.files.filter(inComposition))).toEqual([]);
  });
});
