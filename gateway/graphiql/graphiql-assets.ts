/**
 * GraphiQL's scripts and styles, served by the gateway itself from the installed npm packages.
 * Government networks have no internet access, and a page that pulled its code from a CDN
 * would also leak who uses the platform to a third party; nothing here leaves the machine.
 * Only the files listed are served: a request cannot name an arbitrary path.
 */
import { createHash } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import zlib from 'node:zlib';

export const ASSET_PREFIX = '/graphiql/';

const JS = 'text/javascript; charset=utf-8';
const CSS = 'text/css; charset=utf-8';

/**
 * A file inside an installed package, found through Node's module resolution (hoisted or
 * nested installs alike). React's `exports` map hides its UMD builds from require.resolve,
 * so resolve the package folder and join the path.
 */
function packageFile(pkg: string, file: string): string {
  return path.join(path.dirname(require.resolve(`${pkg}/package.json`)), file);
}

/**
 * The workbench's own scripts (gateway/graphiql/workbench/), plain ES2017 in load order: each
 * adds to the `Sjt` namespace what the later ones use.
 */
export const WORKBENCH_SCRIPTS: readonly string[] = [
  'sjt-core.js',
  'sjt-session.js',
  'sjt-access-docs.js',
  'sjt-denials.js',
  'sjt-editor-marks.js',
  'sjt-download.js',
  'sjt-apply-form.js',
  'sjt-applications.js',
  'sjt-sharing-plugin.js',
  'sjt-topbar.js',
  'sjt-dry-run.js',
  'sjt-applications-state.js',
  'sjt-workbench-state.js',
  'sjt-workbench.js',
];

/** The catalogue page's scripts, after sjt-core.js and sjt-session.js. */
export const CATALOGUE_SCRIPTS: readonly string[] = ['sjt-catalogue-table.js', 'sjt-catalogue.js'];

const WORKBENCH_FILES = [
  ...WORKBENCH_SCRIPTS,
  ...CATALOGUE_SCRIPTS,
  'sjt-base.css',
  'sjt-workbench.css',
  'sjt-catalogue.css',
];

/** Public name → file. */
const ASSETS: Readonly<Record<string, { file: () => string; type: string }>> = {
  'react.production.min.js': {
    file: () => packageFile('react', 'umd/react.production.min.js'),
    type: JS,
  },
  'react-dom.production.min.js': {
    file: () => packageFile('react-dom', 'umd/react-dom.production.min.js'),
    type: JS,
  },
  'graphiql.min.js': { file: () => packageFile('graphiql', 'graphiql.min.js'), type: JS },
  'graphiql.min.css': { file: () => packageFile('graphiql', 'graphiql.min.css'), type: CSS },
  'graphiql-start.js': { file: () => path.join(__dirname, 'graphiql-start.js'), type: JS },
  'plugin-explorer.umd.js': {
    file: () => packageFile('@graphiql/plugin-explorer', 'dist/index.umd.js'),
    type: JS,
  },
  'plugin-explorer.css': {
    file: () => packageFile('@graphiql/plugin-explorer', 'dist/style.css'),
    type: CSS,
  },
  ...Object.fromEntries(
    WORKBENCH_FILES.map((name) => [
      name,
      {
        file: () => path.join(__dirname, 'workbench', name),
        type: name.endsWith('.css') ? CSS : JS,
      },
    ]),
  ),
};

export interface Asset {
  readonly type: string;
  readonly body: Buffer;
  /** Compressed once on first use: graphiql.min.js is 3.5 MB, about a fifth of that gzipped. */
  readonly gzipped: Buffer;
  readonly etag: string;
}

export function assetUrl(name: string): string {
  return `${ASSET_PREFIX}${name}`;
}

/** Loads and caches the assets; throws at start-up if a package is missing rather than on first page view. */
export class AssetStore {
  private readonly cache = new Map<string, Asset>();
  private readonly files: Map<string, { file: string; type: string }>;

  constructor() {
    this.files = new Map(
      Object.entries(ASSETS).map(([name, a]) => [name, { file: a.file(), type: a.type }]),
    );
    for (const [name, { file }] of this.files) {
      if (!fs.existsSync(file))
        throw new Error(`GraphiQL asset ${name} is missing at ${file}: run npm install`);
    }
  }

  /** The asset for a request path under ASSET_PREFIX, or null when it is not one of ours. */
  get(requestPath: string): Asset | null {
    if (!requestPath.startsWith(ASSET_PREFIX)) return null;
    const name = requestPath.slice(ASSET_PREFIX.length);
    const cached = this.cache.get(name);
    if (cached) return cached;
    const entry = this.files.get(name);
    if (!entry) return null;
    const body = fs.readFileSync(entry.file);
    const asset: Asset = {
      type: entry.type,
      body,
      gzipped: zlib.gzipSync(body, { level: 6 }),
      etag: `"${createHash('sha256').update(body).digest('base64url').slice(0, 27)}"`,
    };
    this.cache.set(name, asset);
    return asset;
  }
}
