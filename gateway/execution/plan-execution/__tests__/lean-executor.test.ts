import fs from 'node:fs';
import path from 'node:path';
import type { PlanNode } from '@apollo/query-planner';
import { parse } from 'graphql';
import type {
  GatewayExecutor,
  GatewayGraphQLRequestContext,
} from '@apollo/server-gateway-interface';
import { LeanExecution, unsupportedIn } from '../lean-executor';

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

describe("the gateway's executor's plans", () => {
  const supergraphSdl = fs.readFileSync(
    path.join(__dirname, '../../../../schema/supergraph.graphql'),
    'utf8',
  );
  /** A request for the operation `name` of a document of its own (no subgraph is fetched from). */
  const request = (name: string) =>
    ({
      queryHash: `hash-of-${name}`,
      request: { operationName: 'NotInTheDocument' },
      document: parse(`query ${name} { __typename }`),
    }) as unknown as GatewayGraphQLRequestContext;

  it('keeps at most its bound, the least recently used leaving first, as a caller sends ever new documents', async () => {
    const lean = new LeanExecution({ supergraphSdl, services: () => ({}), maxPlans: 2 });
    const apollo: GatewayExecutor = async () => ({ data: null });
    const execute = lean.executor(apollo);
    for (const name of ['A', 'B', 'A', 'C']) await execute(request(name));
    // A, B; A again from the cache; C takes B's place, A having been used since.
    expect(lean.plansMade).toBe(3);
    expect(lean.plansKept).toBe(2);
    await execute(request('A'));
    expect(lean.plansMade).toBe(3);
    await execute(request('B'));
    expect(lean.plansMade).toBe(4);
    for (let i = 0; i < 50; i++) await execute(request(`New${i}`));
    expect(lean.plansKept).toBe(2);
    expect(lean.plansMade).toBe(54);
  });
});
