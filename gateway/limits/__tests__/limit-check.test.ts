import { firstViolation } from '../limit-check';
import { DEFAULT_OPERATION_LIMITS } from '../limit-settings';
import { SATURATED } from '../operation-measures';

const within = { tokens: 10, depth: 2, aliases: 0, rootFields: 1, selections: 3, cost: 1 };

describe('which limit an operation exceeds', () => {
  it('none when every measure is at most its limit', () => {
    const l = DEFAULT_OPERATION_LIMITS;
    expect(firstViolation(within, l)).toBeNull();
    expect(
      firstViolation(
        {
          tokens: l.maxTokens,
          depth: l.maxDepth,
          aliases: l.maxAliases,
          rootFields: l.maxRootFields,
          selections: l.maxSelections,
          cost: l.maxCost,
        },
        l,
      ),
    ).toBeNull();
  });

  it.each([
    ['tokens', 'MAX_TOKENS_LIMIT'],
    ['depth', 'MAX_DEPTH_LIMIT'],
    ['aliases', 'MAX_ALIASES_LIMIT'],
    ['rootFields', 'MAX_ROOT_FIELDS_LIMIT'],
    ['selections', 'MAX_SELECTIONS_LIMIT'],
    ['cost', 'COST_ESTIMATED_TOO_EXPENSIVE'],
  ] as const)(
    '%s over its limit is refused with %s, the maximum and the measured value',
    (name, code) => {
      const v = firstViolation({ ...within, [name]: 1e6 }, DEFAULT_OPERATION_LIMITS);
      expect(v).toMatchObject({ code, limit: { name, measured: 1e6 } });
      expect(v!.message).toContain(String(v!.limit.max));
    },
  );

  it('names the first limit in a fixed order when several are exceeded', () => {
    expect(
      firstViolation({ ...within, aliases: 1e6, cost: 1e9 }, DEFAULT_OPERATION_LIMITS)!.code,
    ).toBe('MAX_ALIASES_LIMIT');
  });

  it('says a saturated count is more than it can count, not a wrong number', () => {
    expect(
      firstViolation({ ...within, selections: SATURATED }, DEFAULT_OPERATION_LIMITS)!.message,
    ).toContain('more than 10^15');
  });
});
