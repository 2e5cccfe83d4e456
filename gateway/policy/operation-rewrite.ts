/**
 * The operation without its withheld fields, so that no subgraph ever receives them: removal
 * happens before query planning (the envelop operation-field-permissions idea, applied as an
 * edit rather than a refusal). Decisions are per field node, so a withheld field is removed from
 * a named fragment for every place it is spread.
 *
 * The result stays valid against the API schema: a selection set left empty gets the policy's
 * `__typename` probe; fragments no longer spread and variables no longer used are dropped
 * (NoUnusedFragments, NoUnusedVariables); only the executed operation is kept.
 */
import {
  ConstDirectiveNode,
  DefinitionNode,
  DirectiveNode,
  DocumentNode,
  FieldNode,
  FragmentDefinitionNode,
  Kind,
  OperationDefinitionNode,
  SelectionNode,
  SelectionSetNode,
  ValueNode,
} from 'graphql';
import { PROBE_FIELD } from './typename-probe';

export interface RewriteInput {
  readonly document: DocumentNode;
  readonly operation: OperationDefinitionNode;
  readonly fragments: ReadonlyMap<string, FragmentDefinitionNode>;
  /** Field nodes to remove. */
  readonly withheld: ReadonlySet<FieldNode>;
  /** Selection sets that must carry the `__typename` probe. */
  readonly probed: ReadonlySet<SelectionSetNode>;
}

export function rewriteOperation({
  document,
  operation,
  fragments,
  withheld,
  probed,
}: RewriteInput): DocumentNode {
  if (withheld.size === 0 && probed.size === 0) return document;

  const rebuild = (set: SelectionSetNode): SelectionSetNode => {
    let changed = false;
    const selections: SelectionNode[] = [];
    for (const sel of set.selections) {
      if (sel.kind === Kind.FIELD && withheld.has(sel)) {
        changed = true;
        continue;
      }
      if (sel.kind === Kind.FRAGMENT_SPREAD || !sel.selectionSet) {
        selections.push(sel);
        continue;
      }
      const inner = rebuild(sel.selectionSet);
      if (inner !== sel.selectionSet) changed = true;
      selections.push(inner === sel.selectionSet ? sel : { ...sel, selectionSet: inner });
    }
    if (probed.has(set) || selections.length === 0) {
      selections.push(PROBE_FIELD);
      changed = true;
    }
    return changed ? { ...set, selections } : set;
  };

  const op: OperationDefinitionNode = {
    ...operation,
    selectionSet: rebuild(operation.selectionSet),
  };
  const used: References = { fragments: [], variables: new Set() };
  referencesIn(op.selectionSet, op.directives, used);
  // Only fragments still spread from the kept operation: a withheld field may have held the last spread.
  const rebuilt = new Map<string, FragmentDefinitionNode>();
  while (used.fragments.length > 0) {
    const name = used.fragments.pop()!;
    const original = fragments.get(name);
    if (!original || rebuilt.has(name)) continue;
    const fragment = { ...original, selectionSet: rebuild(original.selectionSet) };
    rebuilt.set(name, fragment);
    referencesIn(fragment.selectionSet, fragment.directives, used);
  }

  const operationOut: OperationDefinitionNode = {
    ...op,
    variableDefinitions: op.variableDefinitions?.filter((v) =>
      used.variables.has(v.variable.name.value),
    ),
  };
  // Keep the original order of definitions so the printed document reads like the request.
  const definitions = document.definitions.flatMap((d): DefinitionNode[] => {
    if (d === operation) return [operationOut];
    if (d.kind === Kind.FRAGMENT_DEFINITION && rebuilt.has(d.name.value))
      return [rebuilt.get(d.name.value)!];
    return [];
  });
  return { ...document, definitions };
}

interface References {
  /** Fragment names still to visit. */
  readonly fragments: string[];
  readonly variables: Set<string>;
}

// A hand-written walk rather than graphql-js `visit`, which dominated the cost of a plan miss.
function variablesIn(value: ValueNode, into: Set<string>): void {
  if (value.kind === Kind.VARIABLE) into.add(value.name.value);
  else if (value.kind === Kind.LIST) value.values.forEach((v) => variablesIn(v, into));
  else if (value.kind === Kind.OBJECT) value.fields.forEach((f) => variablesIn(f.value, into));
}

function directiveVariables(
  directives: readonly (DirectiveNode | ConstDirectiveNode)[] | undefined,
  into: Set<string>,
): void {
  for (const d of directives ?? []) for (const a of d.arguments ?? []) variablesIn(a.value, into);
}

function referencesIn(
  set: SelectionSetNode,
  directives: readonly DirectiveNode[] | undefined,
  into: References,
): void {
  directiveVariables(directives, into.variables);
  for (const sel of set.selections) {
    if (sel.kind === Kind.FRAGMENT_SPREAD) {
      into.fragments.push(sel.name.value);
      directiveVariables(sel.directives, into.variables);
      continue;
    }
    if (sel.kind === Kind.FIELD)
      for (const a of sel.arguments ?? []) variablesIn(a.value, into.variables);
    if (sel.selectionSet) referencesIn(sel.selectionSet, sel.directives, into);
    else directiveVariables(sel.directives, into.variables);
  }
}
