/**
 * The indicators the statistics bureau publishes for Nantong (指标目录): what each measures, in
 * which unit, for which periods and down to which level of region. The seeder writes these into
 * the `indicators` table, which is what the subgraph serves.
 */
import { PeriodType } from './period';

export type ValueKind = 'LEVEL' | 'GROWTH_RATE' | 'INDEX';
export type IndicatorCoverage = 'CITY' | 'COUNTY' | 'TOWN';

export interface IndicatorDefinition {
  code: string;
  name: string;
  nameEn: string;
  unit: string;
  unitEn: string;
  description: string;
  periodTypes: readonly PeriodType[];
  source: string;
  valueKind: ValueKind;
  /** Sub-annual values are year-to-date (累计), as the bureau publishes them. */
  cumulative: boolean;
  /** The lowest level of region the indicator is compiled for. */
  coverage: IndicatorCoverage;
  /**
   * First month with its own monthly figure. The enterprise surveys report January and February
   * together (1-2月) because of the Spring Festival, so those series start at 2.
   */
  firstMonth: 1 | 2;
}

export const INDICATORS: readonly IndicatorDefinition[] = Object.freeze([
  {
    code: 'GDP',
    name: '地区生产总值',
    nameEn: 'Regional gross domestic product',
    unit: '亿元',
    unitEn: '100 million yuan',
    description:
      '地区生产总值 (GDP) at current prices. Quarterly figures are cumulative from January (一季度, 上半年, 前三季度, 全年). City figures include the municipal development zones, so they exceed the sum of the counties.',
    periodTypes: ['QUARTER', 'YEAR'],
    source: '南通市统计局 地区生产总值统一核算',
    valueKind: 'LEVEL',
    cumulative: true,
    coverage: 'COUNTY',
    firstMonth: 1,
  },
  {
    code: 'BUDGET_REVENUE',
    name: '一般公共预算收入',
    nameEn: 'General public budget revenue',
    unit: '亿元',
    unitEn: '100 million yuan',
    description:
      '一般公共预算收入: tax and non-tax revenue of the general public budget. Monthly figures are cumulative from January (1-N月). Town figures cover revenue retained by the town treasury only.',
    periodTypes: ['MONTH', 'YEAR'],
    source: '南通市财政局 财政收支月报',
    valueKind: 'LEVEL',
    cumulative: true,
    coverage: 'TOWN',
    firstMonth: 1,
  },
  {
    code: 'INDUSTRIAL_VALUE_ADDED_GROWTH',
    name: '规模以上工业增加值增速',
    nameEn: 'Growth of industrial value added above designated size',
    unit: '%',
    unitEn: 'percent',
    description:
      '规模以上工业增加值 (enterprises with annual main-business revenue of 20 million yuan or more), growth over the same period of the previous year at comparable prices. Monthly figures are cumulative from January; January and February are reported together (1-2月), so there is no January figure.',
    periodTypes: ['MONTH', 'YEAR'],
    source: '南通市统计局 规模以上工业统计报表',
    valueKind: 'GROWTH_RATE',
    cumulative: true,
    coverage: 'COUNTY',
    firstMonth: 2,
  },
  {
    code: 'RETAIL_SALES',
    name: '社会消费品零售总额',
    nameEn: 'Total retail sales of consumer goods',
    unit: '亿元',
    unitEn: '100 million yuan',
    description:
      '社会消费品零售总额. Monthly figures are cumulative from January; January and February are reported together (1-2月), so there is no January figure.',
    periodTypes: ['MONTH', 'YEAR'],
    source: '南通市统计局 批发零售住宿餐饮业统计报表',
    valueKind: 'LEVEL',
    cumulative: true,
    coverage: 'COUNTY',
    firstMonth: 2,
  },
  {
    code: 'FIXED_ASSET_INVESTMENT_GROWTH',
    name: '固定资产投资增速',
    nameEn: 'Growth of fixed-asset investment',
    unit: '%',
    unitEn: 'percent',
    description:
      '固定资产投资 (projects of 5 million yuan or more, and real-estate development), growth over the same period of the previous year. Monthly figures are cumulative from January; January and February are reported together (1-2月).',
    periodTypes: ['MONTH', 'YEAR'],
    source: '南通市统计局 固定资产投资统计报表',
    valueKind: 'GROWTH_RATE',
    cumulative: true,
    coverage: 'TOWN',
    firstMonth: 2,
  },
  {
    code: 'CPI',
    name: '居民消费价格指数',
    nameEn: 'Consumer price index',
    unit: '上年同期=100',
    unitEn: 'same period of previous year = 100',
    description:
      '居民消费价格指数 (CPI). A monthly value compares the month with the same month of the previous year (上年同月=100); a yearly value compares the year with the previous year (上年=100). Compiled for the city only.',
    periodTypes: ['MONTH', 'YEAR'],
    source: '国家统计局南通调查队 居民消费价格调查',
    valueKind: 'INDEX',
    cumulative: false,
    coverage: 'CITY',
    firstMonth: 1,
  },
  {
    code: 'DISPOSABLE_INCOME_URBAN',
    name: '城镇居民人均可支配收入',
    nameEn: 'Per-capita disposable income of urban residents',
    unit: '元',
    unitEn: 'yuan',
    description: '城镇常住居民人均可支配收入. Quarterly figures are cumulative from January.',
    periodTypes: ['QUARTER', 'YEAR'],
    source: '国家统计局南通调查队 城乡住户调查',
    valueKind: 'LEVEL',
    cumulative: true,
    coverage: 'COUNTY',
    firstMonth: 1,
  },
  {
    code: 'DISPOSABLE_INCOME_RURAL',
    name: '农村居民人均可支配收入',
    nameEn: 'Per-capita disposable income of rural residents',
    unit: '元',
    unitEn: 'yuan',
    description: '农村常住居民人均可支配收入. Quarterly figures are cumulative from January.',
    periodTypes: ['QUARTER', 'YEAR'],
    source: '国家统计局南通调查队 城乡住户调查',
    valueKind: 'LEVEL',
    cumulative: true,
    coverage: 'COUNTY',
    firstMonth: 1,
  },
  {
    code: 'RESIDENT_POPULATION',
    name: '常住人口',
    nameEn: 'Resident population',
    unit: '万人',
    unitEn: '10,000 persons',
    description:
      '年末常住人口 (year-end resident population), from the annual population sample survey. The city figure is the sum of its counties.',
    periodTypes: ['YEAR'],
    source: '南通市统计局 人口变动情况抽样调查',
    valueKind: 'LEVEL',
    cumulative: false,
    coverage: 'TOWN',
    firstMonth: 1,
  },
] satisfies IndicatorDefinition[]);

export function indicatorDefinition(code: string): IndicatorDefinition | undefined {
  return INDICATORS.find((i) => i.code === code);
}
