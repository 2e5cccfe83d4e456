import { chinaDate } from '../clock';
import { addWorkingDays, isWorkingDay, WEEKDAYS_ONLY, WorkingCalendar } from '../working-days';

// 2025-03-03 is a Monday.
describe('addWorkingDays: the reply deadline', () => {
  it.each([
    ['Monday + 10 is the Monday two weeks later', '2025-03-03', 10, '2025-03-17'],
    ['Friday + 10 skips two weekends', '2025-03-07', 10, '2025-03-21'],
    ['Saturday + 10: the period starts on Monday', '2025-03-08', 10, '2025-03-21'],
    ['Sunday + 1 is Monday', '2025-03-09', 1, '2025-03-10'],
    ['Friday + 1 is Monday', '2025-03-07', 1, '2025-03-10'],
    ['+ 0 is the day itself', '2025-03-08', 0, '2025-03-08'],
    ['across a month end', '2025-01-27', 5, '2025-02-03'],
    ['across a leap day', '2024-02-26', 4, '2024-03-01'],
    ['across a year end', '2024-12-30', 3, '2025-01-02'],
  ])('%s', (_name, start, days, due) => {
    expect(addWorkingDays(start, days, WEEKDAYS_ONLY)).toBe(due);
  });

  // 2025 National Day: 1-8 October off, Sunday 28 September and Saturday 11 October worked (调休).
  const nationalDay2025: WorkingCalendar = {
    holidays: new Set([
      '2025-10-01',
      '2025-10-02',
      '2025-10-03',
      '2025-10-06',
      '2025-10-07',
      '2025-10-08',
    ]),
    makeUpWorkdays: new Set(['2025-09-28', '2025-10-11']),
  };

  it.each([
    ['a holiday week does not count', '2025-09-30', 1, '2025-10-09'],
    ['a make-up Saturday counts', '2025-10-10', 1, '2025-10-11'],
    ['a make-up Sunday counts', '2025-09-26', 1, '2025-09-28'],
    ['10 working days across the Golden Week', '2025-09-26', 10, '2025-10-16'],
  ])('with configured holidays: %s', (_name, start, days, due) => {
    expect(addWorkingDays(start, days, nationalDay2025)).toBe(due);
  });

  it('classifies days by weekday, holiday and make-up day', () => {
    expect(isWorkingDay('2025-03-08')).toBe(false);
    expect(isWorkingDay('2025-03-10')).toBe(true);
    expect(isWorkingDay('2025-10-01', nationalDay2025)).toBe(false);
    expect(isWorkingDay('2025-10-11', nationalDay2025)).toBe(true);
  });

  it.each([
    ['a malformed date', () => addWorkingDays('2025-3-3', 1)],
    ['an impossible date', () => addWorkingDays('2025-02-30', 1)],
    ['negative days', () => addWorkingDays('2025-03-03', -1)],
    ['fractional days', () => addWorkingDays('2025-03-03', 1.5)],
  ])('refuses %s', (_name, call) => {
    expect(call).toThrow(RangeError);
  });

  it('fails instead of looping when the calendar has no working day', () => {
    const weekdays = Array.from({ length: 4000 }, (_, i) =>
      new Date(Date.UTC(2025, 0, 1) + i * 86_400_000).toISOString().slice(0, 10),
    );
    expect(() =>
      addWorkingDays('2025-01-01', 1, { holidays: new Set(weekdays), makeUpWorkdays: new Set() }),
    ).toThrow(/holiday calendar/);
  });
});

describe('chinaDate: dates are counted in China Standard Time', () => {
  it.each([
    ['2025-03-02T15:59:59Z', '2025-03-02'],
    ['2025-03-02T16:00:00Z', '2025-03-03'],
    ['2024-12-31T20:00:00Z', '2025-01-01'],
  ])('%s is %s in Nantong', (instant, date) => {
    expect(chinaDate(new Date(instant))).toBe(date);
  });
});
