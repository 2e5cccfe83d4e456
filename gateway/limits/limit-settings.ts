/**
 * How large an operation the gateway accepts before it spends anything on it (validation, the
 * sharing policy, query planning, subgraph fetches). Each bound stops one way of making one
 * request cost the gateway or the subgraphs far more than its size: a body too large to hold,
 * a document too long to parse, nesting that multiplies fetches, aliases that repeat one
 * lookup hundreds of times (guessing masked ID numbers, issue 7 §3.2), fragments that expand
 * to millions of selections, and lists of lists whose product is the real work.
 *
 * The defaults pass every operation in the README, the service network's applicant profile,
 * the benchmark operations and GraphiQL's introspection query, with room; see
 * __tests__/default-limits.test.ts.
 */
export interface OperationLimits {
  /** Lexical tokens in the document (`OPERATION_MAX_TOKENS`): bounds parsing. @default 10000 */
  readonly maxTokens: number;
  /** Nesting of fields, root fields at depth 1, through fragments (`OPERATION_MAX_DEPTH`). @default 20 */
  readonly maxDepth: number;
  /** Aliased fields after fragment expansion (`OPERATION_MAX_ALIASES`). @default 30 */
  readonly maxAliases: number;
  /** Fields of the root selection after fragment expansion (`OPERATION_MAX_ROOT_FIELDS`). @default 20 */
  readonly maxRootFields: number;
  /** Fields after fragment expansion, each spread counted each time (`OPERATION_MAX_SELECTIONS`). @default 1500 */
  readonly maxSelections: number;
  /** Estimated cost, see operation-cost.ts (`OPERATION_MAX_COST`). @default 50000 */
  readonly maxCost: number;
  /** The size assumed for a list without a `first`/`last` argument or default (`OPERATION_COST_LIST_SIZE`). @default 10 */
  readonly defaultListSize: number;
  /** The size assumed for `first: $variable` without a default: the subgraphs' largest page (`OPERATION_COST_MAX_LIST_SIZE`). @default 100 */
  readonly maxListSize: number;
}

export const DEFAULT_OPERATION_LIMITS: OperationLimits = Object.freeze({
  maxTokens: 10_000,
  maxDepth: 20,
  maxAliases: 30,
  maxRootFields: 20,
  maxSelections: 1500,
  maxCost: 50_000,
  defaultListSize: 10,
  maxListSize: 100,
});

/** Request bodies above this are refused with 413 (`GATEWAY_MAX_BODY_BYTES`). @default 262144 (256 KiB) */
export const DEFAULT_MAX_BODY_BYTES = 262_144;
