import { closestName, rejectUnknownVariables, unknownVariableProblems } from '../unknown-variables';

const KNOWN = new Set(['SHARING_POLICY_MODE', 'GATEWAY_PORT', 'AUDIT_JOURNAL_DIR']);
const PREFIXES = ['SHARING_', 'GATEWAY_', 'AUDIT_'];

describe('unknown settings', () => {
  it('names the closest known variable for a misspelt one', () => {
    expect(unknownVariableProblems({ SHARING_POLICY_MOD: 'reject' }, KNOWN, PREFIXES)).toEqual([
      'SHARING_POLICY_MOD is not a setting: did you mean SHARING_POLICY_MODE?',
    ]);
  });

  it('leaves variables outside our prefixes alone (PATH, HOME, NODE_OPTIONS ...)', () => {
    expect(unknownVariableProblems({ PATH: '/bin', SHARINGPOLICY: 'x' }, KNOWN, PREFIXES)).toEqual(
      [],
    );
  });

  it('accepts every known variable', () => {
    expect(
      unknownVariableProblems({ GATEWAY_PORT: '4000', AUDIT_JOURNAL_DIR: '/x' }, KNOWN, PREFIXES),
    ).toEqual([]);
  });

  it('reports an unknown variable with no near neighbour without a suggestion', () => {
    expect(
      unknownVariableProblems({ GATEWAY_SOMETHING_ELSE_ENTIRELY: '1' }, KNOWN, PREFIXES),
    ).toEqual(['GATEWAY_SOMETHING_ELSE_ENTIRELY is not a setting']);
  });

  it('throws once, listing all unknown variables', () => {
    expect(() =>
      rejectUnknownVariables({ GATEWAY_PROT: '1', AUDIT_JOURNAL_DRI: '/x' }, KNOWN, PREFIXES),
    ).toThrow(
      'AUDIT_JOURNAL_DRI is not a setting: did you mean AUDIT_JOURNAL_DIR?; GATEWAY_PROT is not a setting: did you mean GATEWAY_PORT?',
    );
  });

  it('prefers the nearest of several candidates', () => {
    expect(closestName('GATEWAY_PORTS', new Set(['GATEWAY_PORT', 'GATEWAY_HOST']))).toBe(
      'GATEWAY_PORT',
    );
  });
});
