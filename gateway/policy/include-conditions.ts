/**
 * `@include` and `@skip` on the way to a field (GraphQL spec §3.13): read from the document when
 * the policy walks it, evaluated per request against its variables. The walk collects a field
 * whatever its conditions (a request counts as asking for it); whether it is in this response
 * is decided here.
 */
import { DirectiveNode, Kind, OperationDefinitionNode } from 'graphql';

/** An `@include`/`@skip` on the way to a field, evaluated per request against its variables. */
export interface IncludeCondition {
  readonly directive: 'include' | 'skip';
  readonly value: boolean | { readonly variable: string };
}

/** The `@include`/`@skip` conditions among a selection's directives. */
export function conditionsOf(directives: readonly DirectiveNode[] | undefined): IncludeCondition[] {
  const out: IncludeCondition[] = [];
  for (const d of directives ?? []) {
    if (d.name.value !== 'include' && d.name.value !== 'skip') continue;
    const arg = d.arguments?.find((a) => a.name.value === 'if');
    if (!arg) continue;
    const value =
      arg.value.kind === Kind.VARIABLE
        ? { variable: arg.value.name.value }
        : arg.value.kind === Kind.BOOLEAN && arg.value.value;
    out.push({ directive: d.name.value, value });
  }
  return out;
}

/** Boolean defaults of the operation's variables, for conditions whose variable is not sent. */
export function booleanDefaults(operation: OperationDefinitionNode): Record<string, boolean> {
  const defaults: Record<string, boolean> = {};
  for (const v of operation.variableDefinitions ?? []) {
    if (v.defaultValue?.kind === Kind.BOOLEAN)
      defaults[v.variable.name.value] = v.defaultValue.value;
  }
  return defaults;
}

/** Whether a field under these conditions is part of the response for these variables (GraphQL spec §3.13). */
export function isIncluded(
  conditions: readonly IncludeCondition[],
  variables: Readonly<Record<string, unknown>>,
  defaults: Readonly<Record<string, boolean>>,
): boolean {
  for (const c of conditions) {
    const value =
      typeof c.value === 'boolean'
        ? c.value
        : (variables[c.value.variable] ?? defaults[c.value.variable]);
    if (c.directive === 'include' && value !== true) return false;
    if (c.directive === 'skip' && value === true) return false;
  }
  return true;
}
