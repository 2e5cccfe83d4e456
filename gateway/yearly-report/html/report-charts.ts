/**
 * The report's charts as ECharts options: each chart's container names it by key and its option
 * goes to the page's JSON data block, so no chart text ever becomes markup.
 */
import { e } from './report-markup';
import type { CatalogueClassCounts, MonthFigures } from '../report-model';
import { FONT, HEIGHTS_MM } from './report-page-style';
import type { JsonObject } from './report-page-scripts';

/** Ranking charts show the first few; the full rankings are in the Excel appendix. */
export const RANKING_CHART_ROWS = 15;

/** Collects the page's charts: each container names its chart, its data goes to the data block. */
export class Charts {
  readonly options: JsonObject = {};
  private count = 0;

  /** The container of a chart (`name` for tests; `department` for a department's charts). */
  add(
    name: string,
    label: string,
    option: JsonObject,
    heightMm: number,
    department?: string,
  ): string {
    const key = `c${this.count++}`;
    this.options[key] = {
      animation: false,
      textStyle: { fontFamily: FONT },
      // Drawn on the canvas: an HTML tooltip would put other people's text into the DOM.
      tooltip: { renderMode: 'richText', trigger: 'axis' },
      ...option,
    };
    const height = HEIGHTS_MM.find((h) => h >= heightMm) ?? HEIGHTS_MM[HEIGHTS_MM.length - 1];
    const dept = department === undefined ? '' : ` data-department="${e(department)}"`;
    return `<div class="chart h${height}" data-chart="${e(name)}"${dept} data-chart-key="${key}" role="img" aria-label="${e(label)}"></div>`;
  }
}

const GRID = { left: 30, right: 30, top: 70, bottom: 30, containLabel: true };

export function lineChart(
  months: readonly MonthFigures[],
  series: readonly JsonObject[],
  dualAxis: boolean,
): JsonObject {
  const valueAxis: JsonObject = { type: 'value', minInterval: 1 };
  return {
    legend: { top: 5 },
    grid: GRID,
    xAxis: { type: 'category', data: months.map((m) => m.month) },
    yAxis: dualAxis
      ? [
          { ...valueAxis, name: '调用 calls' },
          { ...valueAxis, name: '件 items', splitLine: { show: false } },
        ]
      : [{ ...valueAxis, name: '调用 calls' }],
    series: series.map((s) => ({ type: 'line', symbolSize: 5, ...s })),
  };
}

/** Horizontal bars, best at the top, values printed at the bars' ends. */
export function barChart(
  names: readonly string[],
  values: readonly number[],
  unit: string,
  max?: number,
): JsonObject {
  return {
    grid: { ...GRID, top: 20, right: 70 },
    xAxis: {
      type: 'value',
      ...(max === undefined ? {} : { max }),
      axisLabel: { formatter: `{value}${unit}` },
    },
    yAxis: {
      type: 'category',
      inverse: true,
      data: [...names],
      axisLabel: { width: 150, overflow: 'truncate' },
    },
    series: [
      {
        type: 'bar',
        data: [...values],
        barMaxWidth: 18,
        label: { show: true, position: 'right', formatter: `{c}${unit}` },
      },
    ],
  };
}

export const barHeight = (rows: number): number => 25 + 7 * Math.max(rows, 1);

export function classesPie(catalogue: CatalogueClassCounts): JsonObject {
  const data = [
    { name: '无条件共享 Unconditional', value: catalogue.unconditional },
    { name: '有条件共享 Conditional', value: catalogue.conditional },
    { name: '不予共享 Not shared', value: catalogue.notShared },
  ];
  if (catalogue.total === 0)
    return {
      title: { text: '目录为空 No catalogue entries', left: 'center', top: 'middle' },
      series: [],
    };
  return {
    tooltip: { renderMode: 'richText', trigger: 'item' },
    legend: { orient: 'vertical', left: 10, top: 'middle' },
    series: [
      {
        type: 'pie',
        radius: ['35%', '70%'],
        center: ['65%', '50%'],
        data,
        label: { formatter: '{c}（{d}%）' },
      },
    ],
  };
}
