/**
 * Item grants (事项授权) serve only the applicants of the case: in a response of several
 * persons, the values served under an item grant are withheld for everyone else, with
 * SUBJECT_NOT_ON_CASE, whatever quotas say, and the applicants keep theirs.
 */
import type { ExecutionResult } from 'graphql';
import { stripSubjectKeys } from '../../audit-capture/strip-subject-keys';
import type { GatewayContext } from '../../stages/request-context';
import { createMemoryQuotaCounter } from '../quota-counter';
import { CASE_BOUND, QuotaTree } from '../quota-tree';
import { OccurrenceCollector } from '../subject-occurrences';
import { CaseApplicants, createSubjectQuotas } from '../subject-quotas';
import { node } from './quota-nodes';

const keys = new Map([['_auditIdNumber', 'person' as const]]);

const ITEM = new Set(['item-zf0101']);
// people { name household } where household is served under the item grant.
const person = () =>
  node({
    name: { coordinate: 'Person.name' },
    household: { coordinate: 'Person.household', grantIds: ITEM },
  });
const TREE: QuotaTree = {
  root: node({ applicant: { children: person() }, neighbour: { children: person() } }),
  quotas: new Map([['item-zf0101', CASE_BOUND]]),
};

const RESULT: ExecutionResult = {
  data: {
    applicant: { name: '张*', household: 'H-1', _auditIdNumber: 'APPLICANT' },
    neighbour: { name: '李*', household: 'H-2', _auditIdNumber: 'NEIGHBOUR' },
  },
};

const context = {
  caller: { department: 'big-data-bureau', application: 'service-network' },
} as unknown as GatewayContext;

async function enforce(applicants: CaseApplicants | null) {
  const quotas = createSubjectQuotas({
    policy: { engine: {} as never },
    grants: { snapshotFor: () => ({ status: 'UNAVAILABLE' }) },
    counter: createMemoryQuotaCounter(),
    enforceQuotas: false,
  });
  const collector = new OccurrenceCollector();
  const stripped = stripSubjectKeys(RESULT, keys, { root: TREE.root, collector });
  return quotas.enforce({
    context,
    result: stripped.result,
    tree: TREE,
    collector,
    hash: (s) => s.id,
    applicants,
  });
}

const onCase = (idNumbers: string[]): CaseApplicants => ({
  idNumbers: new Set(idNumbers),
  creditCodes: new Set(),
});

describe('subjects of item-granted values', () => {
  it('keeps the applicant’s values and withholds everyone else’s with SUBJECT_NOT_ON_CASE', async () => {
    const { result, refusals } = await enforce(onCase(['APPLICANT']));
    expect(result.data).toEqual({
      applicant: { name: '张*', household: 'H-1' },
      neighbour: { name: '李*', household: null },
    });
    expect(result.errors?.map((e) => [e.path, e.extensions.code, e.extensions.reason])).toEqual([
      [['neighbour', 'household'], 'FORBIDDEN_FIELD', 'SUBJECT_NOT_ON_CASE'],
    ]);
    // A denial, not a quota refusal: nothing for the quota records.
    expect(refusals).toEqual([]);
  });

  it('withholds every item-granted value when no case is bound', async () => {
    const { result } = await enforce(null);
    expect(result.data).toEqual({
      applicant: { name: '张*', household: null },
      neighbour: { name: '李*', household: null },
    });
  });

  it('serves everything when every subject is an applicant', async () => {
    const { result } = await enforce(onCase(['APPLICANT', 'NEIGHBOUR']));
    expect(result.errors).toBeUndefined();
    expect(result.data).toEqual({
      applicant: { name: '张*', household: 'H-1' },
      neighbour: { name: '李*', household: 'H-2' },
    });
  });
});
