/**
 * Per-field sharing enforcement (国发〔2016〕51号): which fields of an operation a caller may
 * receive, in clear or masked (脱敏), and which are withheld and why. Pure and server-free: the
 * gateway calls it around execution.
 *
 * ## How the gateway uses it
 *
 * At start-up (and again whenever a new supergraph is loaded):
 *
 *     const policy = createPolicyEngine({ supergraphSdl, mode: config.sharingPolicyMode });
 *
 * Per request, in the operation stage (after validation, before query planning):
 *
 *     const grants: GrantSnapshot = await loadGrants(caller.department)   // { status: 'LOADED', department, version, grants }
 *       .catch(() => ({ status: 'UNAVAILABLE' }));                        // fail closed: conditional fields withheld
 *     const plan = policy.plan(stage.document, stage.operationName, caller, grants);
 *     if (plan.rejection) throw new HttpError(403, plan.rejection.message, plan.rejection.code);  // mode 'reject' only;
 *                                                   // plan.rejection.errors has one FORBIDDEN_FIELD error per withheld field
 *     if (plan.changed) { stage.document = plan.document; stage.documentKey = plan.documentKey; }
 *     // keep `plan` with the request (gateway/stages/enforce-sharing-policy.ts): for apply() and the audit record
 *
 * After execution, before the response is serialised (errors need the executed data for their
 * list positions, so they are added here rather than in the operation stage):
 *
 *     result = policy.apply(plan, result, request.variables);   // nulls, FORBIDDEN_FIELD errors with paths, masks
 *
 * Mode `dry-run` withholds and masks nothing and reports in `extensions.sharingPolicy`; it serves
 * conditional and personal data as if granted, so enable it only through a loud, named setting
 * and log a warning at start-up.
 *
 * For the audit record: `plan.coordinates` (requested / served / masked / denied), `plan.denied`
 * (with reasons), `plan.masked`, `plan.grantIds` (the approvals relied on) and `plan.mode`.
 *
 * ## Decisions
 * `decideField` (field-decision.ts) holds the rules; `collectFieldUsages` (field-usage.ts) finds
 * every field an operation reaches; `rewriteOperation` (operation-rewrite.ts) removes withheld
 * ones before planning, so subgraphs never receive them; `patchResponse` (response-patch.ts)
 * puts nulls and masks into the result. Masks themselves are in `gateway/masking/`.
 */
export { createPolicyEngine } from './policy-engine';
export type { PolicyEngine, PolicyEngineOptions, PlanOptions } from './policy-engine';
export type {
  PolicyPlan,
  PolicyMode,
  PlanCoordinates,
  MaskedField,
  Rejection,
} from './policy-plan';
export type { Denial } from './denial-error';
export { decideField, strictest } from './field-decision';
export type {
  FieldDecision,
  DenialReason,
  PolicyCaller,
  ServingBasis,
  CombinedDecision,
} from './field-decision';
export type { Grant, GrantSnapshot } from './grant';
export { buildFieldRules, registeredSubgraphOwners } from '../../contracts/field-rules';
export type { FieldRule } from '../../contracts/field-rules';
export { PROBE_KEY } from './typename-probe';
