/**
 * The rules a catalogue file keeps within itself, whatever the schema:
 *  - the classification names a 类 and 项 of the guide (resource-classes.ts), and 目 and 细目
 *    codes of the right width, each code named the same wherever it appears;
 *  - the resource code (信息资源代码) is well formed, its front code is the classification, and
 *    no two resources share one;
 *  - related codes (关联资源代码) name other resources of the file;
 *  - an open condition (开放条件) is given exactly when the resource is CONDITIONAL_OPEN;
 *  - `partOf` names a type declared as a resource.
 */
import type { CatalogueDeclaration, ResourceDeclaration } from './catalogue-declaration';
import type {
  FormatCategory,
  OpenAttribute,
  SharingMethod,
  UpdateCycle,
} from './catalogue-vocabulary';
import { CatalogueProblem, pointerOf } from './catalogue-problem';
import { ClassLevel, resourceClass, resourceSection } from './resource-classes';
import { codeLevelProblem, frontCode, resourceCodeProblem } from './resource-code';

/** 信息资源分类, every level with its code and name. */
export interface ResourceClassification {
  readonly class: ClassLevel;
  readonly section: ClassLevel;
  readonly division: ClassLevel;
  readonly subdivision: ClassLevel;
}

/** A resource as the catalogue publishes it. */
export interface CatalogueResource {
  /** The GraphQL type it is declared on. */
  readonly type: string;
  readonly name: string;
  readonly code: string;
  readonly summary: string;
  readonly classification: ResourceClassification;
  readonly format: { readonly category: FormatCategory; readonly type: string };
  readonly sharingMethod: SharingMethod;
  readonly openAttribute: OpenAttribute;
  readonly openCondition: string | null;
  readonly updateCycle: UpdateCycle;
  readonly publishedOn: string;
  readonly related: readonly string[];
}

function classificationOf(
  type: string,
  d: ResourceDeclaration,
  report: (p: CatalogueProblem) => void,
): ResourceClassification | null {
  const at = (...s: string[]) => pointerOf('resources', type, 'classification', ...s);
  const { class: classCode, section: sectionCode, division, subdivision } = d.classification;
  const cls = resourceClass(classCode);
  const section = resourceSection(classCode, sectionCode);
  if (!cls)
    report({
      code: 'CATALOGUE_INVALID',
      pointer: at('class'),
      message: `${type}: "${classCode}" is not a 类 of the guide (1 基础信息资源类, 2 主题信息资源类, 3 部门信息资源类)`,
    });
  else if (!section)
    report({
      code: 'CATALOGUE_INVALID',
      pointer: at('section'),
      message: `${type}: "${sectionCode}" is not a 项 of 类 ${cls.code} ${cls.name} (${cls.sections.map((s) => `${s.code} ${s.name}`).join(', ')})`,
    });
  const levelProblems = (
    [
      ['division', division.code],
      ['subdivision', subdivision.code],
    ] as const
  ).flatMap(([level, code]) => {
    const problem = codeLevelProblem(level, code);
    return problem
      ? [
          {
            code: 'CATALOGUE_INVALID' as const,
            pointer: at(level, 'code'),
            message: `${type}: ${problem}`,
          },
        ]
      : [];
  });
  levelProblems.forEach(report);
  if (!cls || !section || levelProblems.length > 0) return null;
  return { class: { code: cls.code, name: cls.name }, section, division, subdivision };
}

/** Checks each 目 and 细目 code keeps one name across the file (their names are declared locally). */
function levelNameProblems(resources: readonly CatalogueResource[]): CatalogueProblem[] {
  const named = new Map<string, { name: string; type: string }>();
  const problems: CatalogueProblem[] = [];
  for (const r of resources) {
    const c = r.classification;
    const levels = [
      ['division', `${c.class.code}${c.section.code}${c.division.code}`, c.division.name],
      [
        'subdivision',
        `${c.class.code}${c.section.code}${c.division.code}${c.subdivision.code}`,
        c.subdivision.name,
      ],
    ] as const;
    for (const [level, key, name] of levels) {
      const held = named.get(key);
      if (!held) named.set(key, { name, type: r.type });
      else if (held.name !== name)
        problems.push({
          code: 'CATALOGUE_CLASS_NAME_CONFLICT',
          pointer: pointerOf('resources', r.type, 'classification', level, 'name'),
          message: `${r.type}: ${level === 'division' ? '目' : '细目'} ${key} is named "${name}" here but "${held.name}" in ${held.type}; one code, one name`,
        });
    }
  }
  return problems;
}

/** The file's resources, checked among themselves; a resource with a problem is left out. */
export function catalogueResources(declaration: CatalogueDeclaration): {
  resources: Map<string, CatalogueResource>;
  problems: CatalogueProblem[];
} {
  const problems: CatalogueProblem[] = [];
  const report = (p: CatalogueProblem) => problems.push(p);
  const resources = new Map<string, CatalogueResource>();
  const byCode = new Map<string, string>();
  for (const [type, d] of declaration.resources) {
    if (d.kind !== 'resource') continue;
    const at = (...s: string[]) => pointerOf('resources', type, ...s);
    const before = problems.length;
    const classification = classificationOf(type, d, report);
    const codeProblem = resourceCodeProblem(d.code);
    if (codeProblem)
      report({
        code: 'CATALOGUE_BAD_CODE',
        pointer: at('code'),
        message: `${type}: ${codeProblem}`,
      });
    else if (classification) {
      const front = frontCode({
        classCode: classification.class.code,
        sectionCode: classification.section.code,
        divisionCode: classification.division.code,
        subdivisionCode: classification.subdivision.code,
      });
      if (!d.code.startsWith(`${front}/`))
        report({
          code: 'CATALOGUE_BAD_CODE',
          pointer: at('code'),
          message: `${type}: code ${d.code} does not begin with its classification's front code (前段码) ${front}/`,
        });
    }
    const other = byCode.get(d.code);
    if (other)
      report({
        code: 'CATALOGUE_DUPLICATE_CODE',
        pointer: at('code'),
        message: `${type}: code ${d.code} is already ${other}'s`,
      });
    else byCode.set(d.code, type);
    if ((d.openAttribute === 'CONDITIONAL_OPEN') !== (d.openCondition !== null))
      report({
        code: 'CATALOGUE_OPEN_CONDITION',
        pointer: at('openCondition'),
        message:
          d.openAttribute === 'CONDITIONAL_OPEN'
            ? `${type} is CONDITIONAL_OPEN (有条件开放) but has no openCondition (开放条件)`
            : `${type} has an openCondition but is ${d.openAttribute}: only CONDITIONAL_OPEN takes one`,
      });
    if (problems.length > before || !classification) continue;
    const { kind: _kind, fields: _fields, classification: _declared, ...attributes } = d;
    resources.set(type, { type, ...attributes, classification });
  }
  problems.push(...levelNameProblems([...resources.values()]));
  for (const [type, d] of declaration.resources)
    if (d.kind === 'invalid' && d.code && !byCode.has(d.code)) byCode.set(d.code, type);
  for (const r of resources.values())
    r.related.forEach((code, i) => {
      const at = pointerOf('resources', r.type, 'related', String(i));
      if (code === r.code)
        report({
          code: 'CATALOGUE_UNKNOWN_RELATED',
          pointer: at,
          message: `${r.type}: related code ${code} is its own`,
        });
      else if (!byCode.has(code))
        report({
          code: 'CATALOGUE_UNKNOWN_RELATED',
          pointer: at,
          message: `${r.type}: related code ${code} is no resource's code in the catalogue`,
        });
    });
  for (const [type, d] of declaration.resources) {
    if (d.kind !== 'part') continue;
    const target = declaration.resources.get(d.partOf);
    if (!target || (target.kind !== 'resource' && target.kind !== 'invalid'))
      report({
        code: 'CATALOGUE_BAD_PART_OF',
        pointer: pointerOf('resources', type, 'partOf'),
        message: `${type} is partOf "${d.partOf}", which is ${target ? `not a resource (a ${target.kind})` : 'not in the catalogue'}: name a type declared as a resource`,
      });
  }
  return { resources, problems };
}
