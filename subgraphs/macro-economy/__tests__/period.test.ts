import { isPeriodProblem, parsePeriod, Period, periodEnd, periodStart } from '../period';

function parsed(text: string): Period {
  const p = parsePeriod(text);
  if (isPeriodProblem(p)) throw new Error(p.message);
  return p;
}

describe('statistical periods', () => {
  it.each([
    ['2024-03', 'MONTH', '2024-03-01', '2024-03-31'],
    ['2024-02', 'MONTH', '2024-02-01', '2024-02-29'],
    ['2023-02', 'MONTH', '2023-02-01', '2023-02-28'],
    ['2024-Q1', 'QUARTER', '2024-01-01', '2024-03-31'],
    ['2024-Q4', 'QUARTER', '2024-10-01', '2024-12-31'],
    ['2024', 'YEAR', '2024-01-01', '2024-12-31'],
  ])('reads %s as a %s spanning %s to %s', (text, type, start, end) => {
    const p = parsed(text);
    expect(p.type).toBe(type);
    expect(p.label).toBe(text);
    expect([periodStart(p), periodEnd(p)]).toEqual([start, end]);
  });

  it.each([
    ['2024-13', 'FORMAT', 'month'],
    ['2024-00', 'FORMAT', 'month'],
    ['2024-Q5', 'FORMAT', 'quarter'],
    ['2024-Q0', 'FORMAT', 'quarter'],
    ['24-03', 'FORMAT', '2024-03 (month)'],
    ['2024/03', 'FORMAT', '2024-03 (month)'],
    ['2024-3', 'FORMAT', '2024-03 (month)'],
    ['2024-q1', 'FORMAT', '2024-Q1 (quarter)'],
    ['', 'FORMAT', 'not a period'],
    ['1900', 'RANGE', 'between 1949'],
  ])('rejects %s as %s, saying what is wrong', (text, kind, words) => {
    const p = parsePeriod(text);
    expect(isPeriodProblem(p) && p.kind).toBe(kind);
    expect(isPeriodProblem(p) && p.message).toContain(words);
  });
});
