import fs from 'node:fs';
import { GraphQLError, parse, print } from 'graphql';
import { SUPERGRAPH_PATH } from '../../../contracts/schema-files';
import type { GrantSource } from '../../grants';
import type { GatewayContext } from '../request-context';
import type { OperationStage, ResultStage } from '../stage-hooks';
import type { GrantSnapshot } from '../../policy';
import { createSharingPolicyHook, sharingPlanOf } from '../enforce-sharing-policy';

const supergraphSdl = fs.readFileSync(SUPERGRAPH_PATH, 'utf8');
const QUERY = parse('query R($id: ID!) { person(idNumber: $id) { gender birthDate } }');

function grantSource(
  snapshot: (department: string) => GrantSnapshot | Promise<GrantSnapshot>,
): GrantSource {
  return {
    snapshotFor: snapshot,
    mode: 'LOCAL',
    oldestSnapshotAgeMs: () => null,
    start: async () => {},
    close: async () => {},
  };
}
const none = grantSource((department) => ({
  status: 'LOADED',
  department,
  version: '1',
  grants: [],
}));

function stages(department: string | null) {
  const context = {
    caller: department
      ? { department, application: null, operator: null, purpose: null, roles: [] }
      : null,
  } as GatewayContext;
  const operation: OperationStage = {
    context,
    schema: hook.engine.schema,
    document: QUERY,
    operationName: 'R',
    variables: { id: '1' },
    errors: [],
  };
  const result = (data: unknown): ResultStage => ({
    context,
    result: { data: data as Record<string, unknown> },
    operationName: 'R',
    variables: { id: '1' },
  });
  return { context, operation, result };
}

const hook = createSharingPolicyHook({ supergraphSdl, grants: none, log: () => {} });

describe('sharing policy hook', () => {
  it('plans before query planning without what is withheld, and puts the null and the error in after', async () => {
    const { context, operation, result } = stages('education');
    await hook.onOperation!(operation);
    expect(print(operation.document)).not.toContain('birthDate');
    expect(operation.documentKey).toBe(sharingPlanOf(context)!.documentKey);
    const after = result({ person: { gender: 'MALE' } });
    hook.onResult!(after);
    expect(after.result.data).toEqual({ person: { gender: 'MALE', birthDate: null } });
    expect(
      after.result.errors!.map((e) => [e.path, e.extensions.code, e.extensions.reason]),
    ).toEqual([[['person', 'birthDate'], 'FORBIDDEN_FIELD', 'NO_GRANT']]);
  });

  it('leaves the document alone for the owner', async () => {
    const { operation, context } = stages('public-security');
    await hook.onOperation!(operation);
    expect(operation.document).toBe(QUERY);
    expect(operation.documentKey).toBeUndefined();
    expect(sharingPlanOf(context)!.denied).toEqual([]);
  });

  it('waits for grants that are being loaded', async () => {
    const later = createSharingPolicyHook({
      supergraphSdl,
      grants: grantSource(async () => ({ status: 'UNAVAILABLE' })),
      log: () => {},
    });
    const { operation, context } = stages('education');
    await later.onOperation!(operation);
    expect(sharingPlanOf(context)!.denied.map((d) => d.reason)).toEqual(['POLICY_UNAVAILABLE']);
  });

  it('refuses a request without an authenticated caller (401): it cannot decide for nobody', async () => {
    const { operation } = stages(null);
    const refusal = await hook.onOperation!(operation)?.then(
      () => null,
      (e: unknown) => e,
    );
    expect(refusal).toBeInstanceOf(GraphQLError);
    expect((refusal as GraphQLError).extensions).toMatchObject({
      code: 'UNAUTHENTICATED',
      http: { status: 401 },
    });
  });

  it('in reject mode refuses the whole operation (403), naming every withheld coordinate', async () => {
    const reject = createSharingPolicyHook({
      supergraphSdl,
      mode: 'reject',
      grants: none,
      log: () => {},
    });
    const { operation } = stages('education');
    const refusal = (await reject.onOperation!(operation)?.catch(
      (e: unknown) => e,
    )) as GraphQLError;
    expect(refusal.extensions).toEqual({
      code: 'FORBIDDEN_FIELD',
      coordinates: ['Person.birthDate'],
      denied: [
        { path: ['person', 'birthDate'], coordinate: 'Person.birthDate', reason: 'NO_GRANT' },
      ],
      http: { status: 403 },
    });
  });

  it('warns loudly at start in dry-run mode', async () => {
    const lines: string[] = [];
    await createSharingPolicyHook({
      supergraphSdl,
      mode: 'dry-run',
      grants: none,
      log: (l) => lines.push(l),
    }).start!();
    expect(lines.join('\n')).toMatch(
      /WARNING: SHARING_POLICY_MODE=dry-run\. The sharing policy withholds and masks NOTHING/,
    );
  });
});
