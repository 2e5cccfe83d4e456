/**
 * A department cannot lift the big data bureau's suspension of its own system (issue 7 §3.6):
 * after the bureau set an application SUSPENDED, the owning department's token could set it back
 * to ACTIVE and the system was served again. Through the gateway, step by step, every kind of
 * actor (owning department, another department, the bureau, a citizen) tries each move; after
 * each step the application's own token is served or refused as its status says. The full table
 * of moves is unit-tested in subgraphs/sharing/__tests__/status-transitions.test.ts.
 */
import { postGraphQL } from '../../utils/graphql-client';
import { issueToken } from '../../../gateway/auth/issue-token';
import { Platform, startPlatform } from '../../utils/platform';
import { describeWithService } from '../../utils/services';

const SET_STATUS =
  'mutation S($id: ID!, $status: ApplicationStatus!, $reason: String) { setApplicationStatus(id: $id, status: $status, reason: $reason) { id status } }';

type Actor = 'owner' | 'other department' | 'bureau' | 'citizen';
type Outcome = 'ok' | 'FORBIDDEN' | 'BAD_USER_INPUT';

interface Step {
  actor: Actor;
  to: 'ACTIVE' | 'SUSPENDED' | 'RETIRED';
  outcome: Outcome;
  /** Whether the application's own token is served afterwards. */
  served: boolean;
}

const ALLOWANCE = { department: 'civil-affairs', application: 'minimum-living-allowance' };
const SUBSIDY = { department: 'housing', application: 'housing-subsidy' };

const SCENARIOS: { title: string; app: typeof ALLOWANCE; steps: Step[] }[] = [
  {
    title: 'the owner pauses and resumes its own system',
    app: ALLOWANCE,
    steps: [
      { actor: 'other department', to: 'SUSPENDED', outcome: 'FORBIDDEN', served: true },
      { actor: 'citizen', to: 'SUSPENDED', outcome: 'FORBIDDEN', served: true },
      { actor: 'owner', to: 'SUSPENDED', outcome: 'ok', served: false },
      { actor: 'other department', to: 'ACTIVE', outcome: 'FORBIDDEN', served: false },
      { actor: 'owner', to: 'ACTIVE', outcome: 'ok', served: true },
      { actor: 'owner', to: 'ACTIVE', outcome: 'BAD_USER_INPUT', served: true },
    ],
  },
  {
    title: 'a suspension by the bureau is lifted only by the bureau',
    app: ALLOWANCE,
    steps: [
      { actor: 'bureau', to: 'SUSPENDED', outcome: 'ok', served: false },
      { actor: 'owner', to: 'ACTIVE', outcome: 'FORBIDDEN', served: false },
      // Re-suspending must not turn the bureau's suspension into the owner's.
      { actor: 'owner', to: 'SUSPENDED', outcome: 'BAD_USER_INPUT', served: false },
      { actor: 'owner', to: 'ACTIVE', outcome: 'FORBIDDEN', served: false },
      { actor: 'other department', to: 'ACTIVE', outcome: 'FORBIDDEN', served: false },
      { actor: 'citizen', to: 'ACTIVE', outcome: 'FORBIDDEN', served: false },
      { actor: 'bureau', to: 'ACTIVE', outcome: 'ok', served: true },
    ],
  },
  {
    title: "the bureau may lift an owner's pause, and retirement is final for everyone",
    app: SUBSIDY,
    steps: [
      { actor: 'owner', to: 'SUSPENDED', outcome: 'ok', served: false },
      { actor: 'bureau', to: 'ACTIVE', outcome: 'ok', served: true },
      { actor: 'bureau', to: 'SUSPENDED', outcome: 'ok', served: false },
      { actor: 'owner', to: 'RETIRED', outcome: 'ok', served: false },
      { actor: 'owner', to: 'ACTIVE', outcome: 'BAD_USER_INPUT', served: false },
      { actor: 'bureau', to: 'ACTIVE', outcome: 'BAD_USER_INPUT', served: false },
      { actor: 'other department', to: 'ACTIVE', outcome: 'FORBIDDEN', served: false },
    ],
  },
];

function statusSuite(backend: 'sqlite' | 'mysql', redis: boolean) {
  let platform: Platform;
  let citizenId: string;

  beforeAll(async () => {
    platform = await startPlatform({
      backend,
      persons: 300,
      subgraphs: ['population', 'sharing'],
      ...(redis ? { redis: { url: process.env.REDIS_URL ?? 'redis://127.0.0.1:6379' } } : {}),
    });
    citizenId = (
      await platform.subgraphs.population!.db('people').orderBy('id_number').first('id_number')
    ).id_number;
  });
  afterAll(async () => {
    await platform?.stop();
  });

  async function headersOf(actor: Actor, app: typeof ALLOWANCE): Promise<Record<string, string>> {
    if (actor === 'citizen') {
      const token = await issueToken(
        platform.security!.tokenKeys.signing!,
        platform.security!.tokenSettings,
        { department: 'citizen', citizenIdNumber: citizenId, ttlSeconds: 600 },
      );
      return { authorization: `Bearer ${token}` };
    }
    const department =
      actor === 'owner' ? app.department : actor === 'bureau' ? 'big-data-bureau' : 'tax';
    return platform.headers({ department, operator: `status-test@${department}` });
  }

  describe.each(SCENARIOS.map((s) => [s.title, s] as const))('%s', (_, scenario) => {
    it.each(
      scenario.steps.map((step, i) => [i + 1, step.actor, step.to, step.outcome, step] as const),
    )('step %d: %s sets %s: %s', async (_n, actor, to, outcome, step) => {
      const { status, body } = await postGraphQL(
        platform.gatewayUrl,
        SET_STATUS,
        { id: scenario.app.application, status: to, reason: `${actor} sets ${to}` },
        await headersOf(actor, scenario.app),
      );
      if (outcome === 'ok') {
        expect({ status, errors: body.errors }).toEqual({ status: 200, errors: undefined });
        expect(body.data!.setApplicationStatus).toEqual({
          id: scenario.app.application,
          status: to,
        });
      } else {
        expect(body.errors?.map((e) => e.extensions?.code)).toEqual([outcome]);
      }
      // This gateway drops its registry cache on a registry mutation through it: the answer is current.
      const served = await postGraphQL(
        platform.gatewayUrl,
        '{ departments { code } }',
        {},
        await platform.headers({ ...scenario.app, operator: 'caseworker' }),
      );
      expect({ step: step.to, httpStatus: served.status }).toEqual({
        step: step.to,
        httpStatus: step.served ? 200 : 403,
      });
    });
  });
}

describe('application status transitions on SQLite', () => statusSuite('sqlite', false));
describeWithService(
  ['mysql', 'redis'],
  'application status transitions on MariaDB with Redis',
  () => statusSuite('mysql', true),
);
