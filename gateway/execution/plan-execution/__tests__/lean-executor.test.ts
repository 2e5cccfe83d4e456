import type { PlanNode } from '@apollo/query-planner';
import { unsupportedIn } from '../lean-executor';

const fetch = (extra: object = {}): PlanNode =>
  ({
    kind: 'Fetch',
    serviceName: 'population',
    operation: '{ a }',
    operationName: undefined,
    operationKind: 'query',
    ...extra,
  }) as PlanNode;

describe("which plans the gateway's executor runs", () => {
  it('runs sequences, parallel and flatten nodes, conditions and plain fetches', () => {
    const plan: PlanNode = {
      kind: 'Sequence',
      nodes: [
        fetch(),
        {
          kind: 'Parallel',
          nodes: [
            { kind: 'Flatten', path: ['a', '@'], node: fetch({ requires: [] }) },
            { kind: 'Condition', condition: 'v', ifClause: fetch(), elseClause: undefined },
          ],
        },
      ],
    };
    expect(unsupportedIn(plan)).toBeNull();
    expect(unsupportedIn(undefined)).toBeNull();
  });

  it("leaves @defer and the data rewrites to Apollo's, wherever they sit", () => {
    const defer = { kind: 'Defer', primary: {}, deferred: [] } as unknown as PlanNode;
    expect(unsupportedIn({ kind: 'Sequence', nodes: [fetch(), defer] })).toBe('a Defer node');
    for (const rewrite of ['inputRewrites', 'outputRewrites', 'contextRewrites']) {
      const rewriting = fetch({
        [rewrite]: [{ kind: 'KeyRenamer', path: ['x'], renameKeyTo: 'y' }],
      });
      expect(
        unsupportedIn({
          kind: 'Condition',
          condition: 'v',
          ifClause: undefined,
          elseClause: { kind: 'Flatten', path: ['a'], node: rewriting },
        }),
      ).toMatch(/rewrites/);
    }
    expect(unsupportedIn(fetch({ inputRewrites: [] }))).toBeNull();
  });
});
