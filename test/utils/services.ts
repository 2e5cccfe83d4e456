/**
 * `describeWithService('mysql', 'title', fn)` runs a suite only when the service answered
 * in global setup; otherwise the suite is skipped and its title carries the reason, which the
 * summary reporter prints at the end of the run.
 */
import { findNginx } from '../../scripts/fleet/nginx';
import { availabilityVariable, SERVICE_LABELS, ServiceName } from './service-probe';

export function serviceSkipReason(name: ServiceName): string | null {
  return process.env[availabilityVariable(name)] ?? null;
}

export function describeWithService(
  names: ServiceName | ServiceName[],
  title: string,
  fn: () => void,
): void {
  const list = Array.isArray(names) ? names : [names];
  const reasons = list.map((n) => [n, serviceSkipReason(n)] as const).filter(([, r]) => r !== null);
  if (reasons.length === 0) {
    describe(title, () => {
      allowForSharedServer();
      fn();
    });
    return;
  }
  const why = reasons.map(([n, r]) => `${SERVICE_LABELS[n]}: ${r}`).join('; ');
  describe.skip(`${title} [skipped — needs ${why}]`, fn);
}

/**
 * A test that talks to MariaDB or Redis waits on a server every other suite of the run shares:
 * on a loaded CI machine four small queries once took longer than jest's 5 s unit default. Unit
 * files that reach a service get 30 s per test; scenario files keep their own longer timeout.
 */
export const SERVICE_TEST_TIMEOUT_MS = 30_000;

function allowForSharedServer(): void {
  const path = expect.getState().testPath ?? '';
  if (!path.includes('/test/e2e/')) jest.setTimeout(SERVICE_TEST_TIMEOUT_MS);
}

/** null when nginx (found as scripts/fleet/nginx.ts finds it) can run here, otherwise why not; the fleet tests need it. */
export function nginxSkipReason(): string | null {
  return findNginx()
    ? null
    : 'no nginx on PATH or in /usr/sbin (apt-get install nginx, or set NGINX_BIN)';
}
