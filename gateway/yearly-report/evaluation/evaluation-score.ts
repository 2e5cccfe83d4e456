/**
 * 年度评估: each department's evaluation score from its yearly figures and the configured
 * indicators (evaluation-config.ts). Pure: the same figures and configuration give the same scores,
 * so a printed score can be recomputed from the printed figures and configuration.
 *
 * An indicator's value is 0..1; its points are value × weight scaled so that the weights of the
 * indicators that apply to the department add up to 100. An indicator with no data (a zero
 * denominator, or a city best of zero) counts as full, zero, or is left out of that department's
 * score with its weight, as the configuration says.
 */
import { figureLabel, figureValue } from './figure-paths';
import type {
  DepartmentReport,
  DepartmentScore,
  EvaluationConfig,
  EvaluationResult,
  IndicatorDefinition,
  IndicatorScore,
} from '../report-model';

const NO_DATA_DETAIL: Record<IndicatorDefinition['whenNoData'], string> = {
  full: '无数据，按满分计',
  zero: '无数据，按零分计',
  exclude: '无数据，不参与评分',
};

const clamp01 = (x: number): number => Math.min(1, Math.max(0, x));

/** An indicator's value for one department, before weighting. */
interface Measured {
  readonly value: number | null;
  readonly detail: string;
}

function noData(indicator: IndicatorDefinition, detail: string): Measured {
  const value = { full: 1, zero: 0, exclude: null }[indicator.whenNoData];
  return { value, detail: `${detail}：${NO_DATA_DETAIL[indicator.whenNoData]}` };
}

function measure(
  indicator: IndicatorDefinition,
  department: DepartmentReport,
  best: ReadonlyMap<string, number>,
): Measured {
  if (indicator.appliesWhen !== undefined) {
    const gate = figureValue(department, indicator.appliesWhen);
    if (gate <= 0)
      return { value: null, detail: `${figureLabel(indicator.appliesWhen)} ${gate}：不适用` };
  }
  const m = indicator.measure;
  if (m.kind === 'relativeToBest') {
    const own = figureValue(department, m.figure);
    const top = best.get(m.figure) ?? 0;
    const detail = `${figureLabel(m.figure)} ${own} / 全市最高 ${top}`;
    return top > 0 ? { value: clamp01(own / top), detail } : noData(indicator, detail);
  }
  const numerator = figureValue(department, m.numerator);
  const denominator = figureValue(department, m.denominator);
  const fraction = `${figureLabel(m.numerator)} ${numerator} / ${figureLabel(m.denominator)} ${denominator}`;
  const detail = m.kind === 'ratio' ? fraction : `1 − ${fraction}`;
  if (denominator <= 0) return noData(indicator, detail);
  const ratio = clamp01(numerator / denominator);
  return { value: m.kind === 'ratio' ? ratio : 1 - ratio, detail };
}

/**
 * Rounds each indicator's points to cents so that the printed points add up to the printed total:
 * largest remainders get the cents left over (ties to the earlier indicator). A department that
 * adds up its points finds its total, and the total never exceeds 100 through rounding.
 */
function apportionCents(raw: readonly number[]): { points: number[]; totalCents: number } {
  const exact = raw.map((p) => p * 100);
  // The epsilon absorbs float error in value × weight × 100 / sum, e.g. 14.999999999 cents.
  const floors = exact.map((c) => Math.floor(c + 1e-9));
  const totalCents = Math.round(exact.reduce((a, b) => a + b, 0));
  let left = totalCents - floors.reduce((a, b) => a + b, 0);
  const byRemainder = exact
    .map((c, i) => ({ i, remainder: c - floors[i] }))
    .filter((r) => r.remainder > 1e-9)
    .sort((a, b) => b.remainder - a.remainder || a.i - b.i);
  for (const { i } of byRemainder) {
    if (left <= 0) break;
    floors[i] += 1;
    left -= 1;
  }
  return { points: floors.map((c) => c / 100), totalCents };
}

function scoreOne(
  department: DepartmentReport,
  config: EvaluationConfig,
  best: ReadonlyMap<string, number>,
): Omit<DepartmentScore, 'rank'> {
  const measured = config.indicators.map((indicator) => measure(indicator, department, best));
  const applicableWeight = config.indicators.reduce(
    (sum, indicator, i) => (measured[i].value === null ? sum : sum + indicator.weight),
    0,
  );
  const raw = config.indicators.map((indicator, i) => {
    const value = measured[i].value;
    // No indicator applies: nothing to score on, rather than 0 / 0.
    return value === null || applicableWeight === 0
      ? 0
      : (value * indicator.weight * 100) / applicableWeight;
  });
  const { points, totalCents } = apportionCents(raw);
  const indicators: IndicatorScore[] = config.indicators.map((indicator, i) => ({
    id: indicator.id,
    value: measured[i].value,
    points: points[i],
    detail: measured[i].detail,
  }));
  return { department: department.code, total: totalCents / 100, indicators };
}

/**
 * Scores and ranks `departments` (best first; equal totals share a rank, 1, 2, 2, 4, and are
 * listed by code).
 *
 * relativeToBest compares with the best of the departments given, so pass the whole city even
 * for one department's report and pick its score from the result: scored alone, a department
 * would always be its own best and get full marks.
 */
export function scoreDepartments(
  departments: readonly DepartmentReport[],
  config: EvaluationConfig,
  configSource: string,
): EvaluationResult {
  const best = new Map<string, number>();
  for (const indicator of config.indicators) {
    const m = indicator.measure;
    if (m.kind !== 'relativeToBest') continue;
    best.set(m.figure, Math.max(0, ...departments.map((d) => figureValue(d, m.figure))));
  }
  const sorted = departments
    .map((d) => scoreOne(d, config, best))
    .sort(
      (a, b) =>
        b.total - a.total ||
        (a.department < b.department ? -1 : a.department > b.department ? 1 : 0),
    );
  const scores: DepartmentScore[] = [];
  sorted.forEach((score, i) => {
    const previous = scores[i - 1];
    const rank = previous !== undefined && previous.total === score.total ? previous.rank : i + 1;
    scores.push({ ...score, rank });
  });
  return { config, configSource, scores };
}
