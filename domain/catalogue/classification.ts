/**
 * Reads the sharing classification (国发〔2016〕51号: unconditional, conditional, not shared)
 * of every field from a schema's `@sharing` directives. Works on a subgraph SDL (to refuse an
 * unclassified field at compose time) and on the supergraph (where the gateway and the resource
 * catalogue read it, together with the subgraph that serves each field).
 */
import {
  ConstDirectiveNode,
  DocumentNode,
  FieldDefinitionNode,
  Kind,
  ObjectTypeDefinitionNode,
  ObjectTypeExtensionNode,
  InterfaceTypeDefinitionNode,
  InterfaceTypeExtensionNode,
  parse,
  TypeNode,
} from 'graphql';

export type SharingLevel = 'UNCONDITIONAL' | 'CONDITIONAL' | 'NONE';
export type MaskKind =
  | 'ID_NUMBER'
  | 'PHONE'
  | 'NAME'
  | 'ADDRESS'
  | 'DATE'
  | 'CERTIFICATE_NUMBER'
  | 'COORDINATES'
  | 'FREE_TEXT';

export interface SharingRule {
  level: SharingLevel;
  condition: string | null;
  mask: MaskKind | null;
}

export interface FieldClassification extends SharingRule {
  /** Schema coordinate, `Type.field`. */
  coordinate: string;
  typeName: string;
  fieldName: string;
  description: string | null;
  typeDescription: string | null;
  /** GraphQL return type as written, e.g. `[Certificate!]!`. */
  returnType: string;
  /** Where the rule came from: the field's own directive or its type's default. */
  source: 'field' | 'type';
  /** Supergraph only: the subgraphs (join__Graph enum values, lower-cased to names) that serve the field. */
  subgraphs: string[];
}

type FieldHolder =
  | ObjectTypeDefinitionNode
  | ObjectTypeExtensionNode
  | InterfaceTypeDefinitionNode
  | InterfaceTypeExtensionNode;

/** Federation's and our own plumbing: not data items, never classified. */
const INTERNAL_TYPE = /^(_Service|_Entity|_Any|join__|link__)/;
const INTERNAL_FIELD = new Set(['_service', '_entities']);

function isFieldHolder(def: DocumentNode['definitions'][number]): def is FieldHolder {
  return (
    def.kind === Kind.OBJECT_TYPE_DEFINITION ||
    def.kind === Kind.OBJECT_TYPE_EXTENSION ||
    def.kind === Kind.INTERFACE_TYPE_DEFINITION ||
    def.kind === Kind.INTERFACE_TYPE_EXTENSION
  );
}

function argValue(directive: ConstDirectiveNode, name: string): string | null {
  const arg = directive.arguments?.find((a) => a.name.value === name);
  if (!arg) return null;
  const v = arg.value;
  if (v.kind === Kind.ENUM || v.kind === Kind.STRING) return v.value;
  return null;
}

export function sharingRuleOf(
  directives: readonly ConstDirectiveNode[] | undefined,
): SharingRule | null {
  const d = directives?.find((x) => x.name.value === 'sharing');
  if (!d) return null;
  return {
    level: argValue(d, 'level') as SharingLevel,
    condition: argValue(d, 'condition'),
    mask: argValue(d, 'mask') as MaskKind | null,
  };
}

function typeText(t: TypeNode): string {
  if (t.kind === Kind.NON_NULL_TYPE) return `${typeText(t.type)}!`;
  if (t.kind === Kind.LIST_TYPE) return `[${typeText(t.type)}]`;
  return t.name.value;
}

function joinGraphs(
  directives: readonly ConstDirectiveNode[] | undefined,
  directive: string,
): string[] {
  return (directives ?? [])
    .filter((d) => d.name.value === directive)
    .map((d) => argValue(d, 'graph'))
    .filter((g): g is string => g !== null);
}

/** Maps join__Graph enum values (LEGAL_ENTITY) to subgraph names (legal-entity) via their @join__graph(name:). */
function graphNames(doc: DocumentNode): Map<string, string> {
  const names = new Map<string, string>();
  for (const def of doc.definitions) {
    if (def.kind !== Kind.ENUM_TYPE_DEFINITION || def.name.value !== 'join__Graph') continue;
    for (const v of def.values ?? []) {
      const d = v.directives?.find((x) => x.name.value === 'join__graph');
      names.set(v.name.value, (d && argValue(d, 'name')) || v.name.value.toLowerCase());
    }
  }
  return names;
}

export interface ClassificationResult {
  fields: FieldClassification[];
  /** Coordinates with neither a field nor a type-level @sharing. */
  unclassified: string[];
}

export function classifySchema(sdl: string | DocumentNode): ClassificationResult {
  const doc = typeof sdl === 'string' ? parse(sdl) : sdl;
  const graphs = graphNames(doc);
  const fields: FieldClassification[] = [];
  const unclassified: string[] = [];
  for (const def of doc.definitions) {
    if (!isFieldHolder(def) || INTERNAL_TYPE.test(def.name.value)) continue;
    const typeName = def.name.value;
    const typeRule = sharingRuleOf(def.directives);
    const typeGraphs = joinGraphs(def.directives, 'join__type');
    const typeDescription = 'description' in def && def.description ? def.description.value : null;
    for (const field of def.fields ?? []) {
      const f = field as FieldDefinitionNode;
      if (INTERNAL_FIELD.has(f.name.value)) continue;
      const coordinate = `${typeName}.${f.name.value}`;
      const own = sharingRuleOf(f.directives);
      const rule = own ?? typeRule;
      if (!rule) {
        unclassified.push(coordinate);
        continue;
      }
      const fieldGraphs = joinGraphs(f.directives, 'join__field');
      const served = (fieldGraphs.length ? fieldGraphs : typeGraphs).map(
        (g) => graphs.get(g) ?? g.toLowerCase(),
      );
      fields.push({
        ...rule,
        coordinate,
        typeName,
        fieldName: f.name.value,
        description: f.description?.value ?? null,
        typeDescription,
        returnType: typeText(f.type),
        source: own ? 'field' : 'type',
        subgraphs: [...new Set(served)],
      });
    }
  }
  return { fields, unclassified };
}
