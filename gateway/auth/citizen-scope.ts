/**
 * What a citizen's token may ask (citizen-claims.ts): only "who looked at my data"
 * (`Query.whoAccessedMyData`) and the fields beneath it that the audit subgraph serves, plus the
 * names of the departments and approval items it lists. Everything else is refused before
 * planning, FORBIDDEN (403).
 *
 * Why at the gateway and not per field by the sharing policy: UNCONDITIONAL (无条件共享) means
 * "any government department may use it", and a citizen is not a department. Without this
 * scope a citizen's token would read every unconditional field of the graph, such as any
 * resident's masked name by ID number. Checked against the same field walk as the policy
 * (fragments, inline fragments, interfaces, aliases), so no selection can slip past it.
 */
import { DocumentNode, GraphQLError, GraphQLSchema } from 'graphql';
import { classifySchema } from '../../domain/catalogue/classification';
import { ErrorCode } from '../../domain/error-codes';
import { collectFieldUsages } from '../policy/field-usage';

/** The subgraph whose fields a citizen may read beneath the root field (contracts/subgraph-directory.ts). */
export const CITIZEN_SUBGRAPH = 'audit';
/** The root fields a citizen may call. */
export const CITIZEN_ROOT_FIELDS: readonly string[] = Object.freeze([
  'Query.whoAccessedMyData',
  // Served by the sharing subgraph, which answers a citizen's token for its own ID number only.
  'Query.correctionsToMyData',
]);
/**
 * Served elsewhere (the sharing subgraph) but what a citizen needs to read which department
 * looked, and for which approval item (事项) a case-bound access was made.
 */
export const CITIZEN_EXTRA_FIELDS: readonly string[] = Object.freeze([
  'Department.name',
  'Department.nameEn',
  'ApprovalItem.name',
  // The corrections owners made to the citizen's data after error reports (数据纠错).
  'DataCorrectionConnection.nodes',
  'DataCorrectionConnection.edges',
  'DataCorrectionConnection.pageInfo',
  'DataCorrectionConnection.totalCount',
  'DataCorrectionEdge.cursor',
  'DataCorrectionEdge.node',
  'DataCorrection.coordinate',
  'DataCorrection.owner',
  'DataCorrection.reportedAt',
  'DataCorrection.correctedAt',
  'DataCorrection.correction',
]);

const ROOT_TYPES = new Set(['Query', 'Mutation', 'Subscription']);

/** The coordinates a citizen may select in this supergraph. */
export function citizenScope(supergraphSdl: string): ReadonlySet<string> {
  const allowed = new Set<string>([...CITIZEN_ROOT_FIELDS, ...CITIZEN_EXTRA_FIELDS]);
  for (const f of classifySchema(supergraphSdl).fields) {
    if (!ROOT_TYPES.has(f.typeName) && f.subgraphs.includes(CITIZEN_SUBGRAPH))
      allowed.add(f.coordinate);
  }
  return allowed;
}

/**
 * The coordinates the operation selects that a citizen may not, sorted; empty when it stays in
 * scope. `schema` is the API schema the document was validated against.
 */
export function outsideCitizenScope(
  allowed: ReadonlySet<string>,
  schema: GraphQLSchema,
  document: DocumentNode,
  operationName: string | null,
): string[] {
  const { usages } = collectFieldUsages(schema, document, operationName);
  const outside = new Set<string>();
  for (const u of usages) for (const c of u.coordinates) if (!allowed.has(c)) outside.add(c);
  return [...outside].sort();
}

export function citizenScopeError(outside: readonly string[]): GraphQLError {
  return new GraphQLError(
    `a citizen's token may only ask who accessed the citizen's own data (${CITIZEN_ROOT_FIELDS.join(', ')}); not: ${outside.join(', ')}`,
    {
      extensions: {
        code: ErrorCode.FORBIDDEN,
        reason: 'CITIZEN_SCOPE',
        coordinates: [...outside],
        http: { status: 403 },
      },
    },
  );
}
