/**
 * The evaluation's sheets of the Excel appendix: each department's total and points per
 * indicator, and the indicators' definitions with the configuration they came from.
 */
import type { YearlyReport } from '../report-model';
import { measureInWords } from '../html/report-method-section';
import type { SheetTable } from './report-sheet-columns';
import { col, DEPARTMENT_COLUMNS, PERCENT, POINTS, SHEETS, TEXT } from './report-sheet-columns';

export function evaluationTables(
  report: YearlyReport,
  name: (code: string) => string,
): SheetTable[] {
  const { config, configSource, scores } = report.evaluation;
  const definition = (id: string) => config.indicators.find((i) => i.id === id);
  return [
    {
      name: SHEETS.scores,
      columns: [
        col('名次', 'Rank'),
        ...DEPARTMENT_COLUMNS,
        col('总分', 'Total', POINTS),
        ...config.indicators.map((i) => col(`${i.name}（得分）`, `${i.id} (points)`, POINTS)),
      ],
      rows: scores.map((s) => [
        s.rank,
        s.department,
        name(s.department),
        s.total,
        ...config.indicators.map((i) => {
          const got = s.indicators.find((x) => x.id === i.id);
          return got && got.value !== null ? got.points : null;
        }),
      ]),
    },
    {
      name: SHEETS.indicatorScores,
      columns: [
        ...DEPARTMENT_COLUMNS,
        col('指标', 'Indicator', TEXT),
        col('指标名称', 'Indicator name', TEXT),
        col('值（空：不适用）', 'Value (empty: not applicable)', PERCENT),
        col('得分', 'Points', POINTS),
        col('计算', 'Detail', TEXT),
      ],
      rows: scores.flatMap((s) =>
        s.indicators.map((i) => [
          s.department,
          name(s.department),
          i.id,
          definition(i.id)?.name ?? i.id,
          i.value,
          i.points,
          i.detail,
        ]),
      ),
    },
    {
      name: SHEETS.indicators,
      columns: [
        col('指标', 'Indicator', TEXT),
        col('指标名称', 'Indicator name', TEXT),
        col('权重', 'Weight', 'General'),
        col('计算方法', 'Measure', TEXT),
        col('类型', 'Measure kind', TEXT),
        col('分子或数值', 'Numerator or figure', TEXT),
        col('分母', 'Denominator', TEXT),
        col('无数据时', 'With no data', TEXT),
        col('说明', 'Description', TEXT),
        col('配置来源', 'Configuration', TEXT),
      ],
      rows: config.indicators.map((i) => [
        i.id,
        i.name,
        i.weight,
        measureInWords(i),
        i.measure.kind,
        i.measure.kind === 'relativeToBest' ? i.measure.figure : i.measure.numerator,
        i.measure.kind === 'relativeToBest' ? null : i.measure.denominator,
        i.whenNoData,
        i.description,
        `${configSource} · ${config.title} ${config.version}`,
      ]),
    },
  ];
}
