/**
 * Where in the document a response path was asked for: the field nodes whose response keys
 * (alias or name) spell the path from the operation's root, through named fragments and inline
 * fragments, with their line and column, so the editor can mark them. The policy reports a
 * withheld or masked field by its response path; this finds the selections that produced it.
 *
 * Linear after fragment de-duplication: the paths asked for form a trie, and each pair of a
 * selection set and a trie node is walked once, however often a fragment is spread, so a
 * fragment bomb costs no more here than its size (CONVENTIONS: every walk over a document).
 */
import {
  DocumentNode,
  FragmentDefinitionNode,
  Kind,
  OperationDefinitionNode,
  SelectionSetNode,
} from 'graphql';

export interface DocumentLocation {
  readonly line: number;
  readonly column: number;
}

interface TrieNode {
  readonly children: Map<string, TrieNode>;
  /** Field nodes' start offsets found for the path ending here. */
  readonly found: Set<number>;
}

const trieNode = (): TrieNode => ({ children: new Map(), found: new Set() });

/** The path as a key: response keys are GraphQL names, which never contain a dot. */
export const pathKey = (path: readonly (string | number)[]): string => path.join('.');

/**
 * @returns for each path asked (by pathKey), the locations of the field nodes that select it,
 *   in document order; an empty list for a path the document does not spell.
 */
export function locateResponsePaths(
  document: DocumentNode,
  operation: OperationDefinitionNode,
  paths: readonly (readonly string[])[],
): Map<string, DocumentLocation[]> {
  const root = trieNode();
  const ends = new Map<string, TrieNode>();
  for (const path of paths) {
    let node = root;
    for (const key of path) {
      let next = node.children.get(key);
      if (!next) node.children.set(key, (next = trieNode()));
      node = next;
    }
    ends.set(pathKey(path), node);
  }
  const fragments = new Map<string, FragmentDefinitionNode>();
  for (const d of document.definitions)
    if (d.kind === Kind.FRAGMENT_DEFINITION) fragments.set(d.name.value, d);

  const visited = new Map<SelectionSetNode, Set<TrieNode>>();
  const stack: [SelectionSetNode, TrieNode][] = [[operation.selectionSet, root]];
  while (stack.length > 0) {
    const [set, at] = stack.pop()!;
    let seen = visited.get(set);
    if (!seen) visited.set(set, (seen = new Set()));
    if (seen.has(at)) continue;
    seen.add(at);
    for (const selection of set.selections) {
      if (selection.kind === Kind.FIELD) {
        const next = at.children.get(selection.alias?.value ?? selection.name.value);
        if (!next) continue;
        if (selection.loc) next.found.add(selection.loc.start);
        if (selection.selectionSet && next.children.size > 0)
          stack.push([selection.selectionSet, next]);
      } else if (selection.kind === Kind.INLINE_FRAGMENT) {
        stack.push([selection.selectionSet, at]);
      } else {
        const fragment = fragments.get(selection.name.value);
        if (fragment) stack.push([fragment.selectionSet, at]);
      }
    }
  }

  const at = lineLocator(document.loc?.source.body ?? '');
  const located = new Map<string, DocumentLocation[]>();
  for (const [key, end] of ends) located.set(key, [...end.found].sort((a, b) => a - b).map(at));
  return located;
}

/**
 * Offset → line and column (1-based, as GraphQL's own locations), lines ended as the GraphQL
 * spec ends them (CRLF, LF or CR). Line starts are found once and searched by halves: graphql's
 * getLocation rescans the text from its start for every offset.
 */
function lineLocator(body: string): (offset: number) => DocumentLocation {
  const starts = [0];
  const breaks = /\r\n|[\n\r]/g;
  for (let m = breaks.exec(body); m; m = breaks.exec(body)) starts.push(m.index + m[0].length);
  return (offset) => {
    let lo = 0;
    let hi = starts.length - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if (starts[mid] <= offset) lo = mid;
      else hi = mid - 1;
    }
    return { line: lo + 1, column: offset - starts[lo] + 1 };
  };
}
