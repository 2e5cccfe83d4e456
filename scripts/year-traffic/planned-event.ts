/**
 * What a year plan is made of: the timed events it lists, who sends each, and which kinds are
 * data requests.
 */
import type { ApprovalSpec, ErrorReportSpec, PlannedApplicationSpec } from './traffic-workflow';
import type { TrafficApplication } from './traffic-applications';

export interface PlannedCaller {
  readonly department: string;
  readonly application: string | null;
  readonly operator: string | null;
  readonly purpose?: string;
}

interface At {
  /** Epoch milliseconds of the simulated instant. */
  readonly at: number;
}

export type PlannedEvent =
  | (At & {
      kind: 'query';
      caller: PlannedCaller;
      query: string;
      variables: Record<string, string>;
    })
  | (At & { kind: 'open-graphql'; query: string })
  | (At & { kind: 'open-download'; path: string })
  | (At & {
      kind: 'apply';
      ref: string;
      caller: PlannedCaller;
      input: {
        items: readonly string[];
        purposes: readonly string[];
        justification: string;
        application: string;
        clear: boolean;
      };
      /** What the plan will do with it: answer within or after the reply limit, or never. */
      timing: PlannedApplicationSpec['timing'];
    })
  | (At & {
      kind: 'answer-application';
      ref: string;
      late: boolean;
      decision: { approve: ApprovalSpec } | { reject: string };
    })
  | (At & { kind: 'revoke'; ref: string; reason: string })
  | (At & {
      kind: 'report-error';
      ref: string;
      caller: PlannedCaller;
      input: {
        coordinate: string;
        subject: { kind: 'PERSON' | 'LEGAL_ENTITY'; id: string };
        problem: string;
        evidence: string;
      };
      timing: ErrorReportSpec['timing'];
    })
  | (At & {
      kind: 'answer-report';
      ref: string;
      late: boolean;
      decision: { correct: string } | { reject: string };
    })
  | (At & {
      kind: 'confirm-inventory';
      caller: PlannedCaller;
      application: string;
      year: number;
      corrections?: Readonly<Record<string, string>>;
    });

export type PlannedEventKind = PlannedEvent['kind'];

/** Data requests: answered 200, perhaps with fields withheld. The rest are workflow events, which must succeed. */
export const DATA_KINDS: ReadonlySet<PlannedEventKind> = new Set([
  'query',
  'open-graphql',
  'open-download',
]);

/** The caller of an application system, with its declared purpose if it has one. */
export function callerOf(app: TrafficApplication, operator: string): PlannedCaller {
  return {
    department: app.department,
    application: app.id,
    operator,
    ...(app.purpose ? { purpose: app.purpose } : {}),
  };
}
