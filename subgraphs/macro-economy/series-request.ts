/**
 * The arguments of `Region.indicators`, validated into one request that every region in a query
 * shares (so one SQL statement serves them all), and the grouping of the rows it returns into
 * series. Pure: no database here.
 */
import { badUserInput } from '../kit/user-input';
import {
  isPeriodProblem,
  parsePeriod,
  Period,
  periodEnd,
  periodStart,
  PERIOD_TYPES,
  PeriodType,
} from './period';

export interface IndicatorRow {
  code: string;
  position: number;
  name: string;
  name_en: string;
  unit: string;
  unit_en: string;
  description: string;
  period_types: string;
  source: string;
  value_kind: string;
  cumulative: boolean | number;
  coverage: string;
}

export interface StoredObservation {
  indicator_code: string;
  region_code: string;
  period_type: string;
  period: string;
  period_start: string;
  value: number;
  status: string;
  released_on: string;
  quality_flag: string;
  review_note: string | null;
  reporting_units: number | null;
  sampling_error: number | null;
}

export interface SeriesArgs {
  codes?: readonly string[] | null;
  from?: string | null;
  to?: string | null;
  periodType?: PeriodType | null;
}

export interface SeriesRequest {
  /** Series in answer order: indicators as asked (or catalogue order), then MONTH, QUARTER, YEAR. */
  series: { indicator: IndicatorRow; periodType: PeriodType }[];
  /** Observations whose period starts on or after this day (inclusive), ISO date. */
  fromDay: string | null;
  /** Observations whose period ends on or before this day (inclusive), ISO date. */
  toDay: string | null;
  /** Identical for identical requests: regions asking the same thing share a batch. */
  key: string;
}

export function periodTypesOf(indicator: IndicatorRow): PeriodType[] {
  return indicator.period_types.split(',') as PeriodType[];
}

function requirePeriod(argument: string, text: string): Period {
  const parsed = parsePeriod(text);
  if (isPeriodProblem(parsed))
    throw badUserInput(argument, parsed.message, { problem: parsed.kind });
  return parsed;
}

/** Looks indicator codes up in the catalogue; an unknown code is the caller's mistake, named with the known ones. */
export function requireIndicatorCode(
  argument: string,
  code: string,
  catalogue: readonly IndicatorRow[],
): IndicatorRow {
  const found = catalogue.find((i) => i.code === code);
  if (!found) {
    throw badUserInput(
      argument,
      `"${code}" is not an indicator code; known codes: ${catalogue.map((i) => i.code).join(', ')}`,
      { problem: 'UNKNOWN' },
    );
  }
  return found;
}

export function seriesRequest(args: SeriesArgs, catalogue: readonly IndicatorRow[]): SeriesRequest {
  const from = args.from == null ? null : requirePeriod('from', args.from);
  const to = args.to == null ? null : requirePeriod('to', args.to);
  if (from && to && periodStart(from) > periodEnd(to)) {
    throw badUserInput('to', `"${args.to}" ends before "${args.from}" begins`, {
      problem: 'RANGE',
    });
  }
  const codes = args.codes == null ? catalogue.map((i) => i.code) : [...new Set(args.codes)];
  const indicators = codes.map((c) => requireIndicatorCode('codes', c, catalogue));
  const series: SeriesRequest['series'] = [];
  for (const indicator of indicators) {
    const offered = periodTypesOf(indicator);
    // An indicator not compiled for the asked period type (quarterly CPI) has no series; that is an answer, not an error.
    for (const periodType of PERIOD_TYPES) {
      if (offered.includes(periodType) && (!args.periodType || args.periodType === periodType))
        series.push({ indicator, periodType });
    }
  }
  const fromDay = from ? periodStart(from) : null;
  const toDay = to ? periodEnd(to) : null;
  const key = JSON.stringify([
    series.map((s) => `${s.indicator.code}/${s.periodType}`),
    fromDay,
    toDay,
  ]);
  return { series, fromDay, toDay, key };
}

export interface ObservationView {
  period: string;
  value: number;
  unit: string;
  status: string;
  releasedOn: string;
  qualityFlag: string;
  reviewNote: string | null;
  reportingUnits: number | null;
  samplingError: number | null;
}

export interface SeriesView {
  indicator: IndicatorRow;
  regionCode: string;
  periodType: PeriodType;
  observations: ObservationView[];
  preliminaryObservations: ObservationView[];
}

/**
 * One region's series from its rows (already in period order). Released figures and preliminary
 * ones go to separate fields because they are shared under different rules.
 */
export function toSeries(
  request: SeriesRequest,
  regionCode: string,
  rows: readonly StoredObservation[],
): SeriesView[] {
  const byKey = new Map<string, StoredObservation[]>();
  for (const r of rows) {
    const k = `${r.indicator_code}/${r.period_type}`;
    let list = byKey.get(k);
    if (!list) byKey.set(k, (list = []));
    list.push(r);
  }
  return request.series.map(({ indicator, periodType }) => {
    const views = (byKey.get(`${indicator.code}/${periodType}`) ?? []).map(
      (r): ObservationView => ({
        period: r.period,
        value: Number(r.value),
        unit: indicator.unit,
        status: r.status,
        releasedOn: r.released_on,
        qualityFlag: r.quality_flag,
        reviewNote: r.review_note,
        reportingUnits: r.reporting_units,
        samplingError: r.sampling_error === null ? null : Number(r.sampling_error),
      }),
    );
    return {
      indicator,
      regionCode,
      periodType,
      observations: views.filter((v) => v.status === 'FINAL'),
      preliminaryObservations: views.filter((v) => v.status !== 'FINAL'),
    };
  });
}
