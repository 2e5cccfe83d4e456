import { isCaseNumberProblem, parseCaseNumber } from '../case-number';

describe('case numbers (办件编号)', () => {
  it('reads the day, the item and the serial of a well-formed number', () => {
    expect(parseCaseNumber('NT20261206-ZF0101-000042')).toEqual({
      number: 'NT20261206-ZF0101-000042',
      acceptedOn: '2026-12-06',
      itemCode: 'ZF0101',
      serial: 42,
    });
  });

  it.each([
    ['no prefix', '20261206-ZF0101-000042', /not a case number/],
    ['a lower-case item code', 'NT20261206-zf0101-000042', /not a case number/],
    ['a short serial', 'NT20261206-ZF0101-42', /not a case number/],
    ['an impossible day', 'NT20260230-ZF0101-000001', /not a calendar day/],
    ['serial zero', 'NT20261206-ZF0101-000000', /serials start at 000001/],
    ['SQL in the number', "NT20261206-ZF0101-000001' OR 1=1", /not a case number/],
  ])('refuses %s', (_name, text, problem) => {
    const parsed = parseCaseNumber(text);
    expect(isCaseNumberProblem(parsed) && parsed.problem).toMatch(problem);
  });
});
