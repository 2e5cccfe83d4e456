/**
 * Whether the operation, as this subgraph received it, selects a field directly under the
 * current one: through named and inline fragments, with @skip/@include evaluated as the
 * executor will. Used to insist that "who looked at my data" returns its `subject`, which is what
 * makes the gateway's audit record of the lookup name the person (gateway/audit-capture/subject-keys.ts
 * adds the person's key under every Person selection).
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

export function selectsField(info: GraphQLResolveInfo, name: string): boolean {
  const spread = new Set<string>();
  const walk = (set: SelectionSetNode | undefined): boolean => {
    for (const sel of set?.selections ?? []) {
      if (!included(sel, info.variableValues)) continue;
      if (sel.kind === Kind.FIELD) {
        if (sel.name.value === name) return true;
      } else if (sel.kind === Kind.INLINE_FRAGMENT) {
        if (walk(sel.selectionSet)) return true;
      } else if (!spread.has(sel.name.value)) {
        spread.add(sel.name.value);
        if (walk(info.fragments[sel.name.value]?.selectionSet)) return true;
      }
    }
    return false;
  };
  return info.fieldNodes.some(
    (node) => included(node, info.variableValues) && walk(node.selectionSet),
  );
}
