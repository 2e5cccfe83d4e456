/**
 * The caller the enforcing targets are measured for, and the grants it holds: the housing
 * bureau's subsidised-housing system (住房保障管理系统), declaring HOUSING_SECURITY. In the demo
 * registry its only application is still pending, so it holds no grant until the bench obtains
 * one through the real workflow: applyForSharing as housing, then approveSharingRequest by every
 * owner, through the enforcing gateway with each department's own token. The grant is masked
 * (not `clear`) and covers every conditional field the bench operations ask for, so the
 * applicant profile is served in full, with ID number, name, birth date, phone and addresses
 * masked (脱敏). Tokens are minted with the gateway's own dev keys under the bench DATA_DIR.
 */
import { issueToken } from '../../gateway/auth/issue-token';
import { loadTokenKeys } from '../../gateway/auth/token-keys';
import { readTokenSettings } from '../../gateway/auth/token-settings';

export interface BenchCaller {
  department: string;
  application: string | null;
  purpose: string;
}

/** The measured caller: a consumer whose grant covers the operations' conditional fields, masked. */
export const GRANTED_CALLER: BenchCaller = {
  department: 'housing',
  application: 'housing-subsidy',
  purpose: 'HOUSING_SECURITY',
};

/** A caller with no grant at all (its demo application is pending): the enforcement sanity check. */
export const UNGRANTED_CALLER: BenchCaller = {
  department: 'education',
  application: 'school-enrolment',
  purpose: 'EDUCATION_ENROLMENT',
};

/**
 * Every conditional coordinate of the three bench operations (applicant profile, region
 * dashboard, people page): the policy withholds each of them from a caller without a grant.
 */
export const GRANT_ITEMS: readonly string[] = [
  'Query.people',
  'Person.birthDate',
  'Person.ethnicity',
  'Person.phone',
  'Person.householdAddress',
  'Person.household',
  'Household.*',
  'Person.residence',
  'Person.creditRecords',
  'Person.enterprises',
];

const TOKEN_TTL_SECONDS = 4 * 3600;

/** A token for the caller, signed with the dev key under env's DATA_DIR (the one the gateways verify with). */
export async function callerToken(
  caller: Pick<BenchCaller, 'department' | 'application'>,
  env: NodeJS.ProcessEnv,
): Promise<string> {
  const settings = readTokenSettings(env);
  const keys = await loadTokenKeys(settings);
  if (!keys.signing)
    throw new Error(
      'the bench needs a token signing key: unset JWT_PUBLIC_KEY or set JWT_PRIVATE_KEY',
    );
  return issueToken(keys.signing, settings, {
    department: caller.department,
    application: caller.application,
    operator: `bench.${caller.department}`,
    ttlSeconds: TOKEN_TTL_SECONDS,
  });
}

export async function callerHeaders(
  caller: BenchCaller,
  env: NodeJS.ProcessEnv,
): Promise<Record<string, string>> {
  return { authorization: `Bearer ${await callerToken(caller, env)}`, 'x-purpose': caller.purpose };
}

interface GraphQLAnswer<T> {
  data?: T | null;
  errors?: { message?: string; extensions?: { code?: string } }[];
}

async function post<T>(
  url: string,
  headers: Record<string, string>,
  query: string,
  variables: Record<string, unknown>,
): Promise<GraphQLAnswer<T>> {
  const res = await fetch(url, {
    method: 'POST',
    headers: { 'content-type': 'application/json', accept: 'application/json', ...headers },
    body: JSON.stringify({ query, variables }),
    signal: AbortSignal.timeout(30_000),
  });
  return (await res.json()) as GraphQLAnswer<T>;
}

function must<T>(answer: GraphQLAnswer<T>, what: string): T {
  if (answer.errors?.length || !answer.data)
    throw new Error(`${what}: ${answer.errors?.map((e) => e.message).join('; ') ?? 'no data'}`);
  return answer.data;
}

const GRANTS_FOR = `query BenchGrants($department: ID!) {
  grantsFor(department: $department) { grants { coordinates purposes clear effective application { id } } }
}`;

const APPLY = `mutation BenchApply($input: SharingApplicationInput!) {
  applyForSharing(input: $input) { id requests { id owner { code } } }
}`;

// The bench sends many thousands of requests about up to all of the city's residents: the
// measured caller gets the highest subject quota and request limits, so what is measured is what
// the checks cost, not their refusals (tests cover the refusals).
const APPROVE = `mutation BenchApprove($id: ID!) { approveSharingRequest(id: $id, input: { subjectQuota: 1000000 }) { id status } }`;

const SET_LIMITS = `mutation BenchLimits($id: ID!) {
  setApplicationLimits(id: $id, limits: { requestsPerMinute: 600000, burst: 100000, concurrency: 10000 }) { id }
}`;

/** Department limits high enough for the bench's load (the gateway's settings; see README, security). */
export const BENCH_DEPARTMENT_LIMITS_ENV: Readonly<Record<string, string>> = {
  RATE_LIMIT_DEPARTMENT_PER_MINUTE: '600000',
  RATE_LIMIT_DEPARTMENT_BURST: '100000',
  RATE_LIMIT_DEPARTMENT_CONCURRENCY: '10000',
};

interface GrantRow {
  coordinates: string[];
  purposes: string[];
  clear: boolean;
  effective: boolean;
  application: { id: string } | null;
}

/** Whether the caller's effective, masked grants cover every item for its purpose. */
function covered(grants: GrantRow[], caller: BenchCaller): boolean {
  const usable = grants.filter(
    (g) =>
      g.effective &&
      !g.clear &&
      g.purposes.includes(caller.purpose) &&
      (g.application === null || g.application.id === caller.application),
  );
  return GRANT_ITEMS.every((item) => usable.some((g) => g.coordinates.includes(item)));
}

/**
 * Makes sure the granted caller holds its grant in the bench's sharing database, through the
 * gateway at `url` (an enforcing one: it authenticates and signs). Applies and has every owner
 * approve only when no such grant is in force yet, so repeated runs do not pile up grants.
 * Waits until the gateway serves the caller's grant (its in-process cache lives for a second).
 */
export async function ensureBenchGrant(
  url: string,
  env: NodeJS.ProcessEnv,
  log: (line: string) => void,
): Promise<void> {
  const caller = GRANTED_CALLER;
  const headers = await callerHeaders(caller, env);
  const bureau = {
    authorization: `Bearer ${await callerToken({ department: 'big-data-bureau', application: null }, env)}`,
  };
  must(await post(url, bureau, SET_LIMITS, { id: caller.application }), 'setApplicationLimits');
  const current = must(
    await post<{ grantsFor: { grants: GrantRow[] } }>(url, headers, GRANTS_FOR, {
      department: caller.department,
    }),
    'grantsFor',
  );
  if (covered(current.grantsFor.grants, caller)) {
    log(
      `${caller.department}/${caller.application} already holds a masked grant for ${caller.purpose} covering the bench operations`,
    );
    return;
  }
  const applied = must(
    await post<{
      applyForSharing: { id: string; requests: { id: string; owner: { code: string } }[] };
    }>(url, headers, APPLY, {
      input: {
        items: GRANT_ITEMS,
        purposes: [caller.purpose],
        application: caller.application,
        clear: false,
        justification:
          'Benchmark (npm run bench): a masked grant covering the applicant profile, so the sharing policy serves it with masking.',
      },
    }),
    'applyForSharing',
  ).applyForSharing;
  for (const request of applied.requests) {
    const owner = request.owner.code;
    const ownerHeaders = {
      authorization: `Bearer ${await callerToken({ department: owner, application: null }, env)}`,
    };
    must(
      await post(url, ownerHeaders, APPROVE, { id: request.id }),
      `approveSharingRequest by ${owner}`,
    );
  }
  log(
    `applied as ${caller.department}/${caller.application} for ${GRANT_ITEMS.length} items (${caller.purpose}, masked); approved by ${applied.requests.map((r) => r.owner.code).join(', ')}`,
  );
  const now = must(
    await post<{ grantsFor: { grants: GrantRow[] } }>(url, headers, GRANTS_FOR, {
      department: caller.department,
    }),
    'grantsFor',
  );
  if (!covered(now.grantsFor.grants, caller))
    throw new Error(
      `the approved grant of ${caller.department} is not in force (is validFrom in the future?)`,
    );
  // Every gateway caches a department's grants in process for up to GRANTS_TTL_MS (1 s).
  await new Promise((resolve) => setTimeout(resolve, 1500));
}
