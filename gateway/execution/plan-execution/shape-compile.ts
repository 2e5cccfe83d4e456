/**
 * Compiles an operation's selections, once per query plan, into the plain steps shape-result.ts
 * walks for every response: a response name, the field's type wrapper by wrapper, @skip and
 * @include conditions, type conditions, nested steps.
 */
import { isCompositeType, isListType, isNonNullType, Variable } from '@apollo/federation-internals';
import type {
  CompositeType,
  NamedType,
  Operation,
  Schema,
  SelectionSet,
  Type,
} from '@apollo/federation-internals';

/** @skip(if:) / @include(if:) on a selection: a variable's name or a literal. */
export interface Condition {
  readonly skip: boolean;
  readonly variable: string | null;
  readonly literal: boolean;
}

/** A field's type, wrapper by wrapper; `leaf`: a scalar or enum inside (no selection set). */
export type ValueStep =
  | { readonly kind: 'nonNull'; readonly of: ValueStep; readonly leaf: boolean }
  | {
      readonly kind: 'list';
      readonly of: ValueStep;
      readonly typeText: string;
      readonly leaf: boolean;
    }
  | {
      readonly kind: 'composite';
      readonly type: CompositeType;
      readonly fields: Step[];
      readonly leaf: false;
    }
  | {
      readonly kind: 'leaf';
      readonly type: NamedType;
      readonly typeText: string;
      readonly leaf: true;
    };

export interface FieldStep {
  readonly kind: 'field';
  readonly responseName: string;
  readonly conditions: readonly Condition[];
  /** `__typename` (under any alias). */
  readonly typename: boolean;
  readonly value: ValueStep | null;
}

export interface FragmentStep {
  readonly kind: 'fragment';
  readonly conditions: readonly Condition[];
  readonly typeCondition: CompositeType | null;
  /** Whether the condition applies to a runtime (or parent) type, by name, learnt as met. */
  readonly applies: Map<string, boolean>;
  readonly steps: Step[];
}

export type Step = FieldStep | FragmentStep;

export interface CompiledShape {
  readonly schema: Schema;
  readonly root: CompositeType;
  readonly steps: Step[];
  /** The operation's variables with their defaults, before the request's values. */
  readonly defaults: Readonly<Record<string, unknown>>;
}

/** Thrown at compile time for what the shaper does not do (introspection fields): the caller falls back to Apollo. */
export class UnsupportedShape extends Error {}

/** The part of an applied directive read here. */
interface AppliedDirective {
  readonly name: string;
  arguments(): Record<string, unknown>;
}

function conditionsOf(directives: readonly AppliedDirective[], schema: Schema): Condition[] {
  const out: Condition[] = [];
  for (const d of directives) {
    const skip = d.name === schema.skipDirective().name;
    if (!skip && d.name !== schema.includeDirective().name) continue;
    const arg = d.arguments().if;
    out.push(
      arg instanceof Variable
        ? { skip, variable: arg.name, literal: false }
        : { skip, variable: null, literal: Boolean(arg) },
    );
  }
  return out;
}

function valueStep(type: Type, selectionSet: SelectionSet | undefined, schema: Schema): ValueStep {
  if (isNonNullType(type)) {
    const of = valueStep(type.ofType, selectionSet, schema);
    return { kind: 'nonNull', of, leaf: of.leaf };
  }
  if (isListType(type)) {
    const of = valueStep(type.ofType, selectionSet, schema);
    return { kind: 'list', of, typeText: String(type), leaf: of.leaf };
  }
  if (isCompositeType(type)) {
    if (!selectionSet) throw new UnsupportedShape(`no selection set for composite type ${type}`);
    return {
      kind: 'composite',
      type,
      fields: compileSelections(selectionSet, schema),
      leaf: false,
    };
  }
  return { kind: 'leaf', type: type as NamedType, typeText: String(type), leaf: true };
}

function compileSelections(selectionSet: SelectionSet, schema: Schema): Step[] {
  const steps: Step[] = [];
  for (const selection of selectionSet.selections()) {
    const conditions = conditionsOf(selection.element.appliedDirectives, schema);
    if (selection.kind === 'FieldSelection') {
      const field = selection.element;
      if (field.definition.isSchemaIntrospectionField())
        throw new UnsupportedShape('introspection fields are answered by the gateway itself');
      const typename = field.name === '__typename';
      steps.push({
        kind: 'field',
        responseName: field.responseName(),
        conditions,
        typename,
        value: typename ? null : valueStep(field.definition.type!, selection.selectionSet, schema),
      });
    } else {
      steps.push({
        kind: 'fragment',
        conditions,
        typeCondition: selection.element.typeCondition ?? null,
        applies: new Map(),
        steps: compileSelections(selection.selectionSet, schema),
      });
    }
  }
  return steps;
}

/** Compiles an operation (of the API schema) once; shapeResponse applies it to each response. */
export function compileShape(operation: Operation): CompiledShape {
  const schema = operation.schema();
  const root = schema.schemaDefinition.rootType(operation.rootKind);
  if (!root) throw new UnsupportedShape(`the schema has no ${operation.rootKind} type`);
  return {
    schema,
    root,
    steps: compileSelections(operation.selectionSet, schema),
    defaults: operation.collectDefaultedVariableValues(),
  };
}
