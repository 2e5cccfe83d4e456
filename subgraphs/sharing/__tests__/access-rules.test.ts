import {
  mayDecide,
  mayListGrants,
  mayListRequestsFor,
  mayManageApplication,
  mayReadGrantsOf,
  maySeeGrant,
  maySeeRequest,
  maySeeSharingApplication,
  requireCaller,
} from '../access-rules';
import { callerOf } from './sharing-fixture';

const civil = callerOf('civil-affairs');
const police = callerOf('public-security');
const housing = callerOf('housing');
const platform = callerOf('big-data-bureau');
const allowed = (reason: string | null) => reason === null;

describe('row rules of the sharing subgraph', () => {
  it('requires a caller from a registered department', () => {
    expect(() => requireCaller(null)).toThrow(
      expect.objectContaining({ extensions: expect.objectContaining({ code: 'UNAUTHENTICATED' }) }),
    );
    expect(() => requireCaller(callerOf('ministry-of-magic'))).toThrow(
      expect.objectContaining({ extensions: expect.objectContaining({ code: 'FORBIDDEN' }) }),
    );
    expect(requireCaller(civil)).toBe(civil);
  });

  it.each([
    ['the department reads its own grants', civil, 'civil-affairs', true],
    ["the platform (gateway) reads anyone's grants", platform, 'civil-affairs', true],
    ['another department does not', housing, 'civil-affairs', false],
    ['not even the owner that granted them', police, 'civil-affairs', false],
  ])('grantsFor: %s', (_name, caller, department, expected) => {
    expect(allowed(mayReadGrantsOf(caller, department))).toBe(expected);
  });

  it.each([
    ['the applicant', civil, true],
    ['an owner it was addressed to', police, true],
    ['the platform', platform, true],
    ['an uninvolved department', housing, false],
  ])('a sharing application is visible to %s', (_name, caller, expected) => {
    expect(
      allowed(
        maySeeSharingApplication(caller, 'civil-affairs', ['public-security', 'market-regulation']),
      ),
    ).toBe(expected);
  });

  it("shows an owner its own request but not another owner's part of the same application", () => {
    expect(
      allowed(maySeeRequest(police, { applicant: 'civil-affairs', owner: 'public-security' })),
    ).toBe(true);
    expect(
      allowed(maySeeRequest(police, { applicant: 'civil-affairs', owner: 'market-regulation' })),
    ).toBe(false);
  });

  it('lets only the owner decide or revoke, not the platform', () => {
    expect(allowed(mayDecide(police, 'public-security'))).toBe(true);
    expect(allowed(mayDecide(platform, 'public-security'))).toBe(false);
    expect(mayDecide(civil, 'public-security')).toMatch(/only public-security/);
  });

  it("lists requests and grants only for the caller's side unless it is the platform", () => {
    expect(
      allowed(mayListRequestsFor(housing, { owner: 'public-security', applicant: null })),
    ).toBe(false);
    expect(allowed(mayListRequestsFor(housing, { owner: null, applicant: 'housing' }))).toBe(true);
    expect(allowed(mayListRequestsFor(platform, { owner: null, applicant: null }))).toBe(true);
    expect(allowed(mayListGrants(police, { department: null, grantedBy: 'public-security' }))).toBe(
      true,
    );
    expect(allowed(mayListGrants(police, { department: 'civil-affairs', grantedBy: null }))).toBe(
      false,
    );
    expect(
      allowed(maySeeGrant(police, { department: 'civil-affairs', grantedBy: 'public-security' })),
    ).toBe(true);
    expect(
      allowed(maySeeGrant(housing, { department: 'civil-affairs', grantedBy: 'public-security' })),
    ).toBe(false);
  });

  it('lets a department manage its own applications and the platform all', () => {
    expect(allowed(mayManageApplication(civil, 'civil-affairs'))).toBe(true);
    expect(allowed(mayManageApplication(platform, 'civil-affairs'))).toBe(true);
    expect(allowed(mayManageApplication(housing, 'civil-affairs'))).toBe(false);
  });
});
