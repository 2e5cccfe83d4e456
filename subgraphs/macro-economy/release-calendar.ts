/**
 * When a figure is officially released (统计数据发布日程). Until that day a figure is a
 * preliminary internal estimate (快报/预计数) that the Statistics Law's implementing regulations
 * forbid handing out before release, which is why the schema shares it only conditionally.
 * The days below follow the usual rhythm (monthly figures around the 20th of the next month,
 * annual accounts late in January, population in the March communiqué); they are illustrative,
 * not the bureau's actual calendar.
 */
import { DEMO_AS_OF } from '../../domain/demo/calendar';
import { IndicatorDefinition } from './indicator-catalogue';
import { Period } from './period';

/**
 * The day on which the demo statistics stand, the demo city's as-of day: the last year's
 * December, fourth-quarter and annual figures have been compiled but are not yet released.
 */
export const STATISTICS_AS_OF = DEMO_AS_OF;

function isoDay(year: number, month: number, day: number): string {
  // Date.UTC rolls month 13 over into January of the next year.
  return new Date(Date.UTC(year, month - 1, day)).toISOString().slice(0, 10);
}

export function releaseDate(indicator: IndicatorDefinition, period: Period): string {
  const nextMonth = period.lastMonth + 1;
  if (period.type === 'YEAR') {
    if (indicator.code === 'RESIDENT_POPULATION') return isoDay(period.year + 1, 3, 15);
    if (indicator.code === 'GDP') return isoDay(period.year + 1, 1, 28);
    return isoDay(period.year + 1, 1, indicator.code === 'CPI' ? 15 : 20);
  }
  if (period.type === 'QUARTER')
    return isoDay(period.year, nextMonth, indicator.code === 'GDP' ? 28 : 25);
  return isoDay(period.year, nextMonth, indicator.code === 'CPI' ? 15 : 20);
}

export type ObservationStatus = 'PRELIMINARY' | 'FINAL';

export function statusOn(releasedOn: string, asOf: string = STATISTICS_AS_OF): ObservationStatus {
  return releasedOn <= asOf ? 'FINAL' : 'PRELIMINARY';
}
