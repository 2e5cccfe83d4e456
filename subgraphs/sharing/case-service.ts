/**
 * Opening and closing approval cases (办件). The caller's application, as the gateway signed it,
 * becomes the case's: only that application may pull under the case, so a case opened "for"
 * another system is not possible. Only an application holding an effective grant for the item
 * (事项授权: the owners approved the item's data list for it) may open a case of that item.
 */
import { Knex } from 'knex';
import type { CallerIdentity } from '../../contracts/caller/caller-identity';
import { badUserInput } from '../kit/user-input';
import { enforce, forbidden, isPlatform } from './access-rules';
import { ApprovalItemCatalogue, requireItem } from './approval-items';
import { caseTerms, mayCloseCase, OpenCaseInput, requireCaseNumber } from './case-rules';
import { CaseRow, createCaseStore, isDuplicateKey } from './case-store';
import { chinaDate, Clock } from './clock';
import { notFound, wrongState } from './sharing-input';
import { WorkingCalendar, addWorkingDays } from './working-days';

export interface CaseServiceDeps {
  db: Knex;
  clock: Clock;
  items: ApprovalItemCatalogue;
  calendar: WorkingCalendar;
}

/** Whether the caller's application holds an effective grant for the item today. */
export async function holdsItemGrant(
  db: Knex,
  caller: CallerIdentity,
  item: string,
  today: string,
): Promise<boolean> {
  const row = await db('grants')
    .where({ item_code: item, department: caller.department, status: 'ACTIVE' })
    .andWhere((q) => q.whereNull('application_id').orWhere('application_id', caller.application))
    .andWhere('valid_from', '<=', today)
    .andWhere((q) => q.whereNull('valid_until').orWhere('valid_until', '>=', today))
    .first('id');
  return row !== undefined;
}

export function createCaseService(deps: CaseServiceDeps) {
  const { db, clock, items, calendar } = deps;
  const store = createCaseStore(db);

  return {
    /** The request's case reads (a DataLoader per request, as the context is). */
    store,

    async open(caller: CallerIdentity, input: OpenCaseInput): Promise<CaseRow> {
      if (!caller.application)
        throw forbidden('a case is opened by a registered application; your token names none');
      const item = requireItem(items, 'item', input.item);
      const now = clock();
      const today = chinaDate(now);
      if (!(await holdsItemGrant(db, caller, item.code, today)))
        throw forbidden(
          `application ${caller.application} holds no grant for item ${item.code} (${item.name}): apply for the item's data list first`,
        );
      const terms = caseTerms(input, item, now);
      const row: CaseRow = {
        number: terms.number,
        item_code: item.code,
        department: caller.department,
        application_id: caller.application,
        operator: terms.operator,
        opened_by: caller.operator,
        applicant_id_numbers: JSON.stringify(terms.idNumbers),
        applicant_credit_codes: JSON.stringify(terms.creditCodes),
        consent_scope: JSON.stringify(terms.scope),
        consent_signed_at: terms.signedAt,
        status: 'OPEN',
        opened_at: now.toISOString(),
        due_on: addWorkingDays(today, item.timeLimitDays, calendar),
        closed_at: null,
        closed_by: null,
      };
      try {
        await store.insert(row);
      } catch (err) {
        if (!isDuplicateKey(err)) throw err;
        throw badUserInput('number', `case ${terms.number} is already open or was closed`, {
          problem: 'DUPLICATE',
        });
      }
      return row;
    },

    async close(caller: CallerIdentity, numberText: string): Promise<CaseRow> {
      const number = requireCaseNumber(numberText);
      const row: CaseRow | undefined = await db('approval_cases').where({ number }).first();
      // The bureau may be told a case does not exist; anyone else learns no more than "not yours".
      if (!row && isPlatform(caller)) throw notFound('case', number);
      enforce(mayCloseCase(caller, row ?? null));
      if (row!.status !== 'OPEN')
        throw wrongState('number', `case ${number} is already closed`, 'CLOSED');
      if (!(await store.close(number, clock().toISOString(), caller.operator)))
        throw wrongState('number', `case ${number} was closed meanwhile`, 'CLOSED');
      return db('approval_cases').where({ number }).first();
    },
  };
}

export type CaseService = ReturnType<typeof createCaseService>;
