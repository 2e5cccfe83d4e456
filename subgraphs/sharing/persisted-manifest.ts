/**
 * The manifest of persisted documents kept in the repository (persisted/manifest.json): each
 * entry maps the SHA-256 of one `.graphql` file's exact bytes to its operation name, the
 * application it is registered for and the approval item it serves. The sharing seed registers
 * them; `npm run persisted -- check` verifies them offline and `register` sends them to a
 * gateway (scripts/persisted-documents.ts).
 */
import fs from 'node:fs';
import path from 'node:path';
import { checkDocument, sha256Hex } from './persisted-documents';

/** The repository's manifest folder. */
export const PERSISTED_DIR = path.resolve(__dirname, '../../persisted');
export const MANIFEST_FILE = 'manifest.json';

export interface ManifestEntry {
  /** The operation's name, as in the document. */
  readonly name: string;
  /** The registered application that may run it. */
  readonly application: string;
  /** The approval item code it serves (e.g. ZF0101); null: none. */
  readonly item: string | null;
  /** The document, relative to the manifest's folder. */
  readonly file: string;
}

export interface Manifest {
  readonly version: 1;
  /** SHA-256 (lower-case hex) of the file's bytes → entry. */
  readonly documents: Readonly<Record<string, ManifestEntry>>;
}

export interface ManifestDocument extends ManifestEntry {
  readonly sha256: string;
  /** The file's text, exactly (UTF-8). */
  readonly document: string;
}

export function readManifest(dir: string = PERSISTED_DIR): Manifest {
  return JSON.parse(fs.readFileSync(path.join(dir, MANIFEST_FILE), 'utf8')) as Manifest;
}

/** Every entry with its document's text, in manifest order. Throws when a file is missing. */
export function manifestDocuments(dir: string = PERSISTED_DIR): ManifestDocument[] {
  const manifest = readManifest(dir);
  return Object.entries(manifest.documents).map(([sha256, entry]) => ({
    ...entry,
    sha256,
    document: fs.readFileSync(path.join(dir, entry.file), 'utf8'),
  }));
}

function graphqlFiles(dir: string, under = ''): string[] {
  return fs.readdirSync(path.join(dir, under), { withFileTypes: true }).flatMap((e) => {
    const rel = under ? `${under}/${e.name}` : e.name;
    if (e.isDirectory()) return graphqlFiles(dir, rel);
    return e.name.endsWith('.graphql') ? [rel] : [];
  });
}

/**
 * What is wrong with the manifest, offline: an unreadable manifest, a missing file, a file whose
 * bytes do not hash to its entry (edited after registration: the registry would not know it), an
 * operation name that is not the document's, a document the registry would refuse, and a
 * `.graphql` file the manifest does not list. Empty when all is well.
 */
export function checkManifest(dir: string = PERSISTED_DIR): string[] {
  let manifest: Manifest;
  try {
    manifest = readManifest(dir);
  } catch (err) {
    return [`${MANIFEST_FILE}: ${err instanceof Error ? err.message : String(err)}`];
  }
  if (manifest.version !== 1 || typeof manifest.documents !== 'object' || !manifest.documents)
    return [`${MANIFEST_FILE}: expected { "version": 1, "documents": { <sha256>: entry } }`];
  const problems: string[] = [];
  const listed = new Set<string>();
  for (const [sha256, entry] of Object.entries(manifest.documents)) {
    listed.add(entry.file);
    let text: string;
    try {
      text = fs.readFileSync(path.join(dir, entry.file), 'utf8');
    } catch {
      problems.push(`${entry.file}: listed as ${sha256} but missing`);
      continue;
    }
    const actual = sha256Hex(text);
    if (actual !== sha256)
      problems.push(`${entry.file}: SHA-256 is ${actual}, manifest says ${sha256}`);
    try {
      const name = checkDocument(text);
      if (name !== entry.name)
        problems.push(`${entry.file}: operation is ${name}, manifest says ${entry.name}`);
    } catch (err) {
      problems.push(`${entry.file}: ${err instanceof Error ? err.message : String(err)}`);
    }
  }
  for (const file of graphqlFiles(dir))
    if (!listed.has(file)) problems.push(`${file}: not listed in ${MANIFEST_FILE}`);
  return problems;
}
