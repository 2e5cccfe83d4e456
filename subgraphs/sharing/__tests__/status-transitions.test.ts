import type { ApplicationStatus } from '../store';
import {
  decideStatusTransition,
  StatusActor,
  StatusSetter,
  statusActor,
  TransitionRefusal,
} from '../status-transitions';

type Outcome = 'allowed' | TransitionRefusal;
const STATUSES: ApplicationStatus[] = ['ACTIVE', 'SUSPENDED', 'RETIRED'];
const SETTERS: (StatusSetter | null)[] = ['BUREAU', 'OWNER', null];

/**
 * The specification, written out: for each move and who set the current status, what the bureau,
 * the owning department and any other department get.
 */
function expected(
  from: ApplicationStatus,
  to: ApplicationStatus,
  setBy: StatusSetter | null,
): Record<StatusActor, Outcome> {
  const row = (bureau: Outcome, owner: Outcome): Record<StatusActor, Outcome> => ({
    BUREAU: bureau,
    OWNER: owner,
    OTHER_DEPARTMENT: 'NOT_YOURS',
  });
  if (from === 'RETIRED') return row('RETIRED_IS_FINAL', 'RETIRED_IS_FINAL');
  if (from === to) return row('UNCHANGED', 'UNCHANGED');
  if (from === 'SUSPENDED' && to === 'ACTIVE')
    return row('allowed', setBy === 'OWNER' ? 'allowed' : 'SUSPENDED_BY_BUREAU');
  return row('allowed', 'allowed');
}

const cases = STATUSES.flatMap((from) =>
  STATUSES.flatMap((to) =>
    SETTERS.flatMap((setBy) =>
      (['BUREAU', 'OWNER', 'OTHER_DEPARTMENT'] as StatusActor[]).map(
        (actor) => [from, to, setBy, actor, expected(from, to, setBy)[actor]] as const,
      ),
    ),
  ),
);

describe('application status transitions', () => {
  it.each(cases)('%s -> %s (set by %s), asked by %s: %s', (from, to, setBy, actor, outcome) => {
    const decision = decideStatusTransition({ from, to, actor, fromSetBy: setBy });
    if (outcome === 'allowed') expect(decision).toEqual({ allowed: true, setBy: actor });
    else expect(decision).toMatchObject({ allowed: false, reason: outcome });
  });

  it("lets a department lift its own suspension but never the bureau's", () => {
    expect(
      decideStatusTransition({
        from: 'SUSPENDED',
        to: 'ACTIVE',
        actor: 'OWNER',
        fromSetBy: 'OWNER',
      }).allowed,
    ).toBe(true);
    expect(
      decideStatusTransition({
        from: 'SUSPENDED',
        to: 'ACTIVE',
        actor: 'OWNER',
        fromSetBy: 'BUREAU',
      }),
    ).toMatchObject({ allowed: false, message: expect.stringMatching(/only the bureau/) });
  });

  const actors: [string, string, StatusActor][] = [
    ['big-data-bureau', 'civil-affairs', 'BUREAU'],
    ['big-data-bureau', 'big-data-bureau', 'BUREAU'],
    ['civil-affairs', 'civil-affairs', 'OWNER'],
    ['tax', 'civil-affairs', 'OTHER_DEPARTMENT'],
    ['citizen', 'civil-affairs', 'OTHER_DEPARTMENT'],
  ];
  it.each(actors)('takes %s asking about an application of %s as %s', (caller, owner, actor) => {
    expect(statusActor(caller, owner)).toBe(actor);
  });
});
