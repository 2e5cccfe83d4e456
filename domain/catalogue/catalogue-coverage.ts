/**
 * Resolves the catalogue file against a schema's classified fields: every data item gets its
 * resource and its per-item attributes (sharing method, open attribute and condition), and
 * every rule that needs the schema is checked:
 *  - each classified type is described (operation types excepted: their fields belong to the
 *    resource they return), and in a complete check nothing else is described;
 *  - personal data (a field with a mask) and fields not shared (NONE) are never open, and a
 *    conditionally shared field is never unconditionally open: the open-data site must not
 *    publish what departments themselves receive only on approval.
 */
import {
  CatalogueDeclaration,
  FieldOverride,
  OPERATION_TYPES,
  TypeDeclaration,
} from './catalogue-declaration';
import { CatalogueProblem, pointerOf } from './catalogue-problem';
import { CatalogueResource, catalogueResources } from './catalogue-rules';
import type { OpenAttribute, SharingMethod } from './catalogue-vocabulary';
import type { FieldClassification } from './classification';

export interface ItemAttributes {
  readonly resource: CatalogueResource;
  readonly sharingMethod: SharingMethod;
  readonly openAttribute: OpenAttribute;
  readonly openCondition: string | null;
}

export interface CatalogueResolution {
  /** Every resource of the file, in code order. */
  readonly resources: readonly CatalogueResource[];
  /** By coordinate; a field whose resource is broken or missing has no entry (see problems). */
  readonly items: ReadonlyMap<string, ItemAttributes>;
  readonly problems: readonly CatalogueProblem[];
}

export interface ResolveOptions {
  /**
   * True (compose): the schema is the whole graph, so a type or field the file describes and
   * the schema lacks is a problem. False (a service reading a supergraph of some subgraphs only).
   * @default true
   */
  readonly complete?: boolean;
}

const namedType = (returnType: string) => returnType.replace(/[[\]!]/g, '');

function openProblem(
  f: FieldClassification,
  open: OpenAttribute,
  pointer: string,
): CatalogueProblem | null {
  if (open === 'NOT_OPEN') return null;
  const fix = `declare "openAttribute": "NOT_OPEN" for it at ${pointer}`;
  if (f.mask)
    return {
      code: 'CATALOGUE_OPEN_PERSONAL_DATA',
      pointer,
      message: `${f.coordinate} is personal data (mask ${f.mask}) but ${open}: personal data is never opened; ${fix}`,
    };
  if (f.level === 'NONE')
    return {
      code: 'CATALOGUE_OPEN_NOT_SHARED',
      pointer,
      message: `${f.coordinate} is not shared (NONE) but ${open}: what no department receives is not opened to society; ${fix}`,
    };
  if (f.level === 'CONDITIONAL' && open === 'UNCONDITIONAL_OPEN')
    return {
      code: 'CATALOGUE_OPEN_WIDER_THAN_SHARING',
      pointer,
      message: `${f.coordinate} is shared only on condition (CONDITIONAL) but UNCONDITIONAL_OPEN: declare CONDITIONAL_OPEN (with an openCondition) or NOT_OPEN at ${pointer}`,
    };
  return null;
}

export function resolveCatalogue(
  declaration: CatalogueDeclaration,
  fields: readonly FieldClassification[],
  options: ResolveOptions = {},
): CatalogueResolution {
  const complete = options.complete ?? true;
  const { resources, problems } = catalogueResources(declaration);
  const report = (p: CatalogueProblem) => problems.push(p);
  const entry = (type: string): TypeDeclaration | undefined => declaration.resources.get(type);
  /** The resource a type's items belong to: its own, or the one it is part of. */
  const resourceOfType = (type: string): CatalogueResource | undefined => {
    const d = entry(type);
    return d?.kind === 'resource'
      ? resources.get(type)
      : d?.kind === 'part'
        ? resources.get(d.partOf)
        : undefined;
  };

  const schemaFields = new Map<string, Set<string>>();
  for (const f of fields)
    schemaFields.set(f.typeName, (schemaFields.get(f.typeName) ?? new Set()).add(f.fieldName));
  const reportedMissing = new Set<string>();
  const items = new Map<string, ItemAttributes>();

  for (const f of fields) {
    const d = entry(f.typeName);
    const operation = OPERATION_TYPES.has(f.typeName);
    if (!d && !operation) {
      if (!reportedMissing.has(f.typeName))
        report({
          code: 'CATALOGUE_MISSING_RESOURCE',
          pointer: pointerOf('resources', f.typeName),
          message: `${f.typeName} (${f.subgraphs.join(', ') || 'no subgraph'}) is not in the resource catalogue: declare it as a resource (name, code, classification, ...) or as {"partOf": "<Type>"}`,
        });
      reportedMissing.add(f.typeName);
      continue;
    }
    if (d?.kind === 'invalid') continue;
    const override: FieldOverride = d?.fields[f.fieldName] ?? {};
    const fieldAt = (key: string) => pointerOf('resources', f.typeName, 'fields', f.fieldName, key);
    if (override.partOf !== undefined && !operation) {
      report({
        code: 'CATALOGUE_BAD_PART_OF',
        pointer: fieldAt('partOf'),
        message: `${f.coordinate}: only fields of Query and Mutation name their resource; a field of ${f.typeName} belongs to ${f.typeName}'s`,
      });
      continue;
    }
    const viaType = operation ? (override.partOf ?? namedType(f.returnType)) : f.typeName;
    const resource = resourceOfType(viaType);
    if (!resource) {
      // A broken resource or part was reported where it is declared, a missing type as missing.
      const target = entry(viaType);
      const reported = target ? target.kind !== 'operation' : schemaFields.has(viaType);
      if (operation && !reported)
        report({
          code: 'CATALOGUE_OPERATION_RESOURCE',
          pointer: pointerOf('resources', f.typeName, 'fields', f.fieldName, 'partOf'),
          message:
            override.partOf !== undefined
              ? `${f.coordinate} is partOf "${override.partOf}", which is no resource or part in the catalogue`
              : `${f.coordinate} returns ${f.returnType}, which is no resource or part in the catalogue: declare {"partOf": "<Type>"} for it`,
        });
      continue;
    }
    const openAttribute = override.openAttribute ?? resource.openAttribute;
    const openCondition =
      override.openCondition ??
      (openAttribute === 'CONDITIONAL_OPEN' && resource.openAttribute === 'CONDITIONAL_OPEN'
        ? resource.openCondition
        : null);
    if ((openAttribute === 'CONDITIONAL_OPEN') !== (openCondition !== null))
      report({
        code: 'CATALOGUE_OPEN_CONDITION',
        pointer: fieldAt('openCondition'),
        message:
          openAttribute === 'CONDITIONAL_OPEN'
            ? `${f.coordinate} is CONDITIONAL_OPEN but has no openCondition (开放条件)`
            : `${f.coordinate} has an openCondition but is ${openAttribute}: only CONDITIONAL_OPEN takes one`,
      });
    const open = openProblem(f, openAttribute, fieldAt('openAttribute'));
    if (open) report(open);
    items.set(f.coordinate, {
      resource,
      sharingMethod: override.sharingMethod ?? resource.sharingMethod,
      openAttribute,
      openCondition,
    });
  }

  if (complete)
    for (const [type, d] of declaration.resources) {
      const known = schemaFields.get(type);
      if (!known) {
        report({
          code: 'CATALOGUE_UNKNOWN_TYPE',
          pointer: pointerOf('resources', type),
          message: `${type} is in the resource catalogue but not a classified type of the supergraph: remove it or correct its name`,
        });
        continue;
      }
      if (d.kind === 'invalid') continue;
      for (const field of Object.keys(d.fields))
        if (!known.has(field))
          report({
            code: 'CATALOGUE_UNKNOWN_FIELD',
            pointer: pointerOf('resources', type, 'fields', field),
            message: `${type}.${field} is in the resource catalogue but ${type} has no such field: remove it or correct its name`,
          });
    }

  return {
    resources: [...resources.values()].sort((a, b) =>
      a.code < b.code ? -1 : a.code > b.code ? 1 : 0,
    ),
    items,
    problems,
  };
}
