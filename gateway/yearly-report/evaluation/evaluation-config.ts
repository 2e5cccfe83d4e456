/**
 * The evaluation configuration (年度评估指标), schema/evaluation-indicators.json: the indicators of
 * the yearly evaluation the plan asks for (通政办发〔2017〕165号 三(三): 每年对各部门提供和使用共享
 * 信息情况进行评估), with their weights. It is the city's to change without a release, and it is
 * printed with the report, so a department can see how its score was made.
 *
 * The whole file is checked and every problem reported at once, each with the file and a JSON
 * pointer: a typo in a figure path would otherwise score every department zero on that indicator
 * without anyone noticing, and an unknown key is such a typo in a key.
 */
import fs from 'node:fs';
import path from 'node:path';
import { SCHEMA_DIR } from '../../../contracts/schema-files';
import { FIGURE_PATHS, isFigurePath } from './figure-paths';
import type { EvaluationConfig, IndicatorDefinition, IndicatorMeasure } from '../report-model';

const REPOSITORY_ROOT = path.dirname(SCHEMA_DIR);

/** @default path of readEvaluationConfig */
export const EVALUATION_CONFIG_PATH = path.join(SCHEMA_DIR, 'evaluation-indicators.json');

export interface EvaluationConfigProblem {
  /** JSON pointer into the file (RFC 6901); '' for the whole document. */
  readonly pointer: string;
  readonly message: string;
}

/** The configuration cannot be used; every problem is listed, one line each. */
export class EvaluationConfigError extends Error {
  constructor(
    readonly source: string,
    readonly problems: readonly EvaluationConfigProblem[],
  ) {
    super(problems.map((p) => `${source}: ${p.pointer || '/'}: ${p.message}`).join('\n'));
    this.name = 'EvaluationConfigError';
  }
}

const MEASURE_KINDS = ['ratio', 'inverseRatio', 'relativeToBest'] as const;
const WHEN_NO_DATA = ['full', 'zero', 'exclude'] as const;
const ROOT_KEYS = ['version', 'title', 'indicators'];
const INDICATOR_KEYS = ['id', 'name', 'description', 'weight', 'measure', 'whenNoData'];
/** Ids are keys (kept across years, used by renderers); the printed text is the name. */
const ID_PATTERN = /^[a-z][a-z0-9]*(-[a-z0-9]+)*$/;

type Json = Record<string, unknown>;
const isObject = (v: unknown): v is Json =>
  typeof v === 'object' && v !== null && !Array.isArray(v);
const isOneOf = <T extends string>(values: readonly T[], v: unknown): v is T =>
  typeof v === 'string' && (values as readonly string[]).includes(v);
const segment = (key: string | number): string =>
  `/${String(key).replace(/~/g, '~0').replace(/\//g, '~1')}`;

/** Collects problems while reading; returns null for a value it cannot use. */
class Reader {
  readonly problems: EvaluationConfigProblem[] = [];
  report(pointer: string, message: string): null {
    this.problems.push({ pointer, message });
    return null;
  }
  object(value: unknown, at: string, what: string): Json | null {
    return isObject(value) ? value : this.report(at, `${what} must be an object`);
  }
  /** Reports missing keys and keys outside `allowed` or `optional` (typos the reader would otherwise ignore). */
  keys(
    obj: Json,
    allowed: readonly string[],
    at: string,
    what: string,
    optional: readonly string[] = [],
  ): void {
    for (const key of allowed) if (!(key in obj)) this.report(at, `${what} lacks "${key}"`);
    for (const key of Object.keys(obj))
      if (!allowed.includes(key) && !optional.includes(key))
        this.report(
          at + segment(key),
          `${what} has an unknown key "${key}" (expected: ${[...allowed, ...optional].join(', ')})`,
        );
  }
  text(value: unknown, at: string, what: string): string | null {
    if (value === undefined) return null; // reported by keys()
    return typeof value === 'string' && value.trim() !== ''
      ? value
      : this.report(at, `${what} must be a non-empty string`);
  }
  oneOf<T extends string>(values: readonly T[], value: unknown, at: string, what: string) {
    if (value === undefined) return null;
    return isOneOf(values, value)
      ? value
      : this.report(
          at,
          `${what} is ${JSON.stringify(value)}: expected one of ${values.join(', ')}`,
        );
  }
  figure(value: unknown, at: string): string | null {
    const path = this.text(value, at, 'a figure');
    if (path === null || isFigurePath(path)) return path;
    // Within the same part of the report when the first segment is right: a shorter list to read.
    const group = FIGURE_PATHS.filter((p) => p.startsWith(`${path.split('.')[0]}.`));
    const known = group.length > 0 ? group : FIGURE_PATHS;
    return this.report(at, `unknown figure "${path}" (known: ${known.join(', ')})`);
  }
}

function readMeasure(r: Reader, value: unknown, at: string): IndicatorMeasure | null {
  const obj = r.object(value, at, 'the measure');
  if (obj === null) return null;
  if (!('kind' in obj)) return r.report(at, 'the measure lacks "kind"');
  const kind = r.oneOf(MEASURE_KINDS, obj.kind, `${at}/kind`, 'the measure kind');
  if (kind === null) return null;
  if (kind === 'relativeToBest') {
    r.keys(obj, ['kind', 'figure'], at, `a ${kind} measure`);
    const figure = r.figure(obj.figure, `${at}/figure`);
    return figure === null ? null : { kind, figure };
  }
  r.keys(obj, ['kind', 'numerator', 'denominator'], at, `a ${kind} measure`);
  const numerator = r.figure(obj.numerator, `${at}/numerator`);
  const denominator = r.figure(obj.denominator, `${at}/denominator`);
  return numerator === null || denominator === null ? null : { kind, numerator, denominator };
}

function readIndicator(r: Reader, value: unknown, at: string): IndicatorDefinition | null {
  const obj = r.object(value, at, 'an indicator');
  if (obj === null) return null;
  const before = r.problems.length;
  r.keys(obj, INDICATOR_KEYS, at, 'an indicator', ['appliesWhen']);
  const id = r.text(obj.id, `${at}/id`, 'the id');
  if (id !== null && !ID_PATTERN.test(id))
    r.report(`${at}/id`, `the id "${id}" must be kebab-case (a-z, 0-9, -)`);
  const name = r.text(obj.name, `${at}/name`, 'the name');
  const description = r.text(obj.description, `${at}/description`, 'the description');
  const weight = obj.weight;
  if (
    weight !== undefined &&
    !(typeof weight === 'number' && Number.isFinite(weight) && weight > 0)
  )
    r.report(
      `${at}/weight`,
      // String(): JSON.stringify would print an overflowing 1e999 (Infinity) as null.
      `the weight is ${typeof weight === 'number' ? String(weight) : JSON.stringify(weight)}: expected a positive finite number`,
    );
  const measure = obj.measure === undefined ? null : readMeasure(r, obj.measure, `${at}/measure`);
  const whenNoData = r.oneOf(WHEN_NO_DATA, obj.whenNoData, `${at}/whenNoData`, 'whenNoData');
  const appliesWhen =
    obj.appliesWhen === undefined ? undefined : r.figure(obj.appliesWhen, `${at}/appliesWhen`);
  if (r.problems.length > before) return null;
  return Object.freeze({
    id: id as string,
    name: name as string,
    description: description as string,
    weight: weight as number,
    measure: Object.freeze(measure as IndicatorMeasure),
    whenNoData: whenNoData as IndicatorDefinition['whenNoData'],
    ...(appliesWhen ? { appliesWhen } : {}),
  });
}

/**
 * The configuration in `text`; `source` names it in every message (as printed with the report).
 * @throws EvaluationConfigError listing every problem
 */
export function parseEvaluationConfig(text: string, source: string): EvaluationConfig {
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (err) {
    throw new EvaluationConfigError(source, [
      { pointer: '', message: `not JSON: ${(err as Error).message}` },
    ]);
  }
  const r = new Reader();
  const root = r.object(json, '', 'the configuration');
  if (root === null) throw new EvaluationConfigError(source, r.problems);
  r.keys(root, ROOT_KEYS, '', 'the configuration');
  const version = r.text(root.version, '/version', 'the version');
  const title = r.text(root.title, '/title', 'the title');
  const indicators: IndicatorDefinition[] = [];
  if (root.indicators !== undefined) {
    if (!Array.isArray(root.indicators)) r.report('/indicators', 'indicators must be an array');
    else if (root.indicators.length === 0)
      r.report('/indicators', 'indicators is empty: a score needs at least one indicator');
    else {
      const firstAt = new Map<string, number>();
      root.indicators.forEach((value: unknown, i) => {
        const at = `/indicators/${i}`;
        const indicator = readIndicator(r, value, at);
        const id = isObject(value) && typeof value.id === 'string' ? value.id : null;
        if (id !== null) {
          const first = firstAt.get(id);
          if (first !== undefined)
            r.report(`${at}/id`, `duplicate id "${id}" (first at /indicators/${first})`);
          else firstAt.set(id, i);
        }
        if (indicator !== null) indicators.push(indicator);
      });
    }
  }
  if (r.problems.length > 0) throw new EvaluationConfigError(source, r.problems);
  return Object.freeze({
    version: version as string,
    title: title as string,
    indicators: Object.freeze(indicators),
  });
}

/**
 * Reads and checks the configuration file.
 * @param file @default schema/evaluation-indicators.json of this repository
 * @returns the configuration and its source as printed: the path from the repository root when
 * the file lies inside it (`schema/evaluation-indicators.json`), else the absolute path
 * @throws EvaluationConfigError when the file cannot be read or has problems
 */
export function readEvaluationConfig(file: string = EVALUATION_CONFIG_PATH): {
  config: EvaluationConfig;
  source: string;
} {
  const absolute = path.resolve(file);
  const relative = path.relative(REPOSITORY_ROOT, absolute);
  const source =
    relative !== '' && !relative.startsWith('..') && !path.isAbsolute(relative)
      ? relative.split(path.sep).join('/')
      : absolute;
  let text: string;
  try {
    text = fs.readFileSync(absolute, 'utf8');
  } catch (err) {
    const reason = (err as NodeJS.ErrnoException).code ?? (err as Error).message;
    throw new EvaluationConfigError(source, [{ pointer: '', message: `cannot read: ${reason}` }]);
  }
  return { config: parseEvaluationConfig(text, source), source };
}
