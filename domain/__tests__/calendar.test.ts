import { addDays, addYears, ageOn, dayWithin, daysBetween } from '../demo/calendar';
import { Rng } from '../demo/random';

describe('demo calendar', () => {
  it('moves 29 February to 1 March in a common year', () => {
    expect(addYears('2020-02-29', 1)).toBe('2021-03-01');
    expect(addYears('2020-02-29', 4)).toBe('2024-02-29');
  });

  it('counts age in whole years, turning a year older on the birthday', () => {
    expect(ageOn('2000-06-15', '2016-06-14')).toBe(15);
    expect(ageOn('2000-06-15', '2016-06-15')).toBe(16);
  });

  it('adds days across month and year ends', () => {
    expect(addDays('2024-12-31', 1)).toBe('2025-01-01');
    expect(daysBetween('2024-02-28', '2024-03-01')).toBe(2);
  });

  it('picks days within [from, to) and returns from for an empty range', () => {
    const rng = new Rng(1, 'calendar-test', 0);
    for (let i = 0; i < 200; i++) {
      const d = dayWithin(rng, '2024-01-01', '2024-01-05');
      expect(d >= '2024-01-01' && d < '2024-01-05').toBe(true);
    }
    expect(dayWithin(rng, '2024-01-05', '2024-01-01')).toBe('2024-01-05');
  });
});
