/**
 * The `__typename` the policy adds to a rewritten operation under a reserved alias, and removes
 * from the response again. It is needed where a withheld or masked field applies to some runtime
 * types only (a field inside `... on Person` in a list of search hits): the response patch must
 * know which objects are Persons. It also fills a selection set left empty by withheld fields,
 * so the rewritten document stays valid.
 */
import { FieldNode, Kind } from 'graphql';

export const PROBE_KEY = '_sharingPolicyTypename';

export const PROBE_FIELD: FieldNode = Object.freeze({
  kind: Kind.FIELD,
  alias: { kind: Kind.NAME, value: PROBE_KEY },
  name: { kind: Kind.NAME, value: '__typename' },
}) as FieldNode;
