/**
 * Finds out which external services a test run can use. Suites that need one run when it
 * answers and are reported as skipped, with the reason, when it does not; with
 * REQUIRE_SERVICES=1 a missing service fails the run instead (CI).
 */
import fs from 'node:fs';
import net from 'node:net';

export type ServiceName = 'mysql' | 'redis' | 'chromium';

export const SERVICE_LABELS: Record<ServiceName, string> = {
  mysql: 'MariaDB',
  redis: 'Redis',
  chromium: 'Chromium',
};

export const CHROMIUM_PATH = process.env.CHROMIUM_PATH || '/usr/bin/chromium';

function tcpAnswers(host: string, port: number, timeoutMs = 1500): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = net.connect({ host, port });
    const done = (ok: boolean) => {
      socket.destroy();
      resolve(ok);
    };
    socket.setTimeout(timeoutMs, () => done(false));
    socket.once('connect', () => done(true));
    socket.once('error', () => done(false));
  });
}

/** null when the service is usable, otherwise why not. */
export async function probeService(
  name: ServiceName,
  env: NodeJS.ProcessEnv = process.env,
): Promise<string | null> {
  if (name === 'chromium')
    return fs.existsSync(CHROMIUM_PATH)
      ? null
      : `no browser at ${CHROMIUM_PATH} (apt-get install chromium)`;
  const variable = name === 'mysql' ? 'MYSQL_URL' : 'REDIS_URL';
  const value = env[variable];
  if (!value) return `${variable} is not set`;
  let url: URL;
  try {
    url = new URL(value);
  } catch {
    return `${variable} is not a URL: ${value}`;
  }
  const port = Number(url.port) || (name === 'mysql' ? 3306 : 6379);
  return (await tcpAnswers(url.hostname, port))
    ? null
    : `nothing answers at ${url.hostname}:${port} (${variable})`;
}

/**
 * Environment variable through which global setup tells the test workers the outcome. Outside
 * our settings' prefixes: the services the tests start inherit it, and refuse unknown settings.
 */
export function availabilityVariable(name: ServiceName): string {
  return `TEST_SKIP_${name.toUpperCase()}`;
}
