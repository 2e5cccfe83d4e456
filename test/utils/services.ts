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
    describe(title, fn);
    return;
  }
  const why = reasons.map(([n, r]) => `${SERVICE_LABELS[n]}: ${r}`).join('; ');
  describe.skip(`${title} [skipped — needs ${why}]`, fn);
}

/** null when nginx (found as scripts/fleet/nginx.ts finds it) can run here, otherwise why not; the fleet tests need it. */
export function nginxSkipReason(): string | null {
  return findNginx()
    ? null
    : 'no nginx on PATH or in /usr/sbin (apt-get install nginx, or set NGINX_BIN)';
}
