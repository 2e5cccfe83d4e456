/**
 * Who calls a workbench API: verified exactly as a GraphQL request is (deps.callerOf; the session
 * layer has already turned a cookie and its CSRF token into the Authorization header). A
 * citizen's own token reaches nothing but "who accessed my data", so it gets no workbench either.
 */
import type http from 'node:http';
import { ErrorCode } from '../../../domain/error-codes';
import type { CallerIdentity } from '../../../contracts/caller/caller-identity';
import { HttpError } from '../../../contracts/http/http-error';
import { isCitizenCaller } from '../../auth/citizen-claims';
import type { WorkbenchDeps } from '../workbench-deps';

export async function analystOf(
  deps: WorkbenchDeps,
  req: http.IncomingMessage,
): Promise<CallerIdentity> {
  const caller = await deps.callerOf(req);
  if (isCitizenCaller(caller))
    throw new HttpError(
      403,
      "The workbench is for departments' analysts; a citizen's token asks whoAccessedMyData only.",
      ErrorCode.FORBIDDEN,
    );
  return caller;
}

/** The department's grants as the policy stage sees them; a failure to load them is the policy's UNAVAILABLE. */
export async function grantsOf(
  deps: WorkbenchDeps,
  department: string,
): ReturnType<WorkbenchDeps['grantsFor']> {
  try {
    return await deps.grantsFor(department);
  } catch {
    return { status: 'UNAVAILABLE' };
  }
}
