/**
 * The order in which an operation selects its response keys, level by level, through named and
 * inline fragments: what an export's columns follow. The response itself cannot be trusted for
 * it: a field the sharing policy withheld comes back as a null put in after the served ones.
 *
 * Linear after fragment de-duplication: each fragment is walked once per place in the key tree.
 */
import {
  DocumentNode,
  FragmentDefinitionNode,
  Kind,
  OperationDefinitionNode,
  SelectionSetNode,
} from 'graphql';

/** A response key's children, in the order first selected. */
export interface KeyOrder {
  readonly children: Map<string, KeyOrder>;
}

const keyOrder = (): KeyOrder => ({ children: new Map() });

export function selectionOrder(
  document: DocumentNode,
  operation: OperationDefinitionNode,
): KeyOrder {
  const fragments = new Map<string, FragmentDefinitionNode>();
  for (const d of document.definitions)
    if (d.kind === Kind.FRAGMENT_DEFINITION) fragments.set(d.name.value, d);
  const root = keyOrder();
  const walked = new Map<SelectionSetNode, Set<KeyOrder>>();
  const walk = (set: SelectionSetNode, at: KeyOrder): void => {
    let seen = walked.get(set);
    if (!seen) walked.set(set, (seen = new Set()));
    if (seen.has(at)) return;
    seen.add(at);
    for (const selection of set.selections) {
      if (selection.kind === Kind.FIELD) {
        const key = selection.alias?.value ?? selection.name.value;
        let child = at.children.get(key);
        if (!child) at.children.set(key, (child = keyOrder()));
        if (selection.selectionSet) walk(selection.selectionSet, child);
      } else if (selection.kind === Kind.INLINE_FRAGMENT) walk(selection.selectionSet, at);
      else {
        const fragment = fragments.get(selection.name.value);
        if (fragment) walk(fragment.selectionSet, at);
      }
    }
  };
  walk(operation.selectionSet, root);
  return root;
}
