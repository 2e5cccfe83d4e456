/**
 * The conditional-sharing procedure of 国发〔2016〕51号: the using department applies, the
 * providing department answers within the reply limit (approving, possibly less than asked, or
 * refusing with reasons), and the provider may later revoke what it granted, with reasons. Every
 * change to a department's grants raises its grant version in the same transaction and is then
 * published, so the gateway stops or starts serving the data without a restart.
 */
import { Knex } from 'knex';
import type { CallerIdentity } from '../../contracts/caller/caller-identity';
import { badUserInput } from '../kit/user-input';
import { enforce, mayDecide } from './access-rules';
import { approvalTerms, ApprovalChoice } from './approval-terms';
import type { ApprovalItemCatalogue } from './approval-items';
import { chinaDate, Clock } from './clock';
import { CoordinateCatalogue } from './coordinate-catalogue';
import { bumpGrantVersion } from './grant-versions';
import { requireItemTerms } from './item-applications';
import { requireOwnActiveSystem } from './own-active-system';
import { newRecordId } from './record-ids';
import { splitItemsByOwner } from './requested-items';
import { notFound, optionalText, requirePurposes, requireText, wrongState } from './sharing-input';
import { SharingSettings } from './sharing-settings';
import { GrantRow, jsonList, SharingApplicationRow, SharingRequestRow } from './store';
import { addWorkingDays } from './working-days';

/**
 * Told after a department's grants changed and the change is committed; the gateway integration
 * publishes it (Redis pub/sub) so every gateway instance drops its cached grants.
 */
export type GrantsChangedListener = (department: string, version: number) => void | Promise<void>;

export interface WorkflowDeps {
  db: Knex;
  clock: Clock;
  settings: SharingSettings;
  catalogue: CoordinateCatalogue;
  items: ApprovalItemCatalogue;
  onGrantsChanged: GrantsChangedListener;
  log: (line: string) => void;
}

export interface SharingApplicationInput {
  items: readonly string[];
  purposes: readonly string[];
  justification: string;
  /** One of the applicant's registered applications; null applies for the whole department. */
  application?: string | null;
  clear?: boolean | null;
  validUntil?: string | null;
  /** An approval item whose data list (or part of it) is applied for: item-applications.ts. */
  item?: string | null;
}

export interface ApprovalInput extends ApprovalChoice {
  note?: string | null;
}

/** Bounds on one application: enough for any real need, not a way to ask for the whole graph at once. */
const MAX_ITEMS = 200;
const MAX_JUSTIFICATION = 2000;
const MAX_REASON = 1000;

export function createSharingWorkflow(deps: WorkflowDeps) {
  const { db, clock, settings, catalogue } = deps;

  async function publish(department: string, version: number): Promise<void> {
    // The change is committed; a failed notice only delays it until the gateway next polls the version.
    try {
      await deps.onGrantsChanged(department, version);
    } catch (err) {
      deps.log(
        `[sharing] onGrantsChanged(${department}, ${version}) failed: ${err instanceof Error ? err.message : String(err)}`,
      );
    }
  }

  async function pendingRequest(caller: CallerIdentity, id: string): Promise<SharingRequestRow> {
    const request: SharingRequestRow | undefined = await db('sharing_requests')
      .where({ id })
      .first();
    if (!request) throw notFound('sharing request', id);
    enforce(mayDecide(caller, request.owner));
    if (request.status !== 'PENDING')
      throw wrongState(
        'id',
        `request ${id} was already ${request.status.toLowerCase()}`,
        request.status,
      );
    return request;
  }

  /** Moves a request out of PENDING only if nobody else did first (two approvers at once). */
  async function decide(
    trx: Knex.Transaction,
    id: string,
    status: 'APPROVED' | 'REJECTED',
    caller: CallerIdentity,
    reason: string | null,
    now: Date,
  ): Promise<void> {
    const changed = await trx('sharing_requests')
      .where({ id, status: 'PENDING' })
      .update({
        status,
        decided_at: now.toISOString(),
        decided_on: chinaDate(now),
        decided_by: caller.operator,
        decision_reason: reason,
      });
    if (changed !== 1) throw wrongState('id', `request ${id} was decided meanwhile`, 'DECIDED');
  }

  return {
    /** The quota an approval sets unless the owner chooses another: what the owner sees on a pending request. */
    defaultSubjectQuota: settings.defaultSubjectQuota,

    async apply(
      caller: CallerIdentity,
      input: SharingApplicationInput,
    ): Promise<SharingApplicationRow> {
      const now = clock();
      const today = chinaDate(now);
      if (input.items.length === 0)
        throw badUserInput('items', 'name at least one item (Type.field or Type.*)', {
          problem: 'REQUIRED',
        });
      if (input.items.length > MAX_ITEMS)
        throw badUserInput('items', `at most ${MAX_ITEMS} items per application`, {
          problem: 'LENGTH',
          max: MAX_ITEMS,
        });
      const purposes = requirePurposes('purposes', input.purposes);
      const item = requireItemTerms(deps.items, input.item, input.items, purposes);
      const justification = requireText('justification', input.justification, MAX_JUSTIFICATION);
      const validUntil = input.validUntil ?? null;
      if (validUntil !== null && validUntil < today)
        throw badUserInput('validUntil', `${validUntil} is before today (${today})`, {
          problem: 'RANGE',
        });
      const applicationId = input.application ?? null;
      if (applicationId !== null) await requireOwnActiveSystem(db, caller, applicationId);
      const clear = input.clear ?? false;
      const split = splitItemsByOwner(input.items, clear, caller.department, catalogue);
      if (!split.ok) {
        const [first] = split.problems;
        throw badUserInput('items', split.problems.map((p) => p.message).join('; '), {
          problem: first.problem,
          coordinate: first.coordinate,
          problems: split.problems,
        });
      }

      const row: SharingApplicationRow = {
        id: newRecordId('SA', now),
        department: caller.department,
        application_id: applicationId,
        purposes: JSON.stringify(purposes),
        justification,
        clear,
        requested_until: validUntil,
        submitted_by: caller.operator,
        submitted_at: now.toISOString(),
        submitted_on: today,
        item_code: item?.code ?? null,
      };
      const dueOn = addWorkingDays(today, settings.replyWorkingDays, settings.calendar);
      const requests: SharingRequestRow[] = [...split.byOwner].map(([owner, items]) => ({
        id: newRecordId('SR', now),
        sharing_application_id: row.id,
        applicant: caller.department,
        owner,
        items: JSON.stringify(items),
        status: 'PENDING',
        due_on: dueOn,
        decided_at: null,
        decided_on: null,
        decided_by: null,
        decision_reason: null,
      }));
      await db.transaction(async (trx) => {
        await trx('sharing_applications').insert(row);
        await trx('sharing_requests').insert(requests);
      });
      return row;
    },

    async approve(
      caller: CallerIdentity,
      requestId: string,
      input: ApprovalInput,
    ): Promise<SharingRequestRow> {
      const request = await pendingRequest(caller, requestId);
      const note = optionalText('note', input.note, MAX_REASON);
      const application: SharingApplicationRow = await db('sharing_applications')
        .where({ id: request.sharing_application_id })
        .first();
      const now = clock();
      const outcome = approvalTerms(
        {
          owner: request.owner,
          items: jsonList(request.items),
          purposes: jsonList(application.purposes),
          clear: Boolean(application.clear),
          validUntil: application.requested_until,
          subjectQuota: settings.defaultSubjectQuota,
        },
        input,
        chinaDate(now),
        catalogue,
      );
      if (!outcome.ok) {
        const { argument, message, coordinate } = outcome.problem;
        const problem = argument === 'subjectQuota' ? 'RANGE' : 'NOT_REQUESTED';
        throw badUserInput(argument, message, { problem, ...(coordinate ? { coordinate } : {}) });
      }
      const { terms } = outcome;
      const grant: GrantRow = {
        id: newRecordId('GR', now),
        department: request.applicant,
        application_id: application.application_id,
        coordinates: JSON.stringify(terms.items),
        purposes: JSON.stringify(terms.purposes),
        valid_from: terms.validFrom,
        valid_until: terms.validUntil,
        clear: terms.clear,
        status: 'ACTIVE',
        granted_by: request.owner,
        source_request_id: request.id,
        granted_at: now.toISOString(),
        revoked_at: null,
        revoked_by: null,
        revoke_reason: null,
        subject_quota: terms.subjectQuota,
        item_code: application.item_code ?? null,
      };
      const version = await db.transaction(async (trx) => {
        await decide(trx, request.id, 'APPROVED', caller, note, now);
        await trx('grants').insert(grant);
        return bumpGrantVersion(trx, grant.department);
      });
      await publish(grant.department, version);
      return db('sharing_requests').where({ id: request.id }).first();
    },

    async reject(
      caller: CallerIdentity,
      requestId: string,
      reasonText: string,
    ): Promise<SharingRequestRow> {
      // Reasons are required when refusing (国发〔2016〕51号: 不予共享的，应当说明理由).
      const request = await pendingRequest(caller, requestId);
      const reason = requireText('reason', reasonText, MAX_REASON);
      await db.transaction((trx) => decide(trx, request.id, 'REJECTED', caller, reason, clock()));
      return db('sharing_requests').where({ id: request.id }).first();
    },

    async revoke(caller: CallerIdentity, grantId: string, reasonText: string): Promise<GrantRow> {
      const grant: GrantRow | undefined = await db('grants').where({ id: grantId }).first();
      if (!grant) throw notFound('grant', grantId);
      enforce(mayDecide(caller, grant.granted_by));
      const reason = requireText('reason', reasonText, MAX_REASON);
      if (grant.status !== 'ACTIVE')
        throw wrongState('id', `grant ${grantId} was already revoked`, grant.status);
      const now = clock();
      const version = await db.transaction(async (trx) => {
        const changed = await trx('grants').where({ id: grantId, status: 'ACTIVE' }).update({
          status: 'REVOKED',
          revoked_at: now.toISOString(),
          revoked_by: caller.operator,
          revoke_reason: reason,
        });
        if (changed !== 1)
          throw wrongState('id', `grant ${grantId} was revoked meanwhile`, 'REVOKED');
        return bumpGrantVersion(trx, grant.department);
      });
      await publish(grant.department, version);
      return db('grants').where({ id: grantId }).first();
    },
  };
}

export type SharingWorkflow = ReturnType<typeof createSharingWorkflow>;
