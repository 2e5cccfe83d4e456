/**
 * The case-bound applicant pull (issue 9): the service network's persisted ApplicantProfile
 * document, sent by its SHA-256 (`documentId`) under an open approval case (办件) of item ZF0101
 * (公共租赁住房申请), the `x-case` header naming it. Before the load the bench opens one case
 * through the gateway, as the service network, whose applicants are up to 20 of the applicant
 * fixtures and whose consent covers every ZF0101 data item the document reads; the load then
 * rotates over those applicants. Every answer must hold the applicant and no error: a
 * SUBJECT_NOT_ON_CASE, CASE_* or NOT_CONSENTED reason would make the run a measurement of refusals.
 */
import { CASE_HEADER } from '../../contracts/cases/approval-case';
import { chinaDate } from '../../subgraphs/sharing/clock';
import { manifestDocuments } from '../../subgraphs/sharing/persisted-manifest';
import { callerToken } from './bench-caller';
import type { ApplicantFixture } from './bench-fixtures';
import type { BenchOperation, PrepareContext } from './bench-operations';
import { checkResponse } from './response-check';
import { obj } from './response-data';

/** The service network's application, declaring the purpose its item grants are for. */
const SERVICE_NETWORK = {
  department: 'big-data-bureau',
  application: 'service-network',
  purpose: 'ADMINISTRATIVE_APPROVAL',
};

const ITEM = 'ZF0101';
/** subgraphs/sharing/case-rules.ts MAX_APPLICANTS: a case names a family, not a street. */
const MAX_CASE_APPLICANTS = 20;

/**
 * The ZF0101 data items the persisted ApplicantProfile reads (residence, certificates,
 * enterprises), all within the item's data list (subgraphs/sharing/demo-approval-items.ts).
 * Consent to fewer would withhold a field with NOT_CONSENTED, and every answer would count as failed.
 */
export const CONSENT_SCOPE: readonly string[] = [
  'Person.residence',
  'Certificate.*',
  'Person.enterprises',
];

const OPEN_CASE = `mutation BenchOpenCase($input: OpenCaseInput!) { openCase(input: $input) { number status } }`;

// The demo registry limits the service network to 100 requests a second (6000 a minute): the
// bench measures what the checks cost, not the limiter's refusals (tests cover those).
const SET_LIMITS = `mutation BenchLimits($id: ID!) {
  setApplicationLimits(id: $id, limits: { requestsPerMinute: 600000, burst: 100000, concurrency: 10000 }) { id }
}`;

interface Answer {
  data?: Record<string, unknown> | null;
  errors?: { message?: string; extensions?: { code?: string; reason?: string } }[];
}

async function post(
  url: string,
  headers: Record<string, string>,
  query: string,
  variables: Record<string, unknown>,
): Promise<Answer> {
  const res = await fetch(url, {
    method: 'POST',
    headers: { 'content-type': 'application/json', accept: 'application/json', ...headers },
    body: JSON.stringify({ query, variables }),
    signal: AbortSignal.timeout(30_000),
  });
  return (await res.json()) as Answer;
}

const describeErrors = (answer: Answer) =>
  (answer.errors ?? [])
    .map((e) => `${e.extensions?.reason ?? e.extensions?.code ?? 'error'}: ${e.message ?? ''}`)
    .join('; ');

/** A fresh case number of today (China time): a random serial, so runs on one data folder do not collide. */
function caseNumber(): string {
  const day = chinaDate(new Date()).replace(/-/g, '');
  const serial = String(100000 + Math.floor(Math.random() * 900000));
  return `NT${day}-${ITEM}-${serial}`;
}

/**
 * Opens the bench's case as the service network and returns the headers of its requests. Throws
 * (the run stops) when the case cannot be opened or one pull under it is not a clean answer.
 */
async function openBenchCase(
  ctx: PrepareContext,
  applicants: readonly ApplicantFixture[],
  probe: BenchOperation['gateway']['variants'][number],
): Promise<Record<string, string>> {
  const bureau = {
    authorization: `Bearer ${await callerToken({ department: 'big-data-bureau', application: null }, ctx.env)}`,
  };
  const limits = await post(ctx.url, bureau, SET_LIMITS, { id: SERVICE_NETWORK.application });
  if (limits.errors?.length)
    throw new Error(`setApplicationLimits(service-network): ${describeErrors(limits)}`);
  const token = await callerToken(SERVICE_NETWORK, ctx.env);
  const caller = { authorization: `Bearer ${token}`, 'x-purpose': SERVICE_NETWORK.purpose };
  let opened: Answer = {};
  let number = '';
  // A random serial may, rarely, be taken by an earlier run on the same data: try another.
  for (let attempt = 0; attempt < 3 && !opened.data?.openCase; attempt++) {
    number = caseNumber();
    opened = await post(ctx.url, caller, OPEN_CASE, {
      input: {
        number,
        item: ITEM,
        applicants: { idNumbers: applicants.map((a) => a.idNumber) },
        operator: 'bench 窗口',
        consent: {
          scope: CONSENT_SCOPE,
          signedAt: new Date(Date.now() - 60_000).toISOString(),
        },
      },
    });
  }
  if (!opened.data?.openCase) throw new Error(`openCase ${number}: ${describeErrors(opened)}`);
  const headers = { ...caller, [CASE_HEADER]: number };
  const problem = await checkResponse(ctx.url, headers, probe);
  if (problem)
    throw new Error(
      `case-bound-pull: the persisted ApplicantProfile under case ${number} is not a clean answer (${problem}); widen CONSENT_SCOPE or the document`,
    );
  ctx.log(
    `opened case ${number} (item ${ITEM}) as ${SERVICE_NETWORK.department}/${SERVICE_NETWORK.application} for ${applicants.length} applicants, consent ${CONSENT_SCOPE.join(', ')}; one pull under it answered without errors`,
  );
  return headers;
}

function checkPerson(data: unknown, f: ApplicantFixture): string | null {
  const person = obj(obj(data)?.person);
  if (!person) return `person ${f.idNumber} is null`;
  // ID numbers are masked to every department but their owner's: the last four digits remain.
  if (typeof person.idNumber !== 'string' || person.idNumber.slice(-4) !== f.idNumber.slice(-4))
    return `person.idNumber is ${String(person.idNumber)}, expected one ending in ${f.idNumber.slice(-4)}`;
  if (!obj(person.residence)) return 'person.residence is missing (withheld?)';
  if (!Array.isArray(person.certificates)) return 'person.certificates is missing (withheld?)';
  if (!Array.isArray(person.enterprises)) return 'person.enterprises is missing (withheld?)';
  return null;
}

/** The gateway targets with every request stage on: authentication, policy, guards and audit. */
export const CASE_BOUND_TARGETS: readonly string[] = ['ours-audited'];

export function caseBoundPull(applicants: ApplicantFixture[]): BenchOperation {
  const document = manifestDocuments().find(
    (d) => d.name === 'ApplicantProfile' && d.application === SERVICE_NETWORK.application,
  );
  if (!document)
    throw new Error('persisted/manifest.json has no ApplicantProfile of the service network');
  const onCase = applicants.slice(0, MAX_CASE_APPLICANTS);
  const variants = onCase.map((f) => ({
    body: {
      operationName: 'ApplicantProfile',
      documentId: `sha256:${document.sha256}`,
      variables: { idNumber: f.idNumber },
    },
    check: (data: unknown) => checkPerson(data, f),
  }));
  return {
    name: 'case-bound-pull',
    description:
      `the service network's persisted \`ApplicantProfile\` (${document.file}: population fields, residence, certificates, credit records, enterprises with credit status), sent as \`{"documentId":"sha256:${document.sha256.slice(0, 12)}…"}\` by \`${SERVICE_NETWORK.department}/${SERVICE_NETWORK.application}\` with \`x-purpose: ${SERVICE_NETWORK.purpose}\` and \`${CASE_HEADER}\` naming one open case of item ${ITEM}, opened by the bench through \`openCase\` for ${onCase.length} applicants (the first applicant-profile fixtures) with consent ${CONSENT_SCOPE.map((c) => `\`${c}\``).join(', ')}; ` +
      `the gateway resolves the document, binds the request to the case (open, the case's application, every subject an applicant, fields within item and consent), enforces the grants and audits with case and item; rotates over the case's applicants; each answer must name the applicant (last four digits of the masked ID number) and carry no error`,
    gateway: { variants },
    direct: null,
    targets: {
      only: CASE_BOUND_TARGETS,
      why: 'only where every request stage is on (authentication, sharing policy with the case binding, guards, durable audit)',
    },
    prepare: (ctx) => openBenchCase(ctx, onCase, variants[0]),
  };
}
