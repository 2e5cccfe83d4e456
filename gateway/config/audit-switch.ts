/**
 * The one switch that runs the gateway without its audit trail. Every request is otherwise
 * recorded before its response leaves, and the gateway refuses to serve when it cannot record
 * (X-Road's message log makes the same choice); so turning that off is a named, loud, explicit
 * act: refused when NODE_ENV=production, and shouted about at every start. It exists for
 * benchmarks (durable audit on against off) and for developers who know why they need it.
 */
import { insecureSwitch, SettingsEnv } from '../../contracts/settings/setting-values';

export const AUDIT_DISABLE_VARIABLE = 'SHUJUTONG_INSECURE_DISABLE_AUDIT';

/** Whether the audit trail is switched off; throws (the gateway must not start) with NODE_ENV=production. */
export function auditDisabledRequested(env: SettingsEnv = process.env): boolean {
  return insecureSwitch(
    env,
    AUDIT_DISABLE_VARIABLE,
    'to serve departmental data without an audit trail',
  );
}

export const AUDIT_DISABLED_WARNING = [
  '!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!',
  `!! ${AUDIT_DISABLE_VARIABLE} is set: the gateway runs WITHOUT its audit trail.`,
  '!! Requests are served and NOTHING records who asked for whose data.',
  '!! Meant only for benchmarks and local experiments. Never in production.',
  '!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!',
].join('\n');
