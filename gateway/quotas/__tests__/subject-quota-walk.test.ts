/**
 * The whole pure path of a quota: the audit's walk finds whose data each bound value is, the
 * charges go to the counter (in memory here), and the values of refused subjects are withheld.
 */
import type { ExecutionResult } from 'graphql';
import { stripSubjectKeys } from '../../audit-capture/strip-subject-keys';
import { createMemoryQuotaCounter } from '../quota-counter';
import { decideWithholding, quotaCharges } from '../quota-decision';
import type { QuotaTree } from '../quota-tree';
import { Occurrence, OccurrenceCollector } from '../subject-occurrences';
import { withholdFields } from '../withhold-fields';
import { node } from './quota-nodes';

const keys = new Map([['_auditIdNumber', 'person' as const]]);
const DAY = '2025-06-01';

const G = new Set(['g1']);
// household(number:) { address members { name birthDate } } under a grant with a quota.
const household = () =>
  node({
    address: { coordinate: 'Household.address', grantIds: G },
    members: {
      coordinate: 'Household.members',
      grantIds: G,
      children: node({
        birthDate: { coordinate: 'Person.birthDate', grantIds: G },
        name: { coordinate: 'Person.name' },
      }),
    },
  });
const TREE: QuotaTree = {
  root: node({ h1: { children: household() }, h2: { children: household() } }),
  quotas: new Map([['g1', 2]]),
};

const member = (id: string, born: string) => ({ name: '张*', birthDate: born, _auditIdNumber: id });
const RESULT: ExecutionResult = {
  data: {
    h1: {
      address: '人民中路12号',
      members: [member('A', '1990-01-01'), member('B', '1991-02-02')],
    },
    h2: { address: '青年路5号', members: [member('C', '1992-03-03'), member('A', '1990-01-01')] },
  },
};

async function enforce(result: ExecutionResult, counter = createMemoryQuotaCounter()) {
  const collector = new OccurrenceCollector();
  const stripped = stripSubjectKeys(result, keys, { root: TREE.root, collector });
  const hashOf = (o: Occurrence) => `person:${o.subject.id}`;
  const charges = quotaCharges(collector.occurrences, TREE.quotas, hashOf);
  const [refusedSet] = await counter.admit(
    charges.map((c) => ({ key: `k:${c.grantId}`, day: DAY, quota: c.quota, subjects: c.subjects })),
  );
  const outcome = decideWithholding(
    collector.occurrences,
    collector.groups,
    new Map([['g1', refusedSet]]),
    hashOf,
    TREE.quotas,
    DAY,
  );
  return {
    charges,
    outcome,
    result: withholdFields(stripped.result, outcome.withheld, TREE.quotas, DAY),
    subjects: stripped.subjects,
  };
}

describe('a subject quota over one response', () => {
  it('counts each subject once, however often the response holds it', async () => {
    const { charges } = await enforce(RESULT);
    expect(charges).toEqual([
      { grantId: 'g1', quota: 2, subjects: ['person:A', 'person:B', 'person:C'] },
    ]);
  });

  it("withholds a household's bound values, its member list included, once any member in it is refused, and reports each place", async () => {
    const { result, outcome } = await enforce(RESULT);
    expect(result.data).toEqual({
      h1: {
        address: '人民中路12号',
        members: [
          { name: '张*', birthDate: '1990-01-01' },
          { name: '张*', birthDate: '1991-02-02' },
        ],
      },
      // C is the third subject: past the quota of 2. The household's address and composition are C's data too.
      h2: { address: null, members: null },
    });
    expect(
      result.errors
        ?.map((e) => [
          e.path?.join('.'),
          e.extensions.code,
          e.extensions.coordinate,
          e.extensions.grantId,
          e.extensions.quota,
        ])
        .sort(),
    ).toEqual([
      ['h2.address', 'QUOTA_EXCEEDED', 'Household.address', 'g1', 2],
      ['h2.members', 'QUOTA_EXCEEDED', 'Household.members', 'g1', 2],
    ]);
    expect(outcome.refusals).toEqual([
      {
        grantId: 'g1',
        quota: 2,
        day: DAY,
        coordinates: ['Household.address', 'Household.members', 'Person.birthDate'],
        subjects: ['person:C'],
      },
    ]);
    expect(JSON.stringify(result)).not.toMatch(/1992-03-03|青年路5号|_audit/);
  });

  it("keeps a refused subject's unconditional fields where it is looked up by its own key", async () => {
    const tree: QuotaTree = {
      root: node({
        p: { children: node({ birthDate: { coordinate: 'Person.birthDate', grantIds: G } }) },
      }),
      quotas: new Map([['g1', 1]]),
    };
    const collector = new OccurrenceCollector();
    const stripped = stripSubjectKeys(
      { data: { p: { name: '李*', birthDate: '1992-03-03', _auditIdNumber: 'B' } } },
      keys,
      { root: tree.root, collector },
    );
    const outcome = decideWithholding(
      collector.occurrences,
      collector.groups,
      new Map([['g1', new Set(['B'])]]),
      (o) => o.subject.id,
      tree.quotas,
      DAY,
    );
    const result = withholdFields(stripped.result, outcome.withheld, tree.quotas, DAY);
    expect(result.data).toEqual({ p: { name: '李*', birthDate: null } });
    expect(result.errors?.map((e) => e.path?.join('.'))).toEqual(['p.birthDate']);
  });

  it('withholds a granted listing whole once it would list a subject past the quota', async () => {
    const tree: QuotaTree = {
      root: node({
        people: {
          coordinate: 'Query.people',
          grantIds: G,
          children: node({ name: { coordinate: 'Person.name' } }),
        },
      }),
      quotas: new Map([['g1', 2]]),
    };
    const collector = new OccurrenceCollector();
    const data = {
      people: [
        { name: '张*', _auditIdNumber: 'A' },
        { name: '李*', _auditIdNumber: 'B' },
        { name: '王*', _auditIdNumber: 'C' },
      ],
    };
    const stripped = stripSubjectKeys({ data }, keys, { root: tree.root, collector });
    const hashOf = (o: Occurrence) => o.subject.id;
    const [refusedSet] = await createMemoryQuotaCounter().admit(
      quotaCharges(collector.occurrences, tree.quotas, hashOf).map((c) => ({
        key: 'k',
        day: DAY,
        quota: c.quota,
        subjects: c.subjects,
      })),
    );
    const outcome = decideWithholding(
      collector.occurrences,
      collector.groups,
      new Map([['g1', refusedSet]]),
      hashOf,
      tree.quotas,
      DAY,
    );
    const result = withholdFields(stripped.result, outcome.withheld, tree.quotas, DAY);
    expect(result.data).toEqual({ people: null });
    expect(result.errors?.map((e) => [e.path?.join('.'), e.extensions.coordinate])).toEqual([
      ['people', 'Query.people'],
    ]);
  });

  it('leaves the result it was given as it was', async () => {
    const before = JSON.stringify(RESULT);
    await enforce(RESULT);
    expect(JSON.stringify(RESULT)).toBe(before);
  });

  it('refuses every new subject once the day is full, on later requests too, and admits those already counted', async () => {
    const counter = createMemoryQuotaCounter();
    await enforce(RESULT, counter);
    const again = await enforce(
      {
        data: {
          h1: { address: 'x', members: [member('B', '1991-02-02'), member('D', '1993-04-04')] },
        },
      },
      counter,
    );
    expect(again.result.data).toEqual({ h1: { address: null, members: null } });
    const known = await enforce(
      {
        data: {
          h1: { address: 'x', members: [member('B', '1991-02-02'), member('A', '1990-01-01')] },
        },
      },
      counter,
    );
    expect(known.result.errors).toBeUndefined();
  });

  it('withholds nothing and touches nothing while every subject is within the quota', async () => {
    const small: ExecutionResult = {
      data: { h1: { address: 'x', members: [member('A', '1990-01-01')] } },
    };
    const { result, outcome } = await enforce(small);
    expect(outcome.withheld).toEqual([]);
    expect(result.errors).toBeUndefined();
  });

  it('masks back, instead of withholding, a clear value the grant made of an unconditional field', async () => {
    const tree: QuotaTree = {
      root: node({
        p: { children: node({ name: { coordinate: 'Person.name', grantIds: G, mask: 'NAME' } }) },
      }),
      quotas: new Map([['g1', 1]]),
    };
    const collector = new OccurrenceCollector();
    const stripped = stripSubjectKeys(
      {
        data: {
          p: [
            { name: '张三', _auditIdNumber: 'A' },
            { name: '李四', _auditIdNumber: 'B' },
          ],
        },
      },
      keys,
      { root: tree.root, collector },
    );
    const hashOf = (o: Occurrence) => o.subject.id;
    const outcome = decideWithholding(
      collector.occurrences,
      collector.groups,
      new Map([['g1', new Set(['B'])]]),
      hashOf,
      tree.quotas,
      DAY,
    );
    const result = withholdFields(stripped.result, outcome.withheld, tree.quotas, DAY);
    expect(result.data).toEqual({ p: [{ name: '张三' }, { name: '李*' }] });
    expect(result.errors?.[0].extensions).toMatchObject({ code: 'QUOTA_EXCEEDED', masked: 'NAME' });
  });
});
