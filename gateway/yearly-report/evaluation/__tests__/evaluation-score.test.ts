import fc from 'fast-check';
import { readEvaluationConfig } from '../evaluation-config';
import { scoreDepartments } from '../evaluation-score';
import { FIGURE_PATHS, type FigurePath } from '../figure-paths';
import type {
  DepartmentReport,
  EvaluationConfig,
  IndicatorDefinition,
  IndicatorMeasure,
} from '../../report-model';

const ZERO: DepartmentReport = {
  code: '',
  name: '部门',
  kind: 'OWNER',
  provided: {
    catalogue: {
      unconditional: 0,
      conditional: 0,
      notShared: 0,
      total: 0,
      open: 0,
      conditionallyOpen: 0,
      notOpen: 0,
    },
    callsByOthers: 0,
    consumers: 0,
    fieldsServed: 0,
    fieldsMasked: 0,
    fieldsDenied: 0,
    distinctFieldsUsed: 0,
    byConsumer: [],
  },
  applications: {
    received: 0,
    approved: 0,
    rejected: 0,
    pending: 0,
    answeredOnTime: 0,
    answeredLate: 0,
    overduePending: 0,
    refusalReasons: [],
  },
  grants: { granted: 0, activeAtEnd: 0, revoked: 0, expired: 0 },
  used: { calls: 0, owners: 0, fieldsServed: 0, byPurpose: [], byOwner: [] },
  errorReports: {
    received: 0,
    corrected: 0,
    rejected: 0,
    answeredOnTime: 0,
    answeredLate: 0,
    correctedOnTime: 0,
    pending: 0,
    overdue: 0,
  },
  inventory: { systems: 0, zombieCandidates: 0, notConnected: 0, unconfirmed: 0, flagged: [] },
  byMonth: [],
};

/** A department with all figures zero but those given. */
function department(code: string, figures: Partial<Record<FigurePath, number>> = {}) {
  const report = structuredClone({ ...ZERO, code }) as unknown as Record<string, unknown>;
  for (const [path, value] of Object.entries(figures)) {
    const keys = path.split('.');
    let node = report;
    for (const key of keys.slice(0, -1)) node = node[key] as Record<string, unknown>;
    node[keys[keys.length - 1]] = value;
  }
  return report as unknown as DepartmentReport;
}

const ratio = (numerator: FigurePath, denominator: FigurePath): IndicatorMeasure => ({
  kind: 'ratio',
  numerator,
  denominator,
});

function indicator(
  id: string,
  weight: number,
  measure: IndicatorMeasure,
  whenNoData: IndicatorDefinition['whenNoData'] = 'exclude',
): IndicatorDefinition {
  return { id, name: id, description: id, weight, measure, whenNoData };
}

const configOf = (...indicators: IndicatorDefinition[]): EvaluationConfig => ({
  version: 'test',
  title: '测试指标',
  indicators,
});

const REPLY = indicator(
  'application-reply',
  60,
  ratio('applications.answeredOnTime', 'applications.received'),
  'full',
);
const ERRORS = indicator(
  'error-report-reply',
  40,
  ratio('errorReports.answeredOnTime', 'errorReports.received'),
);

function scoreOf(config: EvaluationConfig, departments: DepartmentReport[], code: string) {
  const score = scoreDepartments(departments, config, 'test').scores.find(
    (s) => s.department === code,
  );
  if (score === undefined) throw new Error(`no score for ${code}`);
  return score;
}

describe('scoreDepartments: indicator values', () => {
  it('scores a ratio as numerator over denominator, and says so with the figures', () => {
    const d = department('housing', {
      'applications.answeredOnTime': 12,
      'applications.received': 15,
    });
    const [reply] = scoreOf(configOf(REPLY), [d], 'housing').indicators;
    expect(reply).toEqual({
      id: 'application-reply',
      value: 0.8,
      points: 80,
      detail: '按时答复申请 12 / 收到共享申请 15',
    });
  });

  it('scores an inverse ratio as one minus the share flagged', () => {
    const catalogue = indicator('catalogue-shared', 100, {
      kind: 'inverseRatio',
      numerator: 'provided.catalogue.notShared',
      denominator: 'provided.catalogue.total',
    });
    const d = department('statistics', {
      'provided.catalogue.notShared': 3,
      'provided.catalogue.total': 40,
    });
    const [shared] = scoreOf(configOf(catalogue), [d], 'statistics').indicators;
    expect(shared.value).toBeCloseTo(0.925, 12);
    expect(shared.points).toBe(92.5);
    expect(shared.detail).toBe('1 − 不予共享数据项 3 / 目录数据项 40');
  });

  it('clamps a ratio above one to one', () => {
    const d = department('tax', { 'applications.answeredOnTime': 5, 'applications.received': 4 });
    expect(scoreOf(configOf(REPLY), [d], 'tax').indicators[0].value).toBe(1);
  });

  it('gives full marks on replies to a department that received no application (whenNoData full)', () => {
    const d = department('finance');
    const [reply] = scoreOf(configOf(REPLY), [d], 'finance').indicators;
    expect(reply.value).toBe(1);
    expect(reply.points).toBe(100);
    expect(reply.detail).toBe('按时答复申请 0 / 收到共享申请 0：无数据，按满分计');
  });

  it('gives no marks for no data when whenNoData is zero', () => {
    const config = configOf({ ...REPLY, whenNoData: 'zero' });
    const score = scoreOf(config, [department('finance')], 'finance');
    expect(score.indicators[0]).toMatchObject({ value: 0, points: 0 });
    expect(score.indicators[0].detail).toContain('按零分计');
    expect(score.total).toBe(0);
  });
});

describe('scoreDepartments: weights', () => {
  it('scales the weights of the indicators that apply to 100 when one is excluded', () => {
    // No error reports: ERRORS (weight 40) is left out, REPLY's 60 counts as 100.
    const d = department('housing', {
      'applications.answeredOnTime': 1,
      'applications.received': 2,
    });
    const score = scoreOf(configOf(REPLY, ERRORS), [d], 'housing');
    expect(score.indicators.map((i) => [i.id, i.value, i.points])).toEqual([
      ['application-reply', 0.5, 50],
      ['error-report-reply', null, 0],
    ]);
    expect(score.indicators[1].detail).toContain('不参与评分');
    expect(score.total).toBe(50);
  });

  it('weighs every indicator as configured when all apply', () => {
    const d = department('housing', {
      'applications.answeredOnTime': 1,
      'applications.received': 2,
      'errorReports.answeredOnTime': 1,
      'errorReports.received': 1,
    });
    const score = scoreOf(configOf(REPLY, ERRORS), [d], 'housing');
    expect(score.indicators.map((i) => i.points)).toEqual([30, 40]);
    expect(score.total).toBe(70);
  });

  it('rounds points to cents that add up to the total, never past 100', () => {
    const config = configOf(
      ...[1, 2, 3, 4, 5, 6].map((n) => indicator(`reply-${n}`, 1, REPLY.measure, 'full')),
    );
    const score = scoreOf(config, [department('finance')], 'finance');
    const points = score.indicators.map((i) => i.points);
    for (const p of points) expect([16.66, 16.67]).toContain(p);
    expect(Math.round(points.reduce((a, b) => a + b, 0) * 100)).toBe(10000);
    expect(score.total).toBe(100);
  });

  it('scores zero for a department no indicator applies to', () => {
    const score = scoreOf(configOf(ERRORS), [department('finance')], 'finance');
    expect(score.total).toBe(0);
    expect(score.indicators[0]).toMatchObject({ value: null, points: 0 });
  });
});

describe('scoreDepartments: relative to the best department', () => {
  const USE = indicator('provided-use', 100, {
    kind: 'relativeToBest',
    figure: 'provided.callsByOthers',
  });

  it('compares each department with the best of the departments given', () => {
    const city = [
      department('public-security', { 'provided.callsByOthers': 200 }),
      department('statistics', { 'provided.callsByOthers': 50 }),
    ];
    const statistics = scoreOf(configOf(USE), city, 'statistics').indicators[0];
    expect(statistics).toMatchObject({ value: 0.25, points: 25 });
    expect(statistics.detail).toBe('被其他部门调用 50 / 全市最高 200');
    expect(scoreOf(configOf(USE), city, 'public-security').indicators[0].value).toBe(1);
  });

  it('gives a department scored alone full marks: the caller must pass the whole city', () => {
    const alone = [department('statistics', { 'provided.callsByOthers': 50 })];
    expect(scoreOf(configOf(USE), alone, 'statistics').indicators[0].value).toBe(1);
  });

  it('applies whenNoData to everyone when the best is zero', () => {
    const city = [department('statistics'), department('housing')];
    for (const code of ['statistics', 'housing']) {
      const [use] = scoreOf(configOf(USE), city, code).indicators;
      expect(use).toMatchObject({ value: null, points: 0 });
      expect(use.detail).toBe('被其他部门调用 0 / 全市最高 0：无数据，不参与评分');
      expect(
        scoreOf(configOf({ ...USE, whenNoData: 'full' }), city, code).indicators[0].value,
      ).toBe(1);
    }
  });
});

describe('scoreDepartments: ranking', () => {
  /** A department whose reply rate, and so whose total, is `rate` of 100. */
  const at = (code: string, rate: number) =>
    department(code, { 'applications.answeredOnTime': rate, 'applications.received': 100 });

  it('ranks by total, equal totals sharing a rank (1, 2, 2, 4) and listed by code', () => {
    const city = [at('tax', 70), at('housing', 80), at('finance', 80), at('health', 90)];
    const result = scoreDepartments(city, configOf(REPLY), 'test');
    expect(result.scores.map((s) => [s.department, s.total, s.rank])).toEqual([
      ['health', 90, 1],
      ['finance', 80, 2],
      ['housing', 80, 2],
      ['tax', 70, 4],
    ]);
  });

  it('ranks everyone first when all totals are equal', () => {
    const city = [at('tax', 50), at('health', 50), at('finance', 50)];
    const result = scoreDepartments(city, configOf(REPLY), 'test');
    expect(result.scores.map((s) => [s.department, s.rank])).toEqual([
      ['finance', 1],
      ['health', 1],
      ['tax', 1],
    ]);
  });

  it('returns the configuration and its source with the scores, to be printed', () => {
    const config = configOf(REPLY);
    const result = scoreDepartments([], config, 'schema/evaluation-indicators.json');
    expect(result).toEqual({
      config,
      configSource: 'schema/evaluation-indicators.json',
      scores: [],
    });
  });

  it('refuses a figure the report does not have, rather than score it zero', () => {
    const typo = indicator('typo', 1, { kind: 'relativeToBest', figure: 'used.call' });
    expect(() => scoreDepartments([department('tax')], configOf(typo), 'test')).toThrow(
      'unknown figure "used.call"',
    );
  });
});

describe('scoreDepartments with the committed configuration', () => {
  it('gives a department that does everything the plan asks 100', () => {
    const { config, source } = readEvaluationConfig();
    const model = department('public-security', {
      'provided.catalogue.unconditional': 30,
      'provided.catalogue.conditional': 10,
      'provided.catalogue.total': 40,
      'provided.callsByOthers': 900,
      'used.calls': 300,
      'applications.received': 5,
      'applications.answeredOnTime': 5,
      'errorReports.received': 2,
      'errorReports.answeredOnTime': 2,
      'inventory.systems': 3,
    });
    const idle = department('tax', { 'provided.callsByOthers': 90, 'used.calls': 30 });
    const result = scoreDepartments([idle, model], config, source);
    expect(result.scores[0]).toMatchObject({ department: 'public-security', total: 100, rank: 1 });
    // tax: no catalogue and no systems, so neither the catalogue, the use of its data (it provides
    // none) nor the systems count; 10% of the best use of others', full marks on replies and
    // corrections (none received): (1.5 + 15 + 10) / 40.
    expect(result.scores[1]).toMatchObject({ department: 'tax', total: 66.25, rank: 2 });
  });
});

describe('scoreDepartments: properties', () => {
  const figures = fc.dictionary(
    fc.constantFrom(...FIGURE_PATHS),
    fc.integer({ min: 0, max: 1000 }),
  ) as fc.Arbitrary<Partial<Record<FigurePath, number>>>;
  const path = fc.constantFrom(...FIGURE_PATHS);
  const measure: fc.Arbitrary<IndicatorMeasure> = fc.oneof(
    fc.record({ kind: fc.constant('ratio' as const), numerator: path, denominator: path }),
    fc.record({ kind: fc.constant('inverseRatio' as const), numerator: path, denominator: path }),
    fc.record({ kind: fc.constant('relativeToBest' as const), figure: path }),
  );
  const config = fc
    .array(
      fc.record({
        weight: fc.double({ min: 0.001, max: 1000, noNaN: true }),
        measure,
        whenNoData: fc.constantFrom('full' as const, 'zero' as const, 'exclude' as const),
      }),
      { minLength: 1, maxLength: 10 },
    )
    .map((list) =>
      configOf(...list.map((d, i) => indicator(`i-${i}`, d.weight, d.measure, d.whenNoData))),
    );
  const city = fc
    .array(figures, { minLength: 1, maxLength: 8 })
    .map((list) => list.map((f, i) => department(`d-${i}`, f)));

  it('keeps every total within 0..100, equal to the sum of its points, and ranks by it', () => {
    fc.assert(
      fc.property(city, config, (departments, cfg) => {
        const { scores } = scoreDepartments(departments, cfg, 'test');
        expect(scores).toHaveLength(departments.length);
        for (const [i, score] of scores.entries()) {
          expect(score.total).toBeGreaterThanOrEqual(0);
          expect(score.total).toBeLessThanOrEqual(100);
          expect(Number.isInteger(Math.round(score.total * 100))).toBe(true);
          const cents = score.indicators.reduce((sum, s) => sum + Math.round(s.points * 100), 0);
          expect(cents).toBe(Math.round(score.total * 100));
          for (const s of score.indicators) {
            expect(s.points).toBeGreaterThanOrEqual(0);
            if (s.value === null) expect(s.points).toBe(0);
            else expect(s.value >= 0 && s.value <= 1).toBe(true);
          }
          if (i > 0) expect(scores[i - 1].total).toBeGreaterThanOrEqual(score.total);
        }
      }),
    );
  });
});

describe('an indicator that applies only where a figure is above zero', () => {
  const config = configOf(
    {
      ...indicator('provided-use', 50, {
        kind: 'relativeToBest',
        figure: 'provided.callsByOthers',
      }),
      appliesWhen: 'provided.catalogue.total',
    },
    indicator('used-others', 50, { kind: 'relativeToBest', figure: 'used.calls' }),
  );
  const provider = department('a-provider', {
    'provided.catalogue.total': 4,
    'provided.callsByOthers': 10,
    'used.calls': 5,
  });
  const consumer = department('b-consumer', { 'used.calls': 10 });
  const scores = scoreDepartments([provider, consumer], config, 'test').scores;

  it('leaves it out, with its weight, for a department whose figure is zero', () => {
    const b = scores.find((s) => s.department === 'b-consumer')!;
    expect(b.indicators[0]).toMatchObject({ value: null, points: 0 });
    expect(b.indicators[0].detail).toContain('不适用');
    expect(b.total).toBe(100);
  });
  it('scores it as usual for a department whose figure is above zero', () => {
    expect(scores.find((s) => s.department === 'a-provider')!.total).toBe(75);
  });
});
