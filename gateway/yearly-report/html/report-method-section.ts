/**
 * The evaluation method page: how each indicator's value is measured, weighted and treated when
 * there is no data, so a department can check its score by hand.
 */
import { figureLabel } from '../evaluation/figure-paths';
import type { Context } from './report-context';
import { e, heading, num, table } from './report-markup';
import type { IndicatorDefinition } from '../report-model';

const WHEN_NO_DATA: Readonly<Record<IndicatorDefinition['whenNoData'], string>> = {
  full: '满分 Full marks',
  zero: '零分 Zero',
  exclude: '不参与此项，其余指标按权重比例折算 Left out; the other weights are scaled up',
};

/** How an indicator's value is made, in words (the figures' Chinese labels) and in paths. */
export function measureInWords(definition: IndicatorDefinition): string {
  const m = definition.measure;
  switch (m.kind) {
    case 'ratio':
      return `${figureLabel(m.numerator)} ÷ ${figureLabel(m.denominator)}（${m.numerator} / ${m.denominator}）`;
    case 'inverseRatio':
      return `1 − ${figureLabel(m.numerator)} ÷ ${figureLabel(m.denominator)}（1 − ${m.numerator} / ${m.denominator}）`;
    case 'relativeToBest':
      return `${figureLabel(m.figure)} ÷ 全市最高部门的${figureLabel(m.figure)}（${m.figure} / the best department's）`;
  }
}

export function methodSection({ report }: Context): string {
  const { config, configSource } = report.evaluation;
  const total = config.indicators.reduce((n, i) => n + i.weight, 0);
  return `<section class="page" id="evaluation-method">
${heading(2, '评估方法', 'Evaluation method')}
<p>${e(config.title)}，版本 ${e(config.version)}；配置来源 Configuration: ${e(configSource)}。</p>
<p>每项指标的值在 0 到 1 之间；得分 = 值 × 权重，权重按适用指标折算为合计 100 分（权重合计 ${num(total)}）。
<br><span class="muted">Each indicator's value is between 0 and 1; its points are value × weight, the weights of the indicators that apply scaled to add up to 100.</span></p>
${table(
  [
    ['指标', 'Indicator'],
    ['权重', 'Weight', 'num'],
    ['计算方法', 'Measure'],
    ['无数据时', 'With no data'],
    ['说明', 'Description'],
  ],
  config.indicators.map((i) => [
    `${i.name}（${i.id}）`,
    i.weight,
    measureInWords(i),
    WHEN_NO_DATA[i.whenNoData],
    i.description,
  ]),
)}
</section>`;
}
