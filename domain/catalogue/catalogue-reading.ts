/**
 * Reads the catalogue file's parsed JSON into its declaration (catalogue-declaration.ts),
 * checking the shape and each value on its own: types, known keys, vocabularies, dates. Rules
 * across entries and against the schema are in catalogue-rules.ts and catalogue-coverage.ts.
 */
import type {
  CatalogueDeclaration,
  ClassificationDeclaration,
  FieldOverride,
  InvalidDeclaration,
  ResourceDeclaration,
  TypeDeclaration,
} from './catalogue-declaration';
import { OPERATION_TYPES, RESOURCE_ATTRIBUTES } from './catalogue-declaration';
import type { CatalogueProblem } from './catalogue-problem';
import { pointerSegment } from './catalogue-problem';
import {
  FORMAT_CATEGORIES,
  OPEN_ATTRIBUTES,
  SHARING_METHODS,
  UPDATE_CYCLES,
} from './catalogue-vocabulary';
import { Json, JsonReader as Reader } from './json-reader';
import type { ClassLevel } from './resource-classes';

const OPTIONAL_RESOURCE_KEYS = ['openCondition', 'fields'];
const FIELD_KEYS = ['openAttribute', 'openCondition', 'sharingMethod', 'partOf'];

function readLevel(r: Reader, value: unknown, at: string, what: string): ClassLevel | null {
  const obj = r.object(value, at, what);
  if (!obj) return null;
  r.onlyKeys(obj, ['code', 'name'], at, what);
  const code = r.text(obj.code, `${at}/code`, `${what} code`);
  const name = r.text(obj.name, `${at}/name`, `${what} name`);
  return code !== null && name !== null ? { code, name } : null;
}

function readFields(
  r: Reader,
  value: unknown,
  at: string,
  type: string,
): Record<string, FieldOverride> {
  if (value === undefined) return {};
  const obj = r.object(value, at, `${type}.fields`);
  if (!obj) return {};
  const fields: Record<string, FieldOverride> = {};
  for (const [name, raw] of Object.entries(obj)) {
    const here = `${at}/${pointerSegment(name)}`;
    const what = `${type}.${name}`;
    const o = r.object(raw, here, what);
    if (!o) continue;
    r.onlyKeys(o, FIELD_KEYS, here, what);
    const override: {
      -readonly [K in keyof FieldOverride]: FieldOverride[K];
    } = {};
    if (o.openAttribute !== undefined)
      override.openAttribute =
        r.oneOf(
          OPEN_ATTRIBUTES,
          o.openAttribute,
          `${here}/openAttribute`,
          `${what} openAttribute`,
        ) ?? undefined;
    if (o.openCondition !== undefined)
      override.openCondition =
        r.text(o.openCondition, `${here}/openCondition`, `${what} openCondition`) ?? undefined;
    if (o.sharingMethod !== undefined)
      override.sharingMethod =
        r.oneOf(
          SHARING_METHODS,
          o.sharingMethod,
          `${here}/sharingMethod`,
          `${what} sharingMethod`,
        ) ?? undefined;
    if (o.partOf !== undefined)
      override.partOf = r.text(o.partOf, `${here}/partOf`, `${what} partOf`) ?? undefined;
    fields[name] = override;
  }
  return fields;
}

function readClassification(
  r: Reader,
  value: unknown,
  at: string,
  type: string,
): ClassificationDeclaration | null {
  const obj = r.object(value, at, `${type} classification`);
  if (!obj) return null;
  r.onlyKeys(obj, ['class', 'section', 'division', 'subdivision'], at, `${type} classification`);
  const cls = r.text(obj.class, `${at}/class`, `${type} classification.class (类)`);
  const section = r.text(obj.section, `${at}/section`, `${type} classification.section (项)`);
  const division = readLevel(
    r,
    obj.division,
    `${at}/division`,
    `${type} classification.division (目)`,
  );
  const subdivision = readLevel(
    r,
    obj.subdivision,
    `${at}/subdivision`,
    `${type} classification.subdivision (细目)`,
  );
  if (cls === null || section === null || !division || !subdivision) return null;
  return { class: cls, section, division, subdivision };
}

function readResource(r: Reader, obj: Json, at: string, type: string): TypeDeclaration {
  const invalid: InvalidDeclaration = {
    kind: 'invalid',
    ...(typeof obj.code === 'string' ? { code: obj.code } : {}),
  };
  r.onlyKeys(obj, [...Object.keys(RESOURCE_ATTRIBUTES), ...OPTIONAL_RESOURCE_KEYS], at, type);
  const before = r.problems.length;
  for (const [key, term] of Object.entries(RESOURCE_ATTRIBUTES))
    if (obj[key] === undefined)
      r.report('CATALOGUE_MISSING_ATTRIBUTE', `${at}/${key}`, `${type} has no "${key}" (${term})`);
  if (r.problems.length > before) return invalid;
  const format = r.object(obj.format, `${at}/format`, `${type} format`);
  if (format) r.onlyKeys(format, ['category', 'type'], `${at}/format`, `${type} format`);
  const related = Array.isArray(obj.related)
    ? obj.related.map((c, i) => r.text(c, `${at}/related/${i}`, `${type} related code`))
    : (r.report(
        'CATALOGUE_INVALID',
        `${at}/related`,
        `${type} related must be an array of resource codes`,
      ),
      [null]);
  const declared = {
    kind: 'resource' as const,
    name: r.text(obj.name, `${at}/name`, `${type} name`),
    code: r.text(obj.code, `${at}/code`, `${type} code`),
    summary: r.text(obj.summary, `${at}/summary`, `${type} summary`),
    classification: readClassification(r, obj.classification, `${at}/classification`, type),
    format: format && {
      category: r.oneOf(
        FORMAT_CATEGORIES,
        format.category,
        `${at}/format/category`,
        `${type} format.category`,
      ),
      type: r.text(format.type, `${at}/format/type`, `${type} format.type`),
    },
    sharingMethod: r.oneOf(
      SHARING_METHODS,
      obj.sharingMethod,
      `${at}/sharingMethod`,
      `${type} sharingMethod`,
    ),
    openAttribute: r.oneOf(
      OPEN_ATTRIBUTES,
      obj.openAttribute,
      `${at}/openAttribute`,
      `${type} openAttribute`,
    ),
    openCondition:
      obj.openCondition === undefined || obj.openCondition === null
        ? null
        : r.text(obj.openCondition, `${at}/openCondition`, `${type} openCondition`),
    updateCycle: r.oneOf(
      UPDATE_CYCLES,
      obj.updateCycle,
      `${at}/updateCycle`,
      `${type} updateCycle`,
    ),
    publishedOn: r.date(obj.publishedOn, `${at}/publishedOn`, `${type} publishedOn`),
    related,
    fields: readFields(r, obj.fields, `${at}/fields`, type),
  };
  if (r.problems.length > before) return invalid;
  return declared as ResourceDeclaration;
}

function readEntry(r: Reader, type: string, value: unknown, at: string): TypeDeclaration {
  const obj = r.object(value, at, type);
  if (!obj) return { kind: 'invalid' };
  if (OPERATION_TYPES.has(type)) {
    r.onlyKeys(obj, ['fields'], at, `${type} (an operation type: only field overrides)`);
    return { kind: 'operation', fields: readFields(r, obj.fields, `${at}/fields`, type) };
  }
  if (obj.partOf !== undefined) {
    r.onlyKeys(obj, ['partOf', 'fields'], at, `${type} (a part of another resource)`);
    const partOf = r.text(obj.partOf, `${at}/partOf`, `${type} partOf`);
    const fields = readFields(r, obj.fields, `${at}/fields`, type);
    return partOf === null ? { kind: 'invalid' } : { kind: 'part', partOf, fields };
  }
  return readResource(r, obj, at, type);
}

/** Reads the parsed JSON of the catalogue file. */
export function readCatalogueDeclaration(json: unknown): {
  declaration: CatalogueDeclaration;
  problems: CatalogueProblem[];
} {
  const r = new Reader();
  const resources = new Map<string, TypeDeclaration>();
  const root = r.object(json, '', 'the catalogue file');
  if (root) {
    r.onlyKeys(root, ['$comment', 'resources'], '', 'the catalogue file');
    const entries = r.object(root.resources, '/resources', 'resources');
    for (const [type, value] of Object.entries(entries ?? {}))
      resources.set(type, readEntry(r, type, value, `/resources/${pointerSegment(type)}`));
  }
  return { declaration: { resources }, problems: r.problems };
}
