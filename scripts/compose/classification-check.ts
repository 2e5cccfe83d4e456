/**
 * Refuses to compose a subgraph whose fields the sharing policy could not enforce:
 *  - UNCLASSIFIED_FIELD: a field with no `@sharing` of its own or on its type. Deny-by-default
 *    at run time would hide it silently; making it a build error makes the owner decide
 *    (国发〔2016〕51号: every resource is classified unconditional, conditional or not shared).
 *  - NON_NULL_WITHHOLDABLE_FIELD: a CONDITIONAL or NONE field whose type is non-null. The gateway
 *    withholds a field by answering `null` in its place; on a non-null field that null would
 *    propagate and erase its parent, data the caller may see included.
 *  - RELATION_CLASS_MISMATCH (relationClassProblems, across all subgraphs): a relation and its
 *    inverse with different levels.
 */
import {
  DocumentNode,
  FieldDefinitionNode,
  InterfaceTypeDefinitionNode,
  InterfaceTypeExtensionNode,
  Kind,
  ObjectTypeDefinitionNode,
  ObjectTypeExtensionNode,
  parse,
  Source,
  TypeNode,
} from 'graphql';
import { classifySchema, SharingLevel } from '../../domain/catalogue/classification';

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
    if (
      def.kind === Kind.INPUT_OBJECT_TYPE_DEFINITION ||
      def.kind === Kind.INPUT_OBJECT_TYPE_EXTENSION
    )
      continue;
    for (const field of def.fields as readonly FieldDefinitionNode[]) {
      const coordinate = `${def.name.value}.${field.name.value}`;
      const loc = field.loc;
      if (loc && !positions.has(coordinate))
        positions.set(coordinate, { line: loc.startToken.line, column: loc.startToken.column });
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
  const problem = (
    code: ClassificationProblem['code'],
    coordinate: string,
    message: string,
  ): ClassificationProblem => ({
    code,
    coordinate,
    message,
    line: at.get(coordinate)?.line ?? null,
    column: at.get(coordinate)?.column ?? null,
  });
  const problems = unclassified.map((c) =>
    problem(
      'UNCLASSIFIED_FIELD',
      c,
      `${c} in subgraph ${subgraph} has no @sharing classification (on the field or its type); classify it UNCONDITIONAL, CONDITIONAL or NONE`,
    ),
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

/**
 * RELATION_CLASS_MISMATCH: a relation and its inverse carry different sharing levels. Each
 * direction answers the same question (who represents this enterprise / which enterprises does
 * this person represent), so the laxer one rebuilds the stricter one for anyone who can list its
 * side: with `LegalEntity.legalRepresentative` unconditional, paging all legal entities rebuilt
 * the conditional `Person.enterprises`.
 *
 * Inverses are not declared but found, so a new one cannot be forgotten: two fields form a pair
 * when one links type A to type B and the other links B back to A, across all subgraphs, where
 * "links to" looks through connection types (a type with `nodes` and `edges` links to its node
 * type) and through interfaces (a link to an interface is a link to each implementation). Every
 * such pair must have the same effective level (the field's own @sharing or its type's).
 */
export interface RelationProblem {
  readonly code: 'RELATION_CLASS_MISMATCH';
  readonly message: string;
  /** Both coordinates, in order. */
  readonly coordinates: readonly [string, string];
  /** Where each field is: subgraph and 1-based line and column in its SDL as served. */
  readonly at: readonly { subgraph: string; line: number; column: number }[];
}

interface RelationField {
  readonly coordinate: string;
  readonly from: string;
  readonly to: string;
}

const OPERATION_TYPES = new Set(['Query', 'Mutation', 'Subscription']);
const STRICTNESS: Record<SharingLevel, number> = { UNCONDITIONAL: 0, CONDITIONAL: 1, NONE: 2 };

const namedType = (t: TypeNode): string =>
  t.kind === Kind.NAMED_TYPE ? t.name.value : namedType(t.type);

export function relationClassProblems(
  subgraphs: readonly { name: string; sdl: string }[],
): RelationProblem[] {
  const fieldTypes = new Map<string, Map<string, string>>();
  const interfacesOf = new Map<string, Set<string>>();
  const levels = new Map<string, SharingLevel>();
  const where = new Map<string, { subgraph: string; line: number; column: number }>();
  for (const { name, sdl } of subgraphs) {
    const doc = parse(new Source(sdl, name));
    for (const f of classifySchema(doc).fields) {
      const held = levels.get(f.coordinate);
      // A field declared in several subgraphs counts at its strictest.
      if (!held || STRICTNESS[f.level] > STRICTNESS[held]) levels.set(f.coordinate, f.level);
    }
    for (const def of doc.definitions) {
      if (!isHolder(def)) continue;
      const typeName = def.name.value;
      const fields = fieldTypes.get(typeName) ?? new Map<string, string>();
      fieldTypes.set(typeName, fields);
      for (const i of def.interfaces ?? [])
        interfacesOf.set(typeName, (interfacesOf.get(typeName) ?? new Set()).add(i.name.value));
      for (const field of def.fields ?? []) {
        fields.set(field.name.value, namedType(field.type));
        const coordinate = `${typeName}.${field.name.value}`;
        if (!where.has(coordinate) && field.name.loc)
          where.set(coordinate, {
            subgraph: name,
            line: field.name.loc.startToken.line,
            column: field.name.loc.startToken.column,
          });
      }
    }
  }
  const elementOf = (type: string): string => {
    const fields = fieldTypes.get(type);
    return fields?.has('nodes') && fields.has('edges') ? fields.get('nodes')! : type;
  };
  const related = (a: string, b: string) =>
    a === b || !!interfacesOf.get(a)?.has(b) || !!interfacesOf.get(b)?.has(a);

  const relations: RelationField[] = [];
  for (const [from, fields] of fieldTypes) {
    if (OPERATION_TYPES.has(from)) continue;
    for (const [field, type] of fields) {
      const to = elementOf(type);
      if (to !== from && fieldTypes.has(to))
        relations.push({ coordinate: `${from}.${field}`, from, to });
    }
  }
  // Grouped by the target, so the pairing is linear in the pairs, not quadratic in the fields.
  const byFrom = new Map<string, RelationField[]>();
  for (const r of relations) byFrom.set(r.from, [...(byFrom.get(r.from) ?? []), r]);
  const implementations = new Map<string, string[]>();
  for (const [type, interfaces] of interfacesOf)
    for (const i of interfaces) implementations.set(i, [...(implementations.get(i) ?? []), type]);
  const candidatesFrom = (type: string): RelationField[] =>
    [type, ...(interfacesOf.get(type) ?? []), ...(implementations.get(type) ?? [])].flatMap(
      (t) => byFrom.get(t) ?? [],
    );

  const problems: RelationProblem[] = [];
  const seen = new Set<string>();
  for (const a of relations) {
    for (const b of candidatesFrom(a.to)) {
      if (b.coordinate === a.coordinate || !related(b.from, a.to) || !related(b.to, a.from))
        continue;
      const [first, second] = a.coordinate < b.coordinate ? [a, b] : [b, a];
      const pair = `${first.coordinate}|${second.coordinate}`;
      if (seen.has(pair)) continue;
      seen.add(pair);
      const [l1, l2] = [levels.get(first.coordinate), levels.get(second.coordinate)];
      // Unclassified fields are reported as such (classificationProblems).
      if (!l1 || !l2 || l1 === l2) continue;
      problems.push({
        code: 'RELATION_CLASS_MISMATCH',
        coordinates: [first.coordinate, second.coordinate],
        message:
          `${first.coordinate} (${l1}) and ${second.coordinate} (${l2}) link ${first.from} and ${first.to} both ways but are classified differently: ` +
          `give both the same @sharing level (the stricter one unless the relation really is public), or one rebuilds the other`,
        at: [where.get(first.coordinate), where.get(second.coordinate)].filter(
          (w): w is { subgraph: string; line: number; column: number } => !!w,
        ),
      });
    }
  }
  return problems;
}

function isHolder(
  def: DocumentNode['definitions'][number],
): def is
  | ObjectTypeDefinitionNode
  | ObjectTypeExtensionNode
  | InterfaceTypeDefinitionNode
  | InterfaceTypeExtensionNode {
  return (
    def.kind === Kind.OBJECT_TYPE_DEFINITION ||
    def.kind === Kind.OBJECT_TYPE_EXTENSION ||
    def.kind === Kind.INTERFACE_TYPE_DEFINITION ||
    def.kind === Kind.INTERFACE_TYPE_EXTENSION
  );
}
