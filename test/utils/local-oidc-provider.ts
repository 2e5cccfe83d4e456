/**
 * The local OpenID provider (scripts/local-oidc-provider.mjs) in a child process on a free
 * loopback port, for tests of the workbench's sign-in. oidc-provider is ES modules only and jest
 * cannot import it, hence the child.
 *
 *   const idp = await startLocalOidcProvider();
 *   const platform = await startPlatform({
 *     gateway: { workbench: workbenchSettingsFor(idp) },   // or readWorkbenchSettings({...})
 *   });
 *   // browser or fetch: /auth/oidc/start → idp login form (idp.accounts[0].id, any password) → back
 *   await idp.stop();
 *
 * Log in at the provider's form with an account id (`login`) and any `password`: a browser fills
 * `input[name=login]` and `input[name=password]` and submits; consent is not asked.
 */
import { ChildProcess, spawn } from 'node:child_process';
import path from 'node:path';
import { readWorkbenchSettings, WorkbenchSettings } from '../../gateway/config/workbench';

export interface LocalOidcAccount {
  /** What to type as the login; any password is accepted. */
  readonly id: string;
  readonly department: string;
  readonly application: string | null;
  readonly roles: readonly string[];
}

/** The script's demo accounts (keep in step with ACCOUNTS there). */
export const LOCAL_OIDC_ACCOUNTS: readonly LocalOidcAccount[] = [
  {
    id: 'analyst-civil',
    department: 'civil-affairs',
    application: 'minimum-living-allowance',
    roles: ['analyst'],
  },
  {
    id: 'analyst-tax',
    department: 'tax',
    application: 'tax-collection',
    roles: ['analyst', 'tax-officer'],
  },
  { id: 'analyst-hr', department: 'human-resources', application: null, roles: ['analyst'] },
  {
    id: 'steward-public-security',
    department: 'public-security',
    application: 'household-registration',
    roles: ['data-steward'],
  },
  /** Refused by the platform: its application belongs to another department. */
  {
    id: 'misfiled-account',
    department: 'tax',
    application: 'minimum-living-allowance',
    roles: ['analyst'],
  },
];

export interface LocalOidcProviderOptions {
  /** @default shujutong-workbench */
  clientId?: string;
  /** Null: a public client (PKCE only). @default a fixed development secret */
  clientSecret?: string | null;
  /** Where its output goes. @default discarded (kept for the error if it fails to start) */
  log?: (line: string) => void;
  /** @default 15000 */
  startTimeoutMs?: number;
  /** A fixed loopback port, e.g. to start it again where a gateway expects it. @default 0: a free one */
  port?: number;
}

export interface LocalOidcProvider {
  /** e.g. http://127.0.0.1:41234 */
  readonly issuer: string;
  readonly clientId: string;
  readonly clientSecret?: string;
  readonly accounts: readonly LocalOidcAccount[];
  /** Idempotent. */
  stop(): Promise<void>;
}

const SCRIPT = path.resolve(__dirname, '../../scripts/local-oidc-provider.mjs');
const DEFAULT_SECRET = 'local-development-secret-not-for-production';

export async function startLocalOidcProvider(
  options: LocalOidcProviderOptions = {},
): Promise<LocalOidcProvider> {
  const clientId = options.clientId ?? 'shujutong-workbench';
  const clientSecret = options.clientSecret === undefined ? DEFAULT_SECRET : options.clientSecret;
  const args = [SCRIPT, '--port', String(options.port ?? 0), '--client-id', clientId];
  args.push(...(clientSecret === null ? ['--public'] : ['--client-secret', clientSecret]));
  const child = spawn(process.execPath, args, { stdio: ['ignore', 'pipe', 'pipe'] });
  const output: string[] = [];
  const log = (line: string) => {
    output.push(line);
    options.log?.(line);
  };
  child.stderr!.setEncoding('utf8').on('data', (text: string) => log(text.trimEnd()));

  const issuer = await new Promise<string>((resolve, reject) => {
    let stdout = '';
    const timer = setTimeout(
      () => fail(new Error(`did not start within ${options.startTimeoutMs ?? 15_000} ms`)),
      options.startTimeoutMs ?? 15_000,
    );
    const fail = (err: Error) => {
      clearTimeout(timer);
      child.kill('SIGKILL');
      reject(new Error(`local OIDC provider: ${err.message}\n${output.join('\n')}`));
    };
    child.once('error', fail);
    child.once('exit', (code) => fail(new Error(`exited with ${code}`)));
    child.stdout!.setEncoding('utf8').on('data', (text: string) => {
      stdout += text;
      const line = stdout.split('\n')[0];
      if (stdout.includes('\n')) {
        clearTimeout(timer);
        child.removeAllListeners('exit');
        resolve(line.trim());
      }
    });
  });

  let stopped: Promise<void> | null = null;
  const stop = (proc: ChildProcess) =>
    new Promise<void>((resolve) => {
      if (proc.exitCode !== null || proc.signalCode !== null) return resolve();
      const killer = setTimeout(() => proc.kill('SIGKILL'), 5000);
      proc.once('exit', () => {
        clearTimeout(killer);
        resolve();
      });
      proc.kill('SIGTERM');
    });
  return {
    issuer,
    clientId,
    ...(clientSecret !== null ? { clientSecret } : {}),
    accounts: LOCAL_OIDC_ACCOUNTS,
    stop: () => (stopped ??= stop(child)),
  };
}

/**
 * Workbench settings that sign in through this provider, as the environment would give them
 * (more WORKBENCH_* variables in `env`), for startPlatform's `gateway: { workbench }`.
 */
export function workbenchSettingsFor(
  idp: LocalOidcProvider,
  env: Record<string, string> = {},
): WorkbenchSettings {
  return readWorkbenchSettings({
    WORKBENCH_OIDC_ISSUER: idp.issuer,
    WORKBENCH_OIDC_CLIENT_ID: idp.clientId,
    ...(idp.clientSecret ? { WORKBENCH_OIDC_CLIENT_SECRET: idp.clientSecret } : {}),
    ...env,
  });
}
