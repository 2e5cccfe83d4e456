import { buildCreditCode } from '../../../domain/credit-code';
import { withIdNumberCheck } from '../../../domain/id-number';
import {
  answeredLate,
  answerRefusal,
  citizenSubject,
  isOverdue,
  maySeeReport,
  reportScope,
  reportTerms,
} from '../error-report-rules';
import { readErrorReportSettings } from '../error-report-settings';
import { addWorkingDays } from '../working-days';
import { callerOf } from './sharing-fixture';

const PERSON = withIdNumberCheck('32060219850312123');
const SHOP = buildCreditCode('9', '2', '320602', 'L1234567');
const owners: Record<string, string> = {
  'Person.householdAddress': 'public-security',
  'LegalEntity.name': 'market-regulation',
};
const ownerOf = (c: string) => owners[c];
const input = (over: Record<string, unknown> = {}) => ({
  coordinate: 'Person.householdAddress',
  subject: { kind: 'PERSON' as const, id: PERSON },
  problem: '户籍地址门牌号错误',
  evidence: '户口簿',
  ...over,
});
const codeOf = (fn: () => unknown) => {
  try {
    fn();
  } catch (err) {
    const e = err as { extensions: Record<string, unknown> };
    return [e.extensions.code, e.extensions.problem];
  }
  return null;
};

describe('a data error report', () => {
  it('is addressed to the owner of the data item in the resource catalogue', () => {
    expect(reportTerms(input(), ownerOf, 'housing')).toEqual({
      coordinate: 'Person.householdAddress',
      owner: 'public-security',
      subjectKind: 'PERSON',
      subjectId: PERSON,
      problem: '户籍地址门牌号错误',
      evidence: '户口簿',
    });
    const entity = reportTerms(
      input({ coordinate: 'LegalEntity.name', subject: { kind: 'LEGAL_ENTITY', id: SHOP } }),
      ownerOf,
      'tax',
    );
    expect(entity.owner).toBe('market-regulation');
  });

  it('stores the ID number in upper case, so the citizen finds it whatever case was typed', () => {
    const x = withIdNumberCheck('11010519491231002');
    const id = x.endsWith('X') ? x : PERSON;
    const terms = reportTerms(
      input({ subject: { kind: 'PERSON', id: id.toLowerCase() } }),
      ownerOf,
      'housing',
    );
    expect(terms.subjectId).toBe(id);
  });

  it('refuses unknown coordinates, root fields and paths as BAD_USER_INPUT', () => {
    for (const coordinate of [
      'Person.nope',
      'Query.person',
      'Person',
      'Person.a.b',
      'x'.repeat(500),
    ])
      expect(codeOf(() => reportTerms(input({ coordinate }), ownerOf, 'housing'))).toEqual([
        'BAD_USER_INPUT',
        'UNKNOWN',
      ]);
  });

  it('refuses a malformed subject of either kind, and a credit code given as a person', () => {
    const bad = PERSON.slice(0, 17) + (PERSON[17] === '0' ? '1' : '0');
    expect(
      codeOf(() =>
        reportTerms(input({ subject: { kind: 'PERSON', id: bad } }), ownerOf, 'housing'),
      ),
    ).toEqual(['BAD_USER_INPUT', 'CHECKSUM']);
    expect(
      codeOf(() =>
        reportTerms(input({ subject: { kind: 'PERSON', id: SHOP } }), ownerOf, 'housing'),
      )?.[0],
    ).toBe('BAD_USER_INPUT');
    expect(
      codeOf(() =>
        reportTerms(input({ subject: { kind: 'LEGAL_ENTITY', id: PERSON } }), ownerOf, 'housing'),
      )?.[0],
    ).toBe('BAD_USER_INPUT');
  });

  it('bounds its texts and requires a problem', () => {
    expect(codeOf(() => reportTerms(input({ problem: '  ' }), ownerOf, 'housing'))).toEqual([
      'BAD_USER_INPUT',
      'REQUIRED',
    ]);
    expect(
      codeOf(() => reportTerms(input({ problem: 'x'.repeat(2001) }), ownerOf, 'housing')),
    ).toEqual(['BAD_USER_INPUT', 'LENGTH']);
    expect(
      codeOf(() => reportTerms(input({ evidence: 'x'.repeat(2001) }), ownerOf, 'housing')),
    ).toEqual(['BAD_USER_INPUT', 'LENGTH']);
    expect(reportTerms(input({ evidence: null }), ownerOf, 'housing').evidence).toBeNull();
  });

  it('is not filed by the owner about its own data', () => {
    expect(codeOf(() => reportTerms(input(), ownerOf, 'public-security'))).toEqual([
      'BAD_USER_INPUT',
      'OWN_DATA',
    ]);
  });
});

describe('who sees and answers a report', () => {
  const report = { reporter: 'housing', owner: 'public-security' };
  it('is seen by its reporter, its owner and the big data bureau only', () => {
    expect(maySeeReport(callerOf('housing'), report)).toBe(true);
    expect(maySeeReport(callerOf('public-security'), report)).toBe(true);
    expect(maySeeReport(callerOf('big-data-bureau'), report)).toBe(true);
    expect(maySeeReport(callerOf('tax'), report)).toBe(false);
    expect(reportScope(callerOf('tax'))).toEqual({ department: 'tax' });
    expect(reportScope(callerOf('big-data-bureau'))).toEqual({ department: null });
  });

  it.each([
    ['public-security', 'PENDING', null],
    ['public-security', 'CORRECTED', 'ALREADY_ANSWERED'],
    ['public-security', 'REJECTED', 'ALREADY_ANSWERED'],
    ['housing', 'PENDING', 'NOT_OWNER'],
    ['big-data-bureau', 'PENDING', 'NOT_OWNER'],
    ['tax', 'CORRECTED', 'NOT_OWNER'],
  ] as const)('answered by %s when %s: %s', (department, status, refusal) => {
    expect(answerRefusal(callerOf(department), { owner: 'public-security', status })).toBe(refusal);
  });

  it("reads a citizen's subject from the token only", () => {
    expect(
      citizenSubject(callerOf('citizen', { citizenIdNumber: ` ${PERSON.toLowerCase()} ` })),
    ).toBe(PERSON);
    expect(citizenSubject(callerOf('citizen'))).toBeNull();
  });
});

describe('deadlines', () => {
  it('falls due SHARING_CORRECTION_WORKING_DAYS working days after filing (5 by default)', () => {
    expect(readErrorReportSettings({})).toEqual({ correctionWorkingDays: 5, reportsPerDay: 100 });
    expect(
      readErrorReportSettings({
        SHARING_CORRECTION_WORKING_DAYS: '3',
        SHARING_ERROR_REPORTS_PER_DAY: '7',
      }),
    ).toEqual({ correctionWorkingDays: 3, reportsPerDay: 7 });
    expect(() => readErrorReportSettings({ SHARING_CORRECTION_WORKING_DAYS: '0' })).toThrow(
      /SHARING_CORRECTION_WORKING_DAYS/,
    );
    expect(() => readErrorReportSettings({ SHARING_ERROR_REPORTS_PER_DAY: 'many' })).toThrow(
      /SHARING_ERROR_REPORTS_PER_DAY/,
    );
    // Filed on Friday 2026-12-04: due the following Friday.
    expect(addWorkingDays('2026-12-04', 5)).toBe('2026-12-11');
  });

  it('flags a pending report overdue the day after its due date, and never an answered one', () => {
    expect(isOverdue({ status: 'PENDING', due_on: '2026-12-11' }, '2026-12-11')).toBe(false);
    expect(isOverdue({ status: 'PENDING', due_on: '2026-12-11' }, '2026-12-12')).toBe(true);
    expect(isOverdue({ status: 'CORRECTED', due_on: '2026-12-11' }, '2027-01-01')).toBe(false);
  });

  it('records whether the answer came late', () => {
    expect(answeredLate({ answered_on: null, due_on: '2026-12-11' })).toBeNull();
    expect(answeredLate({ answered_on: '2026-12-11', due_on: '2026-12-11' })).toBe(false);
    expect(answeredLate({ answered_on: '2026-12-14', due_on: '2026-12-11' })).toBe(true);
  });
});
