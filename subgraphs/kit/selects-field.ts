/**
 * What the operation, as this subgraph received it, selects directly under the current field:
 * through named and inline fragments, with @skip/@include evaluated as the executor will. Used
 * by list resolvers to read only the columns the selection needs (selected-columns.ts), and to
 * insist that "who looked at my data" returns its `subject`, which is what makes the gateway's
 * audit record of the lookup name the person (gateway/audit-capture/subject-keys.ts adds the
 * person's key under every Person selection).
 */
import {
  getDirectiveValues,
  GraphQLIncludeDirective,
  GraphQLResolveInfo,
  GraphQLSkipDirective,
  Kind,
  SelectionNode,
  SelectionSetNode,
} from 'graphql';

function included(
  node: SelectionNode | GraphQLResolveInfo['fieldNodes'][number],
  variables: GraphQLResolveInfo['variableValues'],
): boolean {
  if (getDirectiveValues(GraphQLSkipDirective, node, variables)?.if === true) return false;
  return getDirectiveValues(GraphQLIncludeDirective, node, variables)?.if !== false;
}

/** The names of the fields the operation selects directly under the current one. */
export function selectedFieldNames(info: GraphQLResolveInfo): Set<string> {
  const names = new Set<string>();
  const spread = new Set<string>();
  const walk = (set: SelectionSetNode | undefined): void => {
    for (const sel of set?.selections ?? []) {
      if (!included(sel, info.variableValues)) continue;
      if (sel.kind === Kind.FIELD) {
        names.add(sel.name.value);
      } else if (sel.kind === Kind.INLINE_FRAGMENT) {
        walk(sel.selectionSet);
      } else if (!spread.has(sel.name.value)) {
        spread.add(sel.name.value);
        walk(info.fragments[sel.name.value]?.selectionSet);
      }
    }
  };
  for (const node of info.fieldNodes)
    if (included(node, info.variableValues)) walk(node.selectionSet);
  return names;
}

export function selectsField(info: GraphQLResolveInfo, name: string): boolean {
  return selectedFieldNames(info).has(name);
}
