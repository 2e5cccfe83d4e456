/**
 * The registry of departmental application systems (政务信息系统), with the fields the 2017
 * Nantong integration plan asks every department to self-report: number, name, function, scope
 * of use, frequency of use, approving department, approval date and funding source. A token
 * names one of these applications, and the gateway refuses one that is not ACTIVE, which is how
 * suspending or retiring a "zombie" system (僵尸系统) takes it off the platform.
 */
import { Knex } from 'knex';
import { isDepartmentCode } from '../../domain/departments';
import { limitBasisAfterChange, LimitFrequency } from '../../domain/request-limits';
import type { CallerIdentity } from '../../contracts/caller/caller-identity';
import { badUserInput } from '../kit/user-input';
import { enforce, forbidden, isPlatform, mayManageApplication } from './access-rules';
import { decideStatusTransition, statusActor } from './status-transitions';
import {
  limitBasis,
  limitColumns,
  mayChangeRequestLimits,
  RequestLimitsInput,
} from './application-limits';
import { chinaDate, Clock } from './clock';
import { notFound, optionalText, requireText, wrongState } from './sharing-input';
import { ApplicationRow, ApplicationStatus } from './store';

export const USAGE_FREQUENCIES = ['DAILY', 'WEEKLY', 'MONTHLY', 'QUARTERLY', 'RARELY'] as const;
export type UsageFrequency = (typeof USAGE_FREQUENCIES)[number];

export interface ApplicationDetails {
  name: string;
  function: string;
  scopeOfUse: string;
  usageFrequency: UsageFrequency;
  approvingDepartment?: string | null;
  approvalDate?: string | null;
  fundingSource: string;
  /** Registered as needing shared data (the inventory's "not connected" flag). @default false */
  needsSharedData?: boolean | null;
}

export interface RegisterApplicationInput extends ApplicationDetails {
  /** The system number (系统编号): lower-case letters, digits and hyphens, unique on the platform. */
  id: string;
  /** @default the caller's department */
  department?: string | null;
}

export type UpdateApplicationInput = Partial<ApplicationDetails>;

const APPLICATION_ID = /^[a-z][a-z0-9-]{2,63}$/;

/** Column values for the details given, checked; `partial` leaves out what was not given. */
function detailColumns(
  input: Partial<ApplicationDetails>,
  today: string,
  partial: boolean,
): Partial<ApplicationRow> {
  const cols: Partial<ApplicationRow> = {};
  const given = <K extends keyof ApplicationDetails>(k: K) => !partial || input[k] !== undefined;
  if (given('name')) cols.name = requireText('name', input.name, 100);
  if (given('function')) cols.function_text = requireText('function', input.function, 1000);
  if (given('scopeOfUse')) cols.scope_of_use = requireText('scopeOfUse', input.scopeOfUse, 500);
  if (given('usageFrequency')) {
    if (!USAGE_FREQUENCIES.includes(input.usageFrequency as UsageFrequency))
      throw badUserInput('usageFrequency', `one of ${USAGE_FREQUENCIES.join(', ')}`);
    cols.usage_frequency = input.usageFrequency;
  }
  if (given('approvingDepartment'))
    cols.approving_department = optionalText('approvingDepartment', input.approvingDepartment, 100);
  if (given('approvalDate')) {
    const date = input.approvalDate ?? null;
    if (date !== null && date > today)
      throw badUserInput('approvalDate', `${date} is in the future`, { problem: 'RANGE' });
    cols.approval_date = date;
  }
  if (given('fundingSource'))
    cols.funding_source = requireText('fundingSource', input.fundingSource, 100);
  if (given('needsSharedData')) {
    if (partial && input.needsSharedData === null)
      throw badUserInput('needsSharedData', 'true or false, not null');
    cols.needs_shared_data = input.needsSharedData ?? false;
  }
  return cols;
}

/** Told after an application's registry entry changed (committed), so gateways drop their cached answer. */
export type RegistryChangedListener = (applicationId: string) => void | Promise<void>;

export function createApplicationRegistry(
  db: Knex,
  clock: Clock,
  onRegistryChanged: RegistryChangedListener = () => {},
) {
  // A notice that cannot be sent never fails the change: the gateways' cache lifetime bounds it.
  const onChanged = async (id: string) => {
    try {
      await onRegistryChanged(id);
    } catch {
      // reported by the publisher
    }
  };

  async function existing(caller: CallerIdentity, id: string): Promise<ApplicationRow> {
    const row: ApplicationRow | undefined = await db('applications').where({ id }).first();
    if (!row) throw notFound('application', id);
    enforce(mayManageApplication(caller, row.department));
    return row;
  }

  return {
    async register(
      caller: CallerIdentity,
      input: RegisterApplicationInput,
    ): Promise<ApplicationRow> {
      const department = input.department ?? caller.department;
      if (!isDepartmentCode(department))
        throw badUserInput('department', `"${department}" is not a registered department`, {
          problem: 'UNKNOWN',
        });
      enforce(mayManageApplication(caller, department));
      if (!APPLICATION_ID.test(input.id))
        throw badUserInput(
          'id',
          'lower-case letters, digits and hyphens, 3 to 64 characters, starting with a letter',
          { problem: 'FORMAT' },
        );
      if (await db('applications').where({ id: input.id }).first('id'))
        throw badUserInput('id', `application "${input.id}" is already registered`, {
          problem: 'DUPLICATE',
        });
      const now = clock();
      // Not partial: detailColumns has checked and filled every detail column.
      const row = {
        ...detailColumns(input, chinaDate(now), false),
        id: input.id,
        department,
        status: 'ACTIVE',
        status_reason: null,
        registered_at: now.toISOString(),
        updated_at: now.toISOString(),
        // The declared frequency gives the default request limits; only the bureau sets others.
        limits_basis: input.usageFrequency,
        requests_per_minute: null,
        request_burst: null,
        request_concurrency: null,
      } as ApplicationRow;
      await db('applications').insert(row);
      return row;
    },

    async update(
      caller: CallerIdentity,
      id: string,
      input: UpdateApplicationInput,
    ): Promise<ApplicationRow> {
      const row = await existing(caller, id);
      if (row.status === 'RETIRED')
        throw wrongState(
          'id',
          `application ${id} is retired; register a new one instead`,
          row.status,
        );
      const now = clock();
      const cols = detailColumns(input, chinaDate(now), true);
      if (cols.usage_frequency !== undefined) {
        cols.limits_basis = limitBasisAfterChange(
          limitBasis(row),
          cols.usage_frequency as LimitFrequency,
          isPlatform(caller),
        );
      }
      await db('applications')
        .where({ id })
        .update({ ...cols, updated_at: now.toISOString() });
      // A lowered usage frequency lowers the request limits: every gateway must see it now.
      await onChanged(id);
      return db('applications').where({ id }).first();
    },

    /**
     * Moves the application as status-transitions.ts decides (a bureau suspension is lifted only
     * by the bureau; RETIRED is final) and records who set the status. Suspending or retiring
     * needs a reason for the inventory.
     */
    async setStatus(
      caller: CallerIdentity,
      id: string,
      status: ApplicationStatus,
      reasonText: string | null | undefined,
    ): Promise<ApplicationRow> {
      const row = await existing(caller, id);
      const decision = decideStatusTransition({
        from: row.status,
        to: status,
        actor: statusActor(caller.department, row.department),
        fromSetBy: row.status_set_by ?? null,
      });
      if (!decision.allowed) {
        if (decision.reason === 'SUSPENDED_BY_BUREAU' || decision.reason === 'NOT_YOURS')
          throw forbidden(decision.message);
        throw wrongState('status', `application ${id}: ${decision.message}`, row.status);
      }
      const reason =
        status === 'ACTIVE'
          ? optionalText('reason', reasonText, 500)
          : requireText('reason', reasonText, 500);
      // Only from the state decided on: a concurrent change (say the bureau suspending meanwhile) is not overwritten.
      const changed = await db('applications').where({ id, status: row.status }).update({
        status,
        status_reason: reason,
        status_set_by: decision.setBy,
        updated_at: clock().toISOString(),
      });
      if (changed === 0)
        throw wrongState(
          'status',
          `application ${id} changed status meanwhile; read it again`,
          row.status,
        );
      await onChanged(id);
      return db('applications').where({ id }).first();
    },

    /**
     * The big data bureau sets an application's request limits; a field omitted or null follows
     * the usage frequency again. A retired system's limits are moot but harmless to set.
     */
    async setLimits(
      caller: CallerIdentity,
      id: string,
      input: RequestLimitsInput,
    ): Promise<ApplicationRow> {
      enforce(mayChangeRequestLimits(caller));
      const row: ApplicationRow | undefined = await db('applications').where({ id }).first();
      if (!row) throw notFound('application', id);
      await db('applications')
        .where({ id })
        .update({ ...limitColumns(input), updated_at: clock().toISOString() });
      await onChanged(id);
      return db('applications').where({ id }).first();
    },
  };
}

export type ApplicationRegistry = ReturnType<typeof createApplicationRegistry>;
