import { median, roundOrder } from '../bench-schedule';

describe('roundOrder', () => {
  const groups = [
    ['a1', 'a2', 'a3'],
    ['b1', 'b2', 'b3'],
  ];

  it('measures every cell once per round', () => {
    for (let round = 0; round < 4; round++)
      expect([...roundOrder(groups, round)].sort()).toEqual(groups.flat().sort());
  });

  it('moves each target to another place within its operation from one round to the next', () => {
    expect(roundOrder(groups, 0)).toEqual(['a1', 'a2', 'a3', 'b1', 'b2', 'b3']);
    expect(roundOrder(groups, 1)).toEqual(['b2', 'b3', 'b1', 'a2', 'a3', 'a1']);
    expect(roundOrder(groups, 2)).toEqual(['a3', 'a1', 'a2', 'b3', 'b1', 'b2']);
  });

  it('skips operations without cells', () => {
    expect(roundOrder([[], ['b1']], 1)).toEqual(['b1']);
  });
});

describe('median', () => {
  it('takes the middle value, or the mean of the two middle ones', () => {
    expect(median([3, 1, 2])).toBe(2);
    expect(median([4, 1, 3, 2])).toBe(2.5);
    expect(median([])).toBeNaN();
  });
});
