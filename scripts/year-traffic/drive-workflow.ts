/**
 * Runs a planned year's workflow events as the gateway's GraphQL mutations, remembering what each
 * filing created so its answer or revocation can name it; any failure stops the run.
 */
import type { PlannedCaller, PlannedEvent } from './planned-event';

/** Sends a GraphQL document to /graphql as `caller`; the HTTP status and raw body come back. */
export type PostGraphQL = (
  caller: PlannedCaller,
  body: { query: string; variables: Record<string, unknown> },
) => Promise<{ status: number; text: string }>;

interface GraphQLBody {
  data?: Record<string, unknown> | null;
  errors?: { message: string; extensions?: Record<string, unknown> }[];
}

const APPLY = `mutation ApplyForSharing($input: SharingApplicationInput!) {
  applyForSharing(input: $input) { id status requests { id owner { code } items status dueOn } }
}`;
const APPROVE = `mutation ApproveSharingRequest($id: ID!, $input: SharingApprovalInput) {
  approveSharingRequest(id: $id, input: $input) { id status grant { id } }
}`;
const REJECT = `mutation RejectSharingRequest($id: ID!, $reason: String!) {
  rejectSharingRequest(id: $id, reason: $reason) { id status }
}`;
const REVOKE = `mutation RevokeGrant($id: ID!, $reason: String!) { revokeGrant(id: $id, reason: $reason) { id status } }`;
// The error-report mutations must select `subject`, so the audit record names the person or entity.
const REPORT = `mutation ReportDataError($input: DataErrorReportInput!) {
  reportDataError(input: $input) { id status owner { code } dueOn subject { __typename } }
}`;
const CORRECT = `mutation CorrectDataErrorReport($id: ID!, $correction: String!) {
  correctDataErrorReport(id: $id, correction: $correction) { id status answeredLate subject { __typename } }
}`;
const REJECT_REPORT = `mutation RejectDataErrorReport($id: ID!, $reason: String!) {
  rejectDataErrorReport(id: $id, reason: $reason) { id status answeredLate subject { __typename } }
}`;
const CONFIRM = `mutation ConfirmApplicationInventory($id: ID!, $year: Int!, $corrections: UpdateApplicationInput) {
  confirmApplicationInventory(id: $id, year: $year, corrections: $corrections) { id }
}`;

interface FiledApplication {
  requests: { id: string; owner: string; items: string[] }[];
  grants: { id: string; owner: string }[];
}

/**
 * A runner for workflow events over `post`. Its state (the requests and grants each application
 * produced, the reports filed) lives as long as the runner: one runner per driven year.
 */
export function workflowRunner(post: PostGraphQL): (event: PlannedEvent) => Promise<void> {
  const applications = new Map<string, FiledApplication>();
  const reports = new Map<string, { id: string; owner: string }>();

  /** A workflow mutation: anything but 200 without errors stops the run, with what the gateway said. */
  const mutate = async <T>(
    event: PlannedEvent,
    caller: PlannedCaller,
    query: string,
    variables: Record<string, unknown>,
  ): Promise<T> => {
    const { status, text } = await post(caller, { query, variables });
    let body: GraphQLBody | null = null;
    try {
      body = JSON.parse(text) as GraphQLBody;
    } catch {
      // reported below with the raw text
    }
    if (status !== 200 || !body || body.errors?.length || !body.data)
      throw new Error(
        `year traffic: ${event.kind}${'ref' in event ? ` ${event.ref}` : ''} at ${new Date(event.at).toISOString()} as ${caller.department} failed: HTTP ${status} ${body?.errors ? JSON.stringify(body.errors) : text.slice(0, 500)}`,
      );
    return body.data as T;
  };
  const owner = (department: string): PlannedCaller => ({
    department,
    application: null,
    operator: `reviewer@${department}`,
  });

  return async (event: PlannedEvent): Promise<void> => {
    switch (event.kind) {
      case 'apply': {
        const data = await mutate<{
          applyForSharing: { requests: { id: string; owner: { code: string }; items: string[] }[] };
        }>(event, event.caller, APPLY, { input: event.input });
        applications.set(event.ref, {
          requests: data.applyForSharing.requests.map((r) => ({
            id: r.id,
            owner: r.owner.code,
            items: r.items,
          })),
          grants: [],
        });
        break;
      }
      case 'answer-application': {
        const filed = filedApplication(applications, event.ref);
        for (const request of filed.requests) {
          if ('reject' in event.decision) {
            await mutate(event, owner(request.owner), REJECT, {
              id: request.id,
              reason: event.decision.reject,
            });
            continue;
          }
          const { items, purposes, note } = event.decision.approve;
          // An owner narrows to the items it was asked for; a narrowing for another owner leaves its request whole.
          const narrowed = items ? request.items.filter((i) => items.includes(i)) : [];
          const input = {
            ...(narrowed.length > 0 ? { items: narrowed } : {}),
            ...(purposes ? { purposes } : {}),
            ...(note ? { note } : {}),
          };
          const data = await mutate<{ approveSharingRequest: { grant: { id: string } | null } }>(
            event,
            owner(request.owner),
            APPROVE,
            { id: request.id, input },
          );
          const grant = data.approveSharingRequest.grant;
          if (grant) filed.grants.push({ id: grant.id, owner: request.owner });
        }
        break;
      }
      case 'revoke': {
        for (const grant of filedApplication(applications, event.ref).grants)
          await mutate(event, owner(grant.owner), REVOKE, { id: grant.id, reason: event.reason });
        break;
      }
      case 'report-error': {
        const data = await mutate<{ reportDataError: { id: string; owner: { code: string } } }>(
          event,
          event.caller,
          REPORT,
          { input: event.input },
        );
        reports.set(event.ref, {
          id: data.reportDataError.id,
          owner: data.reportDataError.owner.code,
        });
        break;
      }
      case 'answer-report': {
        const report = reports.get(event.ref);
        if (!report) throw new Error(`year traffic: ${event.ref} was answered before it was filed`);
        if ('correct' in event.decision)
          await mutate(event, owner(report.owner), CORRECT, {
            id: report.id,
            correction: event.decision.correct,
          });
        else
          await mutate(event, owner(report.owner), REJECT_REPORT, {
            id: report.id,
            reason: event.decision.reject,
          });
        break;
      }
      case 'confirm-inventory':
        await mutate(event, event.caller, CONFIRM, {
          id: event.application,
          year: event.year,
          corrections: event.corrections ?? null,
        });
        break;
      default:
        throw new Error(`not a workflow event: ${event.kind}`);
    }
  };
}

function filedApplication(
  applications: Map<string, FiledApplication>,
  ref: string,
): FiledApplication {
  const filed = applications.get(ref);
  if (!filed) throw new Error(`year traffic: ${ref} is answered before it was filed`);
  return filed;
}
