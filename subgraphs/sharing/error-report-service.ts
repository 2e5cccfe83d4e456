/**
 * Data error reports and their answers (校核): a consuming department reports that a data item
 * of a subject is wrong, the owner of the item corrects it in its own system and records what it
 * corrected, or rejects the report with a reason, within SHARING_CORRECTION_WORKING_DAYS working
 * days. The change to the data itself happens in the owner's system; this records the exchange.
 */
import { randomBytes } from 'node:crypto';
import { Knex } from 'knex';
import type { CallerIdentity } from '../../contracts/caller/caller-identity';
import { badUserInput } from '../kit/user-input';
import { forbidden, isPlatform } from './access-rules';
import { chinaDate, Clock } from './clock';
import {
  answerRefusal,
  dailyLimitReached,
  DataErrorReportInput,
  MAX_ANSWER,
  OwnerOf,
  reportTerms,
} from './error-report-rules';
import type { ErrorReportSettings } from './error-report-settings';
import { createErrorReportStore, ErrorReportRow } from './error-report-store';
import { notFound, requireText, wrongState } from './sharing-input';
import { addWorkingDays, WorkingCalendar } from './working-days';

export interface ErrorReportServiceDeps {
  db: Knex;
  clock: Clock;
  settings: ErrorReportSettings;
  calendar: WorkingCalendar;
  ownerOf: OwnerOf;
}

/** ER, the China date, then random hex: filing order by key, and not guessable from another report's. */
export function newReportId(now: Date): string {
  return `ER-${chinaDate(now).replace(/-/g, '')}-${randomBytes(6).toString('hex').toUpperCase()}`;
}

export function createErrorReportService(deps: ErrorReportServiceDeps) {
  const { db, clock, settings, calendar, ownerOf } = deps;
  const store = createErrorReportStore(db);

  async function pendingReport(caller: CallerIdentity, id: string): Promise<ErrorReportRow> {
    const row = await store.read(id);
    // The bureau may be told a report does not exist; a department learns no more than "not yours".
    if (!row && isPlatform(caller)) throw notFound('error report', id);
    const refusal = row ? answerRefusal(caller, row) : 'NOT_OWNER';
    if (refusal === 'NOT_OWNER')
      throw forbidden(
        `only the department that owns the reported data item may answer error report ${id}`,
      );
    if (refusal === 'ALREADY_ANSWERED')
      throw wrongState(
        'id',
        `error report ${id} was already ${row!.status.toLowerCase()}`,
        row!.status,
      );
    return row!;
  }

  async function answer(
    caller: CallerIdentity,
    id: string,
    // Read after the permission check: a non-owner is told FORBIDDEN, whatever its text.
    answerOf: () => {
      status: 'CORRECTED' | 'REJECTED';
      correction: string | null;
      reason: string | null;
    },
  ): Promise<ErrorReportRow> {
    const row = await pendingReport(caller, id);
    const outcome = answerOf();
    const now = clock();
    const done = await store.answer(row.id, {
      status: outcome.status,
      answered_at: now.toISOString(),
      answered_on: chinaDate(now),
      answered_by: caller.operator,
      correction: outcome.correction,
      reject_reason: outcome.reason,
    });
    if (!done) throw wrongState('id', `error report ${id} was answered meanwhile`, 'ANSWERED');
    return (await store.read(row.id))!;
  }

  return {
    /** The request's report reads (a DataLoader per request, as the context is). */
    store,

    async report(caller: CallerIdentity, input: DataErrorReportInput): Promise<ErrorReportRow> {
      const terms = reportTerms(input, ownerOf, caller.department);
      const now = clock();
      const today = chinaDate(now);
      // Counted before insert, so concurrent filings may pass the cap by the few in flight: a
      // bound on flooding, not an exact count.
      if ((await store.filedOn(caller.department, today)) >= settings.reportsPerDay)
        throw dailyLimitReached(settings.reportsPerDay);
      const key = {
        reporter: caller.department,
        coordinate: terms.coordinate,
        subject_kind: terms.subjectKind,
        subject_id: terms.subjectId,
      };
      const duplicate = await store.pendingDuplicate(key);
      if (duplicate)
        throw badUserInput(
          'input',
          `your department already reported ${terms.coordinate} of this subject (${duplicate.id}); it is pending`,
          { problem: 'DUPLICATE', id: duplicate.id },
        );
      const row: ErrorReportRow = {
        id: newReportId(now),
        ...key,
        reporter_application: caller.application,
        reported_by: caller.operator,
        owner: terms.owner,
        problem: terms.problem,
        evidence: terms.evidence,
        status: 'PENDING',
        reported_at: now.toISOString(),
        reported_on: today,
        due_on: addWorkingDays(today, settings.correctionWorkingDays, calendar),
        answered_at: null,
        answered_on: null,
        answered_by: null,
        correction: null,
        reject_reason: null,
      };
      await store.insert(row);
      return row;
    },

    correct: (caller: CallerIdentity, id: string, correctionText: string) =>
      answer(caller, id, () => ({
        status: 'CORRECTED',
        correction: requireText('correction', correctionText, MAX_ANSWER),
        reason: null,
      })),

    // A refusal states its reason, as a refused sharing application does (国发〔2016〕51号).
    reject: (caller: CallerIdentity, id: string, reasonText: string) =>
      answer(caller, id, () => ({
        status: 'REJECTED',
        correction: null,
        reason: requireText('reason', reasonText, MAX_ANSWER),
      })),
  };
}

export type ErrorReportService = ReturnType<typeof createErrorReportService>;

/** Owner by coordinate from the resource catalogue (提供方), indexed once. */
export function catalogueOwners(items: readonly { coordinate: string; owner: string }[]): OwnerOf {
  const owners = new Map(items.map((i) => [i.coordinate, i.owner]));
  return (coordinate) => owners.get(coordinate);
}
