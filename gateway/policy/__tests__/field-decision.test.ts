import { decideField, FieldDecision, PolicyCaller, strictest } from '../field-decision';
import type { FieldRule } from '../../../contracts/field-rules';
import type { Grant, GrantSnapshot } from '../grant';

const NOW = Date.parse('2025-06-01T00:00:00Z');
const OWNER = 'public-security';

const rule = (
  coordinate: string,
  level: FieldRule['level'],
  mask: FieldRule['mask'] = null,
): FieldRule => ({
  coordinate,
  level,
  mask,
  condition: level === 'CONDITIONAL' ? 'stated by the owner' : null,
  owners: [OWNER],
});

const GENDER = rule('Person.gender', 'UNCONDITIONAL');
const NAME = rule('Person.name', 'UNCONDITIONAL', 'NAME');
const HOUSEHOLD = rule('Person.household', 'CONDITIONAL');
const BIRTH_DATE = rule('Person.birthDate', 'CONDITIONAL', 'DATE');
const RECORD = rule('Person.criminalRecord', 'NONE');

const grant = (overrides: Partial<Grant> = {}): Grant => ({
  id: 'g1',
  department: 'civil-affairs',
  application: null,
  coordinates: ['Person.birthDate', 'Person.household'],
  purposes: ['PENSION'],
  validFrom: '2024-01-01T00:00:00Z',
  validUntil: null,
  clear: false,
  status: 'ACTIVE',
  ...overrides,
});

const loaded = (...grants: Grant[]): GrantSnapshot => ({
  status: 'LOADED',
  department: 'civil-affairs',
  version: '1',
  grants,
});
const UNAVAILABLE: GrantSnapshot = { status: 'UNAVAILABLE' };

const civil: PolicyCaller = {
  department: 'civil-affairs',
  application: 'pension-desk',
  purpose: 'PENSION',
};
const owner: PolicyCaller = { department: OWNER, application: null, purpose: null };

type Row = [
  name: string,
  rule: FieldRule | undefined,
  caller: PolicyCaller,
  grants: GrantSnapshot,
  expected: Partial<FieldDecision>,
];

const allow = { outcome: 'ALLOW' } as const;
const denyFor = (reason: string) => ({ outcome: 'DENY', reason }) as Partial<FieldDecision>;

const rows: Row[] = [
  // The owner department reads its own data in full.
  [
    'the owner reads a not-shared field',
    RECORD,
    owner,
    loaded(),
    { outcome: 'ALLOW', basis: 'OWNER' },
  ],
  [
    'the owner reads a masked field in clear',
    NAME,
    owner,
    loaded(),
    { outcome: 'ALLOW', basis: 'OWNER' },
  ],
  [
    'the owner reads a conditional field without grants or purpose',
    BIRTH_DATE,
    owner,
    UNAVAILABLE,
    { outcome: 'ALLOW', basis: 'OWNER' },
  ],

  // 无条件共享
  [
    'an unconditional field is served to any department',
    GENDER,
    civil,
    loaded(),
    { outcome: 'ALLOW', basis: 'UNCONDITIONAL' },
  ],
  [
    'an unconditional field is served when grants are unavailable',
    GENDER,
    civil,
    UNAVAILABLE,
    allow,
  ],
  [
    'an unconditional masked field is masked for a non-owner',
    NAME,
    civil,
    loaded(),
    { outcome: 'MASK', mask: 'NAME' },
  ],
  [
    'a clear grant for the purpose serves an unconditional masked field in clear',
    NAME,
    civil,
    loaded(grant({ coordinates: ['Person.name'], clear: true })),
    { outcome: 'ALLOW', basis: 'GRANT', grantIds: ['g1'] },
  ],
  [
    'a clear grant for another purpose leaves it masked',
    NAME,
    { ...civil, purpose: 'TAX' },
    loaded(grant({ coordinates: ['Person.name'], clear: true })),
    { outcome: 'MASK', mask: 'NAME' },
  ],
  [
    'a grant without clear leaves it masked',
    NAME,
    civil,
    loaded(grant({ coordinates: ['Person.name'] })),
    { outcome: 'MASK', mask: 'NAME' },
  ],
  [
    'unavailable grants leave it masked',
    NAME,
    civil,
    UNAVAILABLE,
    { outcome: 'MASK', mask: 'NAME' },
  ],

  // 有条件共享
  [
    'a conditional field is served with a grant for the declared purpose',
    HOUSEHOLD,
    civil,
    loaded(grant()),
    { outcome: 'ALLOW', basis: 'GRANT', grantIds: ['g1'] },
  ],
  [
    'a conditional masked field is masked under a grant without clear',
    BIRTH_DATE,
    civil,
    loaded(grant()),
    { outcome: 'MASK', mask: 'DATE', basis: 'GRANT', grantIds: ['g1'] },
  ],
  [
    'a conditional masked field is clear under a clear grant',
    BIRTH_DATE,
    civil,
    loaded(grant({ clear: true })),
    { outcome: 'ALLOW', basis: 'GRANT' },
  ],
  [
    'a purpose the grant does not name is refused',
    HOUSEHOLD,
    { ...civil, purpose: 'TAX' },
    loaded(grant()),
    denyFor('PURPOSE_NOT_GRANTED'),
  ],
  [
    'a request without a purpose is refused',
    HOUSEHOLD,
    { ...civil, purpose: null },
    loaded(grant()),
    denyFor('PURPOSE_REQUIRED'),
  ],
  [
    'an empty purpose counts as none',
    HOUSEHOLD,
    { ...civil, purpose: '' },
    loaded(grant()),
    denyFor('PURPOSE_REQUIRED'),
  ],
  ['no grant at all', HOUSEHOLD, civil, loaded(), denyFor('NO_GRANT')],
  [
    'a grant for other coordinates only',
    HOUSEHOLD,
    civil,
    loaded(grant({ coordinates: ['Person.phone'] })),
    denyFor('NO_GRANT'),
  ],
  [
    'a grant to another department',
    HOUSEHOLD,
    civil,
    loaded(grant({ department: 'tax' })),
    denyFor('NO_GRANT'),
  ],
  [
    'an expired grant',
    HOUSEHOLD,
    civil,
    loaded(grant({ validUntil: '2025-01-01T00:00:00Z' })),
    denyFor('GRANT_EXPIRED'),
  ],
  [
    'a grant ending exactly now has expired',
    HOUSEHOLD,
    civil,
    loaded(grant({ validUntil: new Date(NOW).toISOString() })),
    denyFor('GRANT_EXPIRED'),
  ],
  [
    'a grant not yet in force',
    HOUSEHOLD,
    civil,
    loaded(grant({ validFrom: '2026-01-01T00:00:00Z' })),
    denyFor('NO_GRANT'),
  ],
  ['a revoked grant', HOUSEHOLD, civil, loaded(grant({ status: 'REVOKED' })), denyFor('NO_GRANT')],
  [
    'a revoked grant next to an expired one reports the expiry',
    HOUSEHOLD,
    civil,
    loaded(grant({ status: 'REVOKED' }), grant({ id: 'g2', validUntil: '2025-01-01T00:00:00Z' })),
    denyFor('GRANT_EXPIRED'),
  ],
  [
    'an expired grant next to a current one does not matter',
    HOUSEHOLD,
    civil,
    loaded(grant({ id: 'old', validUntil: '2025-01-01T00:00:00Z' }), grant({ id: 'new' })),
    { outcome: 'ALLOW', grantIds: ['new'] },
  ],
  [
    'an unreadable validity date counts against the grant',
    HOUSEHOLD,
    civil,
    loaded(grant({ validFrom: 'soon' })),
    denyFor('NO_GRANT'),
  ],
  [
    'a grant to the caller’s application',
    HOUSEHOLD,
    civil,
    loaded(grant({ application: 'pension-desk' })),
    allow,
  ],
  [
    'a grant to another application of the department',
    HOUSEHOLD,
    civil,
    loaded(grant({ application: 'tax-desk' })),
    denyFor('NO_GRANT'),
  ],
  [
    'an application grant does not serve a caller without an application',
    HOUSEHOLD,
    { ...civil, application: null },
    loaded(grant({ application: 'pension-desk' })),
    denyFor('NO_GRANT'),
  ],
  [
    'a Type.* grant covers every field of the type',
    HOUSEHOLD,
    civil,
    loaded(grant({ coordinates: ['Person.*'] })),
    allow,
  ],
  [
    'a Type.* grant covers no other type',
    HOUSEHOLD,
    civil,
    loaded(grant({ coordinates: ['Household.*'] })),
    denyFor('NO_GRANT'),
  ],
  [
    'grants unavailable: conditional fields are withheld (fail closed)',
    HOUSEHOLD,
    civil,
    UNAVAILABLE,
    denyFor('POLICY_UNAVAILABLE'),
  ],
  [
    'clear only counts for the declared purpose',
    BIRTH_DATE,
    civil,
    loaded(grant({ id: 'clear-tax', purposes: ['TAX'], clear: true }), grant({ id: 'pension' })),
    { outcome: 'MASK', grantIds: ['pension'] },
  ],

  // 不予共享
  ['a not-shared field is withheld from others', RECORD, civil, loaded(), denyFor('NOT_SHARED')],
  [
    'no grant opens a not-shared field',
    RECORD,
    civil,
    loaded(grant({ coordinates: ['Person.*'], clear: true })),
    denyFor('NOT_SHARED'),
  ],
  [
    'a field without a rule is withheld even from its subgraph’s department',
    undefined,
    owner,
    loaded(),
    denyFor('NOT_SHARED'),
  ],
];

describe('decideField', () => {
  it.each(rows)('%s', (_name, r, caller, grants, expected) => {
    expect(decideField(r, caller, grants, NOW)).toMatchObject(expected);
  });
});

describe('strictest', () => {
  const allowD: FieldDecision = { outcome: 'ALLOW', basis: 'UNCONDITIONAL', grantIds: [] };
  const maskName: FieldDecision = {
    outcome: 'MASK',
    mask: 'NAME',
    basis: 'UNCONDITIONAL',
    grantIds: [],
  };
  const maskPhone: FieldDecision = {
    outcome: 'MASK',
    mask: 'PHONE',
    basis: 'GRANT',
    grantIds: ['g7'],
  };
  const denyD: FieldDecision = { outcome: 'DENY', reason: 'NO_GRANT' };

  it('withholds when any coordinate is withheld, naming the one that decided', () => {
    expect(
      strictest([
        { coordinate: 'Holder.contactPhone', decision: allowD },
        { coordinate: 'Person.contactPhone', decision: denyD },
      ]),
    ).toEqual({
      ...denyD,
      decidedBy: 'Person.contactPhone',
    });
  });

  it('masks when any coordinate masks and none withholds', () => {
    expect(
      strictest([
        { coordinate: 'A.x', decision: allowD },
        { coordinate: 'B.x', decision: maskName },
      ]),
    ).toMatchObject({ outcome: 'MASK', mask: 'NAME', decidedBy: 'B.x' });
  });

  it('combines different mask kinds to FREE_TEXT, hiding the most', () => {
    expect(
      strictest([
        { coordinate: 'A.x', decision: maskName },
        { coordinate: 'B.x', decision: maskPhone },
      ]),
    ).toMatchObject({ outcome: 'MASK', mask: 'FREE_TEXT', grantIds: ['g7'] });
  });

  it('allows only when every coordinate allows', () => {
    expect(strictest([{ coordinate: 'A.x', decision: allowD }])).toMatchObject({
      outcome: 'ALLOW',
      decidedBy: 'A.x',
    });
  });
});
