/**
 * Who may move a registered application (政务信息系统) between ACTIVE, SUSPENDED and RETIRED, as
 * one table. The big data bureau supervises the platform and takes "zombie" and misbehaving
 * systems off it (通政办发〔2017〕165号); a department maintains its own. So a suspension by the
 * bureau is lifted only by the bureau — otherwise the department whose system was suspended
 * could simply switch it back on — while a department may pause and resume its own system, and
 * either may retire it, which is final (a cleaned-up system is replaced, not revived).
 * Pure: the registry (application-registry.ts) reads the row, asks here, then writes.
 */
import { PLATFORM_DEPARTMENT } from '../../domain/departments';
import type { ApplicationStatus } from './store';

/** Who is asking, relative to the application. */
export type StatusActor = 'BUREAU' | 'OWNER' | 'OTHER_DEPARTMENT';

/** Who set the current status, as recorded on the row. */
export type StatusSetter = 'BUREAU' | 'OWNER';

export type TransitionRefusal =
  /** Not the owning department and not the bureau. */
  | 'NOT_YOURS'
  /** RETIRED is final. */
  | 'RETIRED_IS_FINAL'
  /** The status is already the one asked for; a repeat would overwrite who set it. */
  | 'UNCHANGED'
  /** Suspended by the bureau: only the bureau lifts it. */
  | 'SUSPENDED_BY_BUREAU';

export type TransitionDecision =
  | { allowed: true; setBy: StatusSetter }
  | { allowed: false; reason: TransitionRefusal; message: string };

export interface StatusTransition {
  from: ApplicationStatus;
  to: ApplicationStatus;
  actor: StatusActor;
  /** Who set `from`; null on rows from before this was recorded (treated as the bureau: fail closed). */
  fromSetBy: StatusSetter | null;
}

/** The bureau counts as the bureau for its own systems too: its suspension of them is still the supervisor's. */
export function statusActor(callerDepartment: string, applicationDepartment: string): StatusActor {
  if (callerDepartment === PLATFORM_DEPARTMENT) return 'BUREAU';
  return callerDepartment === applicationDepartment ? 'OWNER' : 'OTHER_DEPARTMENT';
}

const refuse = (reason: TransitionRefusal, message: string): TransitionDecision => ({
  allowed: false,
  reason,
  message,
});

export function decideStatusTransition({
  from,
  to,
  actor,
  fromSetBy,
}: StatusTransition): TransitionDecision {
  if (actor === 'OTHER_DEPARTMENT')
    return refuse(
      'NOT_YOURS',
      "only the owning department or the big data bureau may change an application's status",
    );
  if (from === 'RETIRED')
    return refuse(
      'RETIRED_IS_FINAL',
      'a retired application stays retired; register a new one instead',
    );
  if (from === to) return refuse('UNCHANGED', `the application is already ${from}`);
  if (from === 'SUSPENDED' && to === 'ACTIVE' && actor !== 'BUREAU' && fromSetBy !== 'OWNER') {
    return refuse(
      'SUSPENDED_BY_BUREAU',
      'the big data bureau suspended this application; only the bureau can lift its suspension',
    );
  }
  return { allowed: true, setBy: actor };
}
