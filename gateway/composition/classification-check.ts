/**
 * Refuses to compose a subgraph whose fields the sharing policy could not enforce:
 *  - UNCLASSIFIED_FIELD: a field with no `@sharing` of its own or on its type. Deny-by-default
 *    at run time would hide it silently; making it a build error makes the owner decide
 *    (国发〔2016〕51号: every resource is classified unconditional, conditional or not shared).
 *  - NON_NULL_WITHHOLDABLE_FIELD: a CONDITIONAL or NONE field whose type is non-null. The gateway
 *    withholds a field by answering `null` in its place; on a non-null field that null would
 *    propagate and erase its parent, data the caller may see included.
 */
import { DocumentNode, FieldDefinitionNode, Kind, parse, Source } from 'graphql';
import { classifySchema } from '../../domain/catalogue/classification';

export interface ClassificationProblem {
  readonly code: 'UNCLASSIFIED_FIELD' | 'NON_NULL_WITHHOLDABLE_FIELD';
  readonly message: string;
  /** `Type.field` */
  readonly coordinate: string;
  /** 1-based line and column of the field in the SDL checked; null when it cannot be found. */
  readonly line: number | null;
  readonly column: number | null;
}

function fieldPositions(doc: DocumentNode): Map<string, { line: number; column: number }> {
  const positions = new Map<string, { line: number; column: number }>();
  for (const def of doc.definitions) {
    if (!('fields' in def) || !def.fields || !('name' in def) || !def.name) continue;
    if (def.kind === Kind.INPUT_OBJECT_TYPE_DEFINITION || def.kind === Kind.INPUT_OBJECT_TYPE_EXTENSION) continue;
    for (const field of def.fields as readonly FieldDefinitionNode[]) {
      const coordinate = `${def.name.value}.${field.name.value}`;
      const loc = field.loc;
      if (loc && !positions.has(coordinate)) positions.set(coordinate, { line: loc.startToken.line, column: loc.startToken.column });
    }
  }
  return positions;
}

/**
 * @param subgraph the subgraph's name, for messages
 * @param sdl the subgraph's SDL as served (its file plus the sharing directives)
 */
export function classificationProblems(subgraph: string, sdl: string): ClassificationProblem[] {
  const doc = parse(new Source(sdl, subgraph));
  const { fields, unclassified } = classifySchema(doc);
  const at = fieldPositions(doc);
  const problem = (code: ClassificationProblem['code'], coordinate: string, message: string): ClassificationProblem => ({
    code,
    coordinate,
    message,
    line: at.get(coordinate)?.line ?? null,
    column: at.get(coordinate)?.column ?? null,
  });
  const problems = unclassified.map((c) =>
    problem('UNCLASSIFIED_FIELD', c, `${c} in subgraph ${subgraph} has no @sharing classification (on the field or its type); classify it UNCONDITIONAL, CONDITIONAL or NONE`),
  );
  for (const f of fields) {
    if (f.level === 'UNCONDITIONAL' || !f.returnType.endsWith('!')) continue;
    problems.push(
      problem(
        'NON_NULL_WITHHOLDABLE_FIELD',
        f.coordinate,
        `${f.coordinate} in subgraph ${subgraph} is ${f.level} but non-null (${f.returnType}): the gateway withholds it with a null, so make it nullable`,
      ),
    );
  }
  return problems;
}
