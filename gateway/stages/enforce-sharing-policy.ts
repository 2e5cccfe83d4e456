/**
 * The sharing policy as a gateway stage (stages/stage-hooks.ts): in the operation stage,
 * after validation and before query planning, it decides every field for the caller's
 * department, application and purpose against the department's grants and replaces the
 * document with one that leaves withheld fields out, so subgraphs never receive them; in the
 * result stage it puts the nulls, one FORBIDDEN_FIELD error per withheld field, and the masks
 * into the response (gateway/policy/index.ts describes the engine).
 *
 * The hot path is two Map lookups: the department's grants (gateway/grants/) and the plan for
 * (document, caller, grant version). Neither touches the network in steady state.
 */
import { GraphQLError } from 'graphql';
import { ErrorCode } from '../../domain/error-codes';
import type { GrantSource } from '../grants/grant-source';
import type { GatewayHooks } from './stage-hooks';
import { createPolicyEngine, PolicyEngine, PolicyMode, PolicyPlan, Rejection } from '../policy';
import { boundCaseOf } from './bind-to-case';
import { GatewayContext, stageState } from './request-context';

/** The policy's decisions for each request's operation: applied to its result here, recorded by the audit stage. */
const sharingPlans = stageState<PolicyPlan>();

/** What the sharing policy decided for this request's operation; undefined when it did not get that far. */
export function sharingPlanOf(context: GatewayContext): PolicyPlan | undefined {
  return sharingPlans.get(context);
}

export interface SharingPolicyHookOptions {
  /** The supergraph the gateway serves; replaced if the gateway loads another. */
  readonly supergraphSdl: string;
  /** @default 'filter' */
  readonly mode?: PolicyMode;
  readonly grants: GrantSource;
  /** @default console.error */
  readonly log?: (line: string) => void;
}

export interface SharingPolicyHook extends GatewayHooks {
  /** The engine in use (for its cache statistics). */
  readonly engine: PolicyEngine;
}

export const DRY_RUN_WARNING = [
  '[sharing-policy] WARNING: SHARING_POLICY_MODE=dry-run. The sharing policy withholds and masks NOTHING:',
  '[sharing-policy]   conditional, not-shared and personal data are served to every caller as if granted.',
  '[sharing-policy]   Would-be denials are only reported (response extensions.sharingPolicy and this log).',
  '[sharing-policy]   Use it only to roll the policy out, never on a production platform.',
].join('\n');

/** mode `reject`: the whole operation is refused, HTTP 403, with every withheld coordinate and where it was asked. */
export function rejectionError(rejection: Rejection): GraphQLError {
  return new GraphQLError(rejection.message, {
    extensions: {
      code: rejection.code,
      coordinates: rejection.coordinates,
      denied: rejection.errors.map((e) => ({
        path: e.path,
        coordinate: e.extensions.coordinate,
        reason: e.extensions.reason,
      })),
      http: { status: rejection.status },
    },
  });
}

function unauthenticated(): GraphQLError {
  return new GraphQLError(
    'the sharing policy decides per department: the request has no authenticated caller',
    {
      extensions: { code: ErrorCode.UNAUTHENTICATED, http: { status: 401 } },
    },
  );
}

function dryRunLine(plan: PolicyPlan, department: string): string {
  const denied = [...new Set(plan.denied.map((d) => `${d.decidedBy} (${d.reason})`))].join(', ');
  return `[sharing-policy] dry-run: would withhold from ${department}: ${denied}`;
}

export function createSharingPolicyHook(options: SharingPolicyHookOptions): SharingPolicyHook {
  const mode = options.mode ?? 'filter';
  const log = options.log ?? ((line: string) => console.error(line));
  // Withholdable fields are nullable (composition refuses them otherwise), so `in-place` puts
  // the null exactly where the field was withheld and keeps its siblings.
  const build = (supergraphSdl: string) =>
    createPolicyEngine({ supergraphSdl, mode, nulls: 'in-place' });
  let sdl = options.supergraphSdl;
  let engine = build(sdl);

  return {
    name: 'sharing-policy',
    get engine() {
      return engine;
    },
    onSupergraph(supergraphSdl) {
      if (supergraphSdl === sdl) return;
      engine = build(supergraphSdl);
      sdl = supergraphSdl;
    },
    async start() {
      if (mode === 'dry-run') log(DRY_RUN_WARNING);
      else log(`[sharing-policy] enforcing per-field sharing in ${mode} mode`);
      await options.grants.start();
    },
    stop: () => options.grants.close(),

    async onOperation(stage) {
      const caller = stage.context.caller;
      if (!caller) throw unauthenticated();
      const held = options.grants.snapshotFor(caller.department);
      const grants = held instanceof Promise ? await held : held;
      // A request bound to a case (bind-to-case.ts) may be served under item grants too.
      const bound = boundCaseOf(stage.context);
      const plan = engine.plan(
        stage.document,
        stage.operationName,
        bound ? { ...caller, case: bound.binding } : caller,
        grants,
      );
      sharingPlans.set(stage.context, plan);
      if (plan.rejection) throw rejectionError(plan.rejection);
      if (plan.changed) {
        stage.document = plan.document;
        stage.documentKey = plan.documentKey;
      }
      if (plan.mode === 'dry-run' && plan.denied.length > 0)
        log(dryRunLine(plan, caller.department));
    },

    onResult(stage) {
      const plan = sharingPlans.get(stage.context);
      if (plan) stage.result = engine.apply(plan, stage.result, stage.variables);
    },
  };
}
