/**
 * What keeps the policy walk linear after fragment de-duplication: a fragment that reaches the
 * same place of the response with the same narrowing is walked once, whatever the number of
 * routes to it, since every usage it would yield again is already there. Without that,
 * fragments that each spread two others cost 2^depth walks (issue 7: 16 levels in 1.4 KB held
 * the CPU for a second, 30 for minutes).
 */
import type { IncludeCondition } from './include-conditions';
import { typesKey } from './possible-types';

/**
 * How many different `@include`/`@skip` condition lists one fragment is walked with at one place
 * before it is walked once more as unconditional instead. Condition lists multiply along routes
 * of spreads (each route its own list), so without a bound they would bring the exponential walk
 * back; unconditional is the safe side (a withheld field's null is put in even where a condition
 * would have left the field out; decisions do not depend on conditions).
 */
const MAX_CONDITION_VARIANTS = 4;

interface Visits {
  readonly conditions: Set<string>;
  unconditional: boolean;
}

/** The walks of fragments made so far in one operation. */
export class FragmentVisits {
  // Per enclosing place (0: the root), per fragment and narrowing: the walks already made there.
  private readonly byPlace = new Map<number, Map<string, Visits>>();

  /**
   * The conditions to walk fragment `name` with below place `placeId`, narrowed to `narrowed`
   * and under `conditions`; null when an earlier walk already yielded every usage.
   */
  next(
    name: string,
    placeId: number,
    narrowed: ReadonlySet<string>,
    conditions: readonly IncludeCondition[],
  ): readonly IncludeCondition[] | null {
    let here = this.byPlace.get(placeId);
    if (!here) this.byPlace.set(placeId, (here = new Map()));
    const key = `${name}|${typesKey(narrowed)}`;
    let visits = here.get(key);
    if (!visits) here.set(key, (visits = { conditions: new Set(), unconditional: false }));
    if (visits.unconditional) return null;
    if (conditions.length === 0 || visits.conditions.size >= MAX_CONDITION_VARIANTS) {
      visits.unconditional = true;
      return [];
    }
    const conditionsKey = JSON.stringify(conditions);
    if (visits.conditions.has(conditionsKey)) return null;
    visits.conditions.add(conditionsKey);
    return conditions;
  }
}
