/**
 * Who sees quota exceedances and probing flags: the owner department, about the use of its own
 * data (the grants it gave, the lookups of its data); the big data bureau, which supervises the
 * platform, about everyone's. A consuming department sees neither, not even about itself: they
 * are the supervisors' findings. Pure: null when allowed, else the reason.
 */
import { departmentByCode } from '../../domain/departments';
import type { CallerIdentity } from '../../contracts/caller/caller-identity';
import { isCitizen, isPlatform } from './access-rules';

/** The owner whose findings are read: the one named, else the caller; null (all) only for the bureau. */
export function supervisedOwner(
  caller: CallerIdentity,
  owner: string | null,
  what: string,
): { owner: string | null } | string {
  if (isCitizen(caller))
    return `a citizen's token may only ask who accessed the citizen's own data`;
  if (isPlatform(caller)) return { owner };
  const department = departmentByCode(caller.department);
  if (!department) return `"${caller.department}" is not a registered department`;
  if (department.kind !== 'OWNER')
    return `${what} are shown to the owner departments and the big data bureau only`;
  if (owner !== null && owner !== caller.department)
    return `only the big data bureau reads another owner's ${what} (asked for ${owner})`;
  return { owner: caller.department };
}
