/**
 * What makes a data error report (数据纠错, the 校核 of shared data) acceptable, who may see it,
 * and who may answer it. Pure decisions: input checks throw BAD_USER_INPUT naming the argument;
 * access rules return null when allowed, or the reason they do not.
 *
 * Reports name people and legal entities, so each check closes a way to misuse them: the subject
 * is a well-formed identifier but is never looked up (the answer is the same whether anyone by
 * that number exists, so reporting is no oracle for probing the base registers); texts are
 * bounded (no bulk storage); a department's reports per day are capped (no flooding an owner).
 */
import { GraphQLError } from 'graphql';
import { ErrorCode } from '../../domain/error-codes';
import type { CallerIdentity } from '../../contracts/caller/caller-identity';
import { badUserInput, requireCreditCode, requireIdNumber } from '../kit/user-input';
import { isPlatform } from './access-rules';
import { optionalText, requireText } from './sharing-input';

export type SubjectKind = 'PERSON' | 'LEGAL_ENTITY';
export type ErrorReportStatus = 'PENDING' | 'CORRECTED' | 'REJECTED';

export interface DataErrorReportInput {
  coordinate: string;
  subject: { kind: SubjectKind; id: string };
  problem: string;
  evidence?: string | null;
}

export interface ReportTerms {
  coordinate: string;
  owner: string;
  subjectKind: SubjectKind;
  subjectId: string;
  problem: string;
  evidence: string | null;
}

export const MAX_PROBLEM = 2000;
export const MAX_EVIDENCE = 2000;
export const MAX_ANSWER = 2000;
const MAX_COORDINATE = 200;
const ROOT_TYPES = new Set(['Query', 'Mutation', 'Subscription']);

/** The owner department (提供方) of a coordinate, from the resource catalogue; undefined if none. */
export type OwnerOf = (coordinate: string) => string | undefined;

/** The subject's identifier, checked (GB 11643 or GB 32100) and in its stored form (upper case). */
export function requireSubject(subject: { kind: SubjectKind; id: string }): {
  kind: SubjectKind;
  id: string;
} {
  const id = subject.id.trim().toUpperCase();
  if (subject.kind === 'PERSON') requireIdNumber('subject.id', id);
  else requireCreditCode('subject.id', id);
  return { kind: subject.kind, id };
}

/**
 * The report's terms, or BAD_USER_INPUT. `reporter` is the caller's department: a department
 * corrects its own data in its own system, it does not report it to itself.
 */
export function reportTerms(
  input: DataErrorReportInput,
  ownerOf: OwnerOf,
  reporter: string,
): ReportTerms {
  const coordinate = input.coordinate.trim();
  const [typeName, field, ...rest] = coordinate.split('.');
  const owner =
    coordinate.length <= MAX_COORDINATE && field && rest.length === 0 && !ROOT_TYPES.has(typeName)
      ? ownerOf(coordinate)
      : undefined;
  if (!owner)
    throw badUserInput(
      'coordinate',
      `"${coordinate.slice(0, MAX_COORDINATE)}" is not a data item of the graph (Type.field, as in the resource catalogue)`,
      { problem: 'UNKNOWN' },
    );
  if (owner === reporter)
    throw badUserInput(
      'coordinate',
      `${coordinate} is your own department's data: correct it in your own system`,
      { problem: 'OWN_DATA' },
    );
  const subject = requireSubject(input.subject);
  return {
    coordinate,
    owner,
    subjectKind: subject.kind,
    subjectId: subject.id,
    problem: requireText('problem', input.problem, MAX_PROBLEM),
    evidence: optionalText('evidence', input.evidence, MAX_EVIDENCE),
  };
}

/** The department's reports filed today have reached the cap. */
export function dailyLimitReached(limit: number): GraphQLError {
  return new GraphQLError(
    `at most ${limit} error reports per department per day; try again tomorrow or ask the big data bureau`,
    { extensions: { code: ErrorCode.RATE_LIMITED, reason: 'ERROR_REPORTS_PER_DAY', limit } },
  );
}

/** Whose reports a caller lists: every report for the bureau, else those it filed or received. */
export function reportScope(caller: CallerIdentity): { department: string | null } {
  return { department: isPlatform(caller) ? null : caller.department };
}

/** The reporter, the owner it is addressed to, and the bureau, which supervises both. */
export function maySeeReport(
  caller: CallerIdentity,
  report: { reporter: string; owner: string },
): boolean {
  return (
    isPlatform(caller) ||
    caller.department === report.reporter ||
    caller.department === report.owner
  );
}

export type AnswerRefusal = 'NOT_OWNER' | 'ALREADY_ANSWERED';

/**
 * Whether the caller may move the report from `status` to an answer. Only the owner answers for
 * its data (the bureau supervises, it does not correct for the owner), and only once: PENDING is
 * the one state with a way out, so an answer is never silently rewritten.
 */
export function answerRefusal(
  caller: CallerIdentity,
  report: { owner: string; status: ErrorReportStatus },
): AnswerRefusal | null {
  if (caller.department !== report.owner) return 'NOT_OWNER';
  if (report.status !== 'PENDING') return 'ALREADY_ANSWERED';
  return null;
}

/** Pending past its due date as of `today` (China date). */
export function isOverdue(
  report: { status: ErrorReportStatus; due_on: string },
  today: string,
): boolean {
  return report.status === 'PENDING' && today > report.due_on;
}

/** Answered after its due date; null while pending. */
export function answeredLate(report: {
  answered_on: string | null;
  due_on: string;
}): boolean | null {
  return report.answered_on === null ? null : report.answered_on > report.due_on;
}

/** Citizens read corrections of their own data only, identified by their token, never an argument. */
export function citizenSubject(caller: CallerIdentity): string | null {
  const id = caller.citizenIdNumber;
  return typeof id === 'string' && id.trim() !== '' ? id.trim().toUpperCase() : null;
}
