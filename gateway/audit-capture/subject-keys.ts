/**
 * The audit must name the data subjects (数据主体) whose data a response returned, people by ID
 * number and legal entities by credit code, even when the operation did not select the key
 * field, or selected it and the sharing policy masked it. So before planning, every selection
 * set whose type is, or may at runtime be, a Person or a LegalEntity gets the key field under a
 * reserved alias (`_auditIdNumber: idNumber`; on an interface or union, inside `... on Person`),
 * and after execution strip-subject-keys.ts takes the values out of the response again. The
 * policy plans and masks by the caller's own response keys, so these aliases reach the audit in
 * clear and never the caller. Neither field is withholdable (both are UNCONDITIONAL and entity
 * keys, already in every plan that touches the entity), so the rewrite adds no subgraph fetch.
 *
 * The rewrite is a pure function of (schema, document), cached per document object: the parsed
 * documents of Apollo's document store and the policy's plan cache come back as the same objects.
 */
import { createHash } from 'node:crypto';
import {
  DocumentNode,
  FieldNode,
  FragmentDefinitionNode,
  getNamedType,
  GraphQLCompositeType,
  GraphQLSchema,
  GraphQLUnionType,
  InlineFragmentNode,
  isAbstractType,
  isCompositeType,
  isObjectType,
  isUnionType,
  Kind,
  OperationDefinitionNode,
  print,
  SelectionNode,
  SelectionSetNode,
  visit,
} from 'graphql';
import type { SubjectKind } from '../audit';

export interface SubjectKeyField {
  /** The GraphQL object type of the subject. */
  readonly type: string;
  /** Its key field, fetched unmasked for the audit. */
  readonly field: string;
  readonly kind: SubjectKind;
  /** The reserved response key; another is chosen if the caller's document already uses it. */
  readonly alias: string;
}

export const SUBJECT_KEY_FIELDS: readonly SubjectKeyField[] = Object.freeze([
  { type: 'Person', field: 'idNumber', kind: 'person', alias: '_auditIdNumber' },
  { type: 'LegalEntity', field: 'creditCode', kind: 'legal-entity', alias: '_auditCreditCode' },
]);

export interface SubjectKeyRewrite {
  /** The operation with the key fields added: what is planned and executed. */
  readonly document: DocumentNode;
  /** SHA-256 of the printed document: its query-plan cache key. */
  readonly documentKey: string;
  /** Response key → subject kind, for strip-subject-keys.ts. */
  readonly keys: ReadonlyMap<string, SubjectKind>;
  /**
   * Where in a response the keys can be: the walk that takes them out goes nowhere else. Null
   * when the document is too large to map (KEY_PLACES_BUDGET): the walk then reads everything.
   */
  readonly places: KeyPlaces | null;
}

/**
 * The response keys, level by level, that lead to a selection holding a subject key: a tree of
 * the operation's selections (fragments spread in place, arrays transparent) pruned to those
 * branches. Types are ignored, so it may name more places than a response has, never fewer.
 */
export interface KeyPlaces {
  readonly children: ReadonlyMap<string, KeyPlaces>;
}

/**
 * Selections a mapping may visit. Spreading fragments in place can multiply a small document
 * (a fragment spread twice in a fragment spread twice…); past this the walk reads everything,
 * which costs time in proportion to the response, as it did before there was a map.
 */
export const KEY_PLACES_BUDGET = 20_000;

interface PlaceDraft {
  readonly children: Map<string, PlaceDraft>;
  /** Fragments already spread at this place: a second spread adds nothing (issue 7's doubling). */
  readonly spread: Set<string>;
  holdsKey: boolean;
}

const draft = (): PlaceDraft => ({ children: new Map(), spread: new Set(), holdsKey: false });

export function keyPlaces(
  document: DocumentNode,
  aliases: ReadonlySet<string>,
  budget = KEY_PLACES_BUDGET,
): KeyPlaces | null {
  const fragments = new Map<string, FragmentDefinitionNode>();
  for (const def of document.definitions)
    if (def.kind === Kind.FRAGMENT_DEFINITION) fragments.set(def.name.value, def);
  let visited = 0;
  const fill = (set: SelectionSetNode, place: PlaceDraft, spread: readonly string[]): boolean => {
    for (const sel of set.selections) {
      if (++visited > budget) return false;
      if (sel.kind === Kind.FIELD) {
        const key = sel.alias?.value ?? sel.name.value;
        if (aliases.has(key)) place.holdsKey = true;
        if (!sel.selectionSet) continue;
        let child = place.children.get(key);
        if (!child) place.children.set(key, (child = draft()));
        if (!fill(sel.selectionSet, child, spread)) return false;
      } else if (sel.kind === Kind.INLINE_FRAGMENT) {
        if (!fill(sel.selectionSet, place, spread)) return false;
      } else {
        const name = sel.name.value;
        const fragment = fragments.get(name);
        // A cycle is invalid GraphQL and never executes; it must not loop here either.
        if (!fragment || spread.includes(name) || place.spread.has(name)) continue;
        place.spread.add(name);
        if (!fill(fragment.selectionSet, place, [...spread, name])) return false;
      }
    }
    return true;
  };
  const root = draft();
  for (const def of document.definitions)
    if (def.kind === Kind.OPERATION_DEFINITION && !fill(def.selectionSet, root, [])) return null;
  const prune = (place: PlaceDraft): KeyPlaces | null => {
    const children = new Map<string, KeyPlaces>();
    for (const [key, child] of place.children) {
      const kept = prune(child);
      if (kept) children.set(key, kept);
    }
    return children.size > 0 || place.holdsKey ? { children } : null;
  };
  return prune(root) ?? { children: new Map() };
}

function aliasedField(alias: string, field: string): FieldNode {
  return {
    kind: Kind.FIELD,
    alias: { kind: Kind.NAME, value: alias },
    name: { kind: Kind.NAME, value: field },
  };
}

function onType(type: string, field: FieldNode): InlineFragmentNode {
  return {
    kind: Kind.INLINE_FRAGMENT,
    typeCondition: { kind: Kind.NAMED_TYPE, name: { kind: Kind.NAME, value: type } },
    selectionSet: { kind: Kind.SELECTION_SET, selections: [field] },
  };
}

/** Every response key the document uses, so the reserved aliases can avoid them. */
function responseKeys(document: DocumentNode): Set<string> {
  const keys = new Set<string>();
  visit(document, { Field: (node) => void keys.add(node.alias?.value ?? node.name.value) });
  return keys;
}

function freeAlias(wanted: string, taken: Set<string>): string {
  let alias = wanted;
  for (let i = 2; taken.has(alias); i++) alias = `${wanted}${i}`;
  return alias;
}

interface Subject {
  readonly field: FieldNode;
  readonly type: string;
}

function rewrite(
  schema: GraphQLSchema,
  document: DocumentNode,
  fields: readonly SubjectKeyField[],
): SubjectKeyRewrite | null {
  const subjects = new Map<string, Subject>();
  const keys = new Map<string, SubjectKind>();
  const taken = responseKeys(document);
  for (const f of fields) {
    const type = schema.getType(f.type);
    if (!isObjectType(type) || !type.getFields()[f.field]) continue;
    const alias = freeAlias(f.alias, taken);
    taken.add(alias);
    subjects.set(f.type, { field: aliasedField(alias, f.field), type: f.type });
    keys.set(alias, f.kind);
  }
  if (subjects.size === 0) return null;

  /** What a selection set of `type` must also select: the key itself, or one inline fragment per subject type it may be. */
  const additions = (type: GraphQLCompositeType): SelectionNode[] => {
    const own = subjects.get(type.name);
    if (own) return [own.field];
    if (!isAbstractType(type)) return [];
    const out: SelectionNode[] = [];
    for (const possible of schema.getPossibleTypes(type)) {
      const subject = subjects.get(possible.name);
      if (subject) out.push(onType(subject.type, subject.field));
    }
    return out;
  };

  let changed = false;
  const rebuild = (set: SelectionSetNode, type: GraphQLCompositeType): SelectionSetNode => {
    const selections: SelectionNode[] = [];
    let edited = false;
    for (const sel of set.selections) {
      let inner: SelectionSetNode | undefined;
      let innerType: GraphQLCompositeType | undefined;
      if (
        sel.kind === Kind.FIELD &&
        sel.selectionSet &&
        !sel.name.value.startsWith('__') &&
        !isUnionType(type)
      ) {
        const named = getNamedType(
          (type as Exclude<GraphQLCompositeType, GraphQLUnionType>).getFields()[sel.name.value]
            ?.type,
        );
        if (isCompositeType(named)) innerType = named;
        inner = sel.selectionSet;
      } else if (sel.kind === Kind.INLINE_FRAGMENT) {
        const conditioned = sel.typeCondition ? schema.getType(sel.typeCondition.name.value) : type;
        if (isCompositeType(conditioned)) innerType = conditioned;
        inner = sel.selectionSet;
      }
      if (inner && innerType) {
        const rebuilt = rebuild(inner, innerType);
        if (rebuilt !== inner) {
          edited = true;
          selections.push({ ...sel, selectionSet: rebuilt } as SelectionNode);
          continue;
        }
      }
      selections.push(sel);
    }
    const added = additions(type);
    if (added.length === 0 && !edited) return set;
    changed = true;
    return { ...set, selections: [...selections, ...added] };
  };

  const definitions = document.definitions.map((def) => {
    if (def.kind === Kind.OPERATION_DEFINITION) {
      const root = schema.getRootType(def.operation);
      if (!root) return def;
      const selectionSet = rebuild(def.selectionSet, root);
      return selectionSet === def.selectionSet
        ? def
        : ({ ...def, selectionSet } as OperationDefinitionNode);
    }
    if (def.kind === Kind.FRAGMENT_DEFINITION) {
      const type = schema.getType(def.typeCondition.name.value);
      if (!isCompositeType(type)) return def;
      const selectionSet = rebuild(def.selectionSet, type);
      return selectionSet === def.selectionSet
        ? def
        : ({ ...def, selectionSet } as FragmentDefinitionNode);
    }
    return def;
  });
  if (!changed) return null;
  const edited: DocumentNode = { ...document, definitions };
  return {
    document: edited,
    documentKey: createHash('sha256').update(print(edited)).digest('hex'),
    keys,
    places: keyPlaces(edited, new Set(keys.keys())),
  };
}

/** Rewrites once per (schema, document); null when no selection can hold a subject. */
export function subjectKeyRewriter(fields: readonly SubjectKeyField[] = SUBJECT_KEY_FIELDS) {
  const bySchema = new WeakMap<GraphQLSchema, WeakMap<DocumentNode, SubjectKeyRewrite | null>>();
  return (schema: GraphQLSchema, document: DocumentNode): SubjectKeyRewrite | null => {
    let cache = bySchema.get(schema);
    if (!cache) bySchema.set(schema, (cache = new WeakMap()));
    let result = cache.get(document);
    if (result === undefined) cache.set(document, (result = rewrite(schema, document, fields)));
    return result;
  };
}
