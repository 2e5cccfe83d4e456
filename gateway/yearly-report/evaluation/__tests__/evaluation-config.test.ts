import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import {
  EVALUATION_CONFIG_PATH,
  EvaluationConfigError,
  parseEvaluationConfig,
  readEvaluationConfig,
} from '../evaluation-config';
import { FIGURE_PATHS } from '../figure-paths';

const SOURCE = 'schema/evaluation-indicators.json';

const indicator = (over: Record<string, unknown> = {}): Record<string, unknown> => ({
  id: 'application-reply',
  name: '共享申请按时答复率',
  description: '国发〔2016〕51号要求按时答复共享申请。',
  weight: 15,
  measure: {
    kind: 'ratio',
    numerator: 'applications.answeredOnTime',
    denominator: 'applications.received',
  },
  whenNoData: 'full',
  ...over,
});

const file = (over: Record<string, unknown> = {}): string =>
  JSON.stringify({
    version: '2026.1',
    title: '南通市政务信息资源共享年度评估指标',
    indicators: [indicator()],
    ...over,
  });

/** The error's lines, as printed: source, pointer and message. */
function problemsOf(text: string): string[] {
  try {
    parseEvaluationConfig(text, SOURCE);
  } catch (err) {
    expect(err).toBeInstanceOf(EvaluationConfigError);
    const error = err as EvaluationConfigError;
    expect(error.source).toBe(SOURCE);
    expect(error.message.split('\n')).toHaveLength(error.problems.length);
    return error.message.split('\n');
  }
  throw new Error('expected the configuration to be refused');
}

describe('the committed evaluation configuration', () => {
  const { config, source } = readEvaluationConfig();

  it('parses, and is printed as read from schema/evaluation-indicators.json', () => {
    expect(source).toBe(SOURCE);
    expect(config.version).toBe('2026.1');
    expect(config.title).toBe('南通市政务信息资源共享年度评估指标');
  });

  it('has weights that add up to 100', () => {
    expect(config.indicators.reduce((sum, i) => sum + i.weight, 0)).toBe(100);
  });

  it('evaluates both the provision and the use of shared data, as the plan asks', () => {
    const figures = config.indicators.map((i) =>
      i.measure.kind === 'relativeToBest' ? i.measure.figure : i.measure.numerator,
    );
    expect(figures).toEqual(
      expect.arrayContaining([
        'provided.catalogue.notShared',
        'provided.callsByOthers',
        'used.calls',
        'applications.answeredOnTime',
        'errorReports.answeredOnTime',
        'inventory.notConnected',
        'inventory.zombieCandidates',
        'inventory.unconfirmed',
      ]),
    );
  });
});

describe('parseEvaluationConfig', () => {
  it('reads a valid file into the model, with nothing but the model’s keys', () => {
    const config = parseEvaluationConfig(file(), SOURCE);
    expect(config).toEqual({
      version: '2026.1',
      title: '南通市政务信息资源共享年度评估指标',
      indicators: [indicator()],
    });
    expect(Object.isFrozen(config.indicators[0])).toBe(true);
  });

  it('reads a relativeToBest measure', () => {
    const measure = { kind: 'relativeToBest', figure: 'used.calls' };
    const config = parseEvaluationConfig(file({ indicators: [indicator({ measure })] }), SOURCE);
    expect(config.indicators[0].measure).toEqual(measure);
  });

  it('refuses text that is not JSON', () => {
    expect(problemsOf('{ "version": ')[0]).toMatch(
      /^schema\/evaluation-indicators\.json: \/: not JSON/,
    );
  });

  it('refuses a document that is not an object', () => {
    expect(problemsOf('[]')).toEqual([`${SOURCE}: /: the configuration must be an object`]);
  });

  it('names an unknown figure with its pointer and the figures it could have meant', () => {
    const measure = {
      kind: 'ratio',
      numerator: 'applications.answerd',
      denominator: 'applications.received',
    };
    const text = file({
      indicators: [indicator({ id: 'a' }), indicator({ id: 'b' }), indicator({ id: 'c', measure })],
    });
    const [line] = problemsOf(text);
    expect(line).toMatch(
      /^schema\/evaluation-indicators\.json: \/indicators\/2\/measure\/numerator: unknown figure "applications\.answerd" \(known: applications\.received, /,
    );
    expect(line).toContain('applications.answeredOnTime');
    expect(line).not.toContain('used.calls');
  });

  it('lists every figure for an unknown figure outside any part of the report', () => {
    const measure = { kind: 'relativeToBest', figure: 'calls' };
    const [line] = problemsOf(file({ indicators: [indicator({ measure })] }));
    expect(line).toContain(`/indicators/0/measure/figure: unknown figure "calls"`);
    for (const figure of FIGURE_PATHS) expect(line).toContain(figure);
  });

  it('refuses unknown keys, at the root, in an indicator and in a measure', () => {
    const measure = { kind: 'relativeToBest', figure: 'used.calls', numerator: 'used.calls' };
    const lines = problemsOf(file({ year: 2026, indicators: [indicator({ wieght: 5, measure })] }));
    expect(lines).toEqual([
      `${SOURCE}: /year: the configuration has an unknown key "year" (expected: version, title, indicators)`,
      `${SOURCE}: /indicators/0/wieght: an indicator has an unknown key "wieght" (expected: id, name, description, weight, measure, whenNoData, appliesWhen)`,
      `${SOURCE}: /indicators/0/measure/numerator: a relativeToBest measure has an unknown key "numerator" (expected: kind, figure)`,
    ]);
  });

  it('refuses missing fields, naming each', () => {
    const { weight: _w, whenNoData: _n, ...partial } = indicator();
    const lines = problemsOf(JSON.stringify({ title: 't', indicators: [partial] }));
    expect(lines).toEqual([
      `${SOURCE}: /: the configuration lacks "version"`,
      `${SOURCE}: /indicators/0: an indicator lacks "weight"`,
      `${SOURCE}: /indicators/0: an indicator lacks "whenNoData"`,
    ]);
  });

  it('refuses a measure without its figures', () => {
    const lines = problemsOf(file({ indicators: [indicator({ measure: { kind: 'ratio' } })] }));
    expect(lines).toEqual([
      `${SOURCE}: /indicators/0/measure: a ratio measure lacks "numerator"`,
      `${SOURCE}: /indicators/0/measure: a ratio measure lacks "denominator"`,
    ]);
  });

  it('refuses empty names and descriptions', () => {
    const lines = problemsOf(file({ indicators: [indicator({ name: ' ', description: 3 })] }));
    expect(lines).toEqual([
      `${SOURCE}: /indicators/0/name: the name must be a non-empty string`,
      `${SOURCE}: /indicators/0/description: the description must be a non-empty string`,
    ]);
  });

  it('refuses duplicate indicator ids, pointing at the first', () => {
    const text = file({ indicators: [indicator(), indicator({ weight: 5 }), indicator()] });
    expect(problemsOf(text)).toEqual([
      `${SOURCE}: /indicators/1/id: duplicate id "application-reply" (first at /indicators/0)`,
      `${SOURCE}: /indicators/2/id: duplicate id "application-reply" (first at /indicators/0)`,
    ]);
  });

  it('refuses an id that is not kebab-case', () => {
    expect(problemsOf(file({ indicators: [indicator({ id: 'Reply Rate' })] }))).toEqual([
      `${SOURCE}: /indicators/0/id: the id "Reply Rate" must be kebab-case (a-z, 0-9, -)`,
    ]);
  });

  it.each([
    ['zero', '0', '0'],
    ['negative', '-5', '-5'],
    ['text', '"10"', '"10"'],
    ['not finite', '1e999', 'Infinity'],
  ])('refuses a %s weight', (_what, weight, shown) => {
    const text = file({ indicators: [indicator({ weight: 0 })] }).replace(
      '"weight":0',
      `"weight":${weight}`,
    );
    expect(problemsOf(text)).toEqual([
      `${SOURCE}: /indicators/0/weight: the weight is ${shown}: expected a positive finite number`,
    ]);
  });

  it('refuses an unknown measure kind', () => {
    const measure = { kind: 'share', figure: 'used.calls' };
    expect(problemsOf(file({ indicators: [indicator({ measure })] }))).toEqual([
      `${SOURCE}: /indicators/0/measure/kind: the measure kind is "share": expected one of ratio, inverseRatio, relativeToBest`,
    ]);
  });

  it('refuses a measure without a kind', () => {
    const measure = { figure: 'used.calls' };
    expect(problemsOf(file({ indicators: [indicator({ measure })] }))).toEqual([
      `${SOURCE}: /indicators/0/measure: the measure lacks "kind"`,
    ]);
  });

  it('refuses whenNoData other than full, zero or exclude', () => {
    expect(problemsOf(file({ indicators: [indicator({ whenNoData: 'skip' })] }))).toEqual([
      `${SOURCE}: /indicators/0/whenNoData: whenNoData is "skip": expected one of full, zero, exclude`,
    ]);
  });

  it('refuses an empty indicator list, and a list that is not an array', () => {
    expect(problemsOf(file({ indicators: [] }))).toEqual([
      `${SOURCE}: /indicators: indicators is empty: a score needs at least one indicator`,
    ]);
    expect(problemsOf(file({ indicators: {} }))).toEqual([
      `${SOURCE}: /indicators: indicators must be an array`,
    ]);
  });

  it('reports every problem of a file at once', () => {
    const text = file({
      version: '',
      indicators: [indicator({ weight: -1 }), 'reply', indicator({ whenNoData: 'none' })],
    });
    expect(problemsOf(text).map((line) => line.split(': ')[1])).toEqual([
      '/version',
      '/indicators/0/weight',
      '/indicators/1',
      '/indicators/2/whenNoData',
      '/indicators/2/id',
    ]);
  });
});

describe('readEvaluationConfig', () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'evaluation-config-'));
  afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

  it('reads schema/evaluation-indicators.json by default', () => {
    expect(readEvaluationConfig().config).toEqual(
      readEvaluationConfig(EVALUATION_CONFIG_PATH).config,
    );
  });

  it('names a file outside the repository by its absolute path', () => {
    const outside = path.join(dir, 'indicators.json');
    fs.writeFileSync(outside, file());
    expect(readEvaluationConfig(outside).source).toBe(outside);
  });

  it('says where it looked for a file it cannot read', () => {
    const missing = path.join(dir, 'missing.json');
    expect(() => readEvaluationConfig(missing)).toThrow(`${missing}: /: cannot read: ENOENT`);
    expect(() => readEvaluationConfig(missing)).toThrow(EvaluationConfigError);
  });

  it('names the file in the problems of its content', () => {
    const broken = path.join(dir, 'broken.json');
    fs.writeFileSync(broken, file({ indicators: [] }));
    expect(() => readEvaluationConfig(broken)).toThrow(
      `${broken}: /indicators: indicators is empty`,
    );
  });
});
