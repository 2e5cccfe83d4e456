import { containsPattern, requireNameFragment } from '../name-fragment';

describe('name fragment', () => {
  it('wraps the fragment in wildcards', () => {
    expect(containsPattern('通达')).toBe('%通达%');
  });

  it('escapes %, _ and the escape character itself, so they match literally', () => {
    expect(containsPattern('100%_纯!')).toBe('%100!%!_纯!!%');
  });

  it('trims the fragment before use', () => {
    expect(requireNameFragment('nameContains', '  江海 ')).toBe('江海');
  });

  it.each([
    ['EMPTY', '   '],
    ['LENGTH', '南'.repeat(51)],
  ])('rejects a fragment with BAD_USER_INPUT (%s)', (problem, value) => {
    expect(() => requireNameFragment('nameContains', value)).toThrow(
      expect.objectContaining({
        extensions: expect.objectContaining({ code: 'BAD_USER_INPUT', problem }),
      }),
    );
  });
});
