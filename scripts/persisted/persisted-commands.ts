/**
 * The commands of `npm run persisted` (scripts/persisted-documents.ts), callable in process by
 * tests: `check` verifies the manifest offline, `register` sends every entry to a gateway's
 * `registerPersistedDocument` mutation as the token's caller (the big data bureau, or the
 * department running the applications).
 */
import {
  checkManifest,
  manifestDocuments,
  PERSISTED_DIR,
} from '../../subgraphs/sharing/persisted-manifest';

export const PERSISTED_USAGE = `usage:
  npm run persisted -- check [--dir persisted]
  npm run persisted -- register --url http://localhost:4000/graphql --token <bureau token> [--dir persisted]`;

const REGISTER = `mutation RegisterPersistedDocument($input: PersistedDocumentInput!) {
  registerPersistedDocument(input: $input) { sha256 operationName }
}`;

export interface CommandIo {
  out(line: string): void;
  err(line: string): void;
  /** @default global fetch */
  fetch?: typeof fetch;
}

function option(args: string[], name: string): string | null {
  const i = args.indexOf(`--${name}`);
  if (i < 0) return null;
  const value = args[i + 1];
  if (value === undefined || value.startsWith('--')) throw new Error(`--${name} needs a value`);
  return value;
}

async function register(dir: string, url: string, token: string, io: CommandIo): Promise<number> {
  const problems = checkManifest(dir);
  if (problems.length > 0) {
    problems.forEach((p) => io.err(`persisted: ${p}`));
    io.err('persisted: the manifest does not check; nothing registered');
    return 1;
  }
  const post = io.fetch ?? fetch;
  let failed = 0;
  for (const doc of manifestDocuments(dir)) {
    const response = await post(url, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
      body: JSON.stringify({
        query: REGISTER,
        variables: { input: { application: doc.application, item: doc.item, document: doc.document } },
      }),
    });
    const body = (await response.json().catch(() => null)) as {
      data?: { registerPersistedDocument?: { sha256: string } | null } | null;
      errors?: { message: string }[];
    } | null;
    const sha256 = body?.data?.registerPersistedDocument?.sha256;
    if (sha256 === doc.sha256) {
      io.out(`registered ${doc.name} for ${doc.application} (${doc.item ?? 'no item'}): sha256:${sha256}`);
      continue;
    }
    failed++;
    const why = body?.errors?.map((e) => e.message).join('; ') ?? `HTTP ${response.status}`;
    io.err(`persisted: ${doc.file}: ${sha256 ? `the registry computed ${sha256}` : why}`);
  }
  return failed === 0 ? 0 : 1;
}

/** Runs one command; the exit code. */
export async function runPersistedCommand(argv: string[], io: CommandIo): Promise<number> {
  const [command, ...args] = argv;
  try {
    const dir = option(args, 'dir') ?? PERSISTED_DIR;
    if (command === 'check') {
      const problems = checkManifest(dir);
      problems.forEach((p) => io.err(`persisted: ${p}`));
      if (problems.length === 0) io.out(`persisted: ${manifestDocuments(dir).length} documents check`);
      return problems.length === 0 ? 0 : 1;
    }
    if (command === 'register') {
      const url = option(args, 'url');
      const token = option(args, 'token');
      if (!url || !token) throw new Error('register needs --url and --token');
      return await register(dir, url, token, io);
    }
    if (command === 'help' || command === '--help') {
      io.out(PERSISTED_USAGE);
      return 0;
    }
    throw new Error(command ? `unknown command ${command}` : 'no command');
  } catch (err) {
    io.err(`persisted: ${err instanceof Error ? err.message : String(err)}\n\n${PERSISTED_USAGE}`);
    return 2;
  }
}
