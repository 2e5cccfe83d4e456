/**
 * Reads the macro-economy database. Region series go through per-request DataLoaders, one per
 * distinct argument set, so a query over fifty regions issues one statement, not fifty.
 */
import DataLoader from 'dataloader';
import { Knex } from 'knex';
import { IndicatorRow, SeriesRequest, StoredObservation } from './series-request';

/** Regions per IN list: well under MariaDB's and SQLite's parameter limits. */
const MAX_BATCH = 500;

const OBSERVATION_COLUMNS = [
  'indicator_code',
  'region_code',
  'period_type',
  'period',
  'period_start',
  'value',
  'status',
  'released_on',
  'quality_flag',
  'review_note',
  'reporting_units',
  'sampling_error',
];

export function createMacroEconomyStore(db: Knex) {
  let catalogue: Promise<IndicatorRow[]> | null = null;
  const seriesLoaders = new Map<string, DataLoader<string, StoredObservation[]>>();

  function seriesLoader(request: SeriesRequest): DataLoader<string, StoredObservation[]> {
    const codes = [...new Set(request.series.map((s) => s.indicator.code))];
    const types = [...new Set(request.series.map((s) => s.periodType))];
    return new DataLoader<string, StoredObservation[]>(
      async (regionCodes) => {
        if (codes.length === 0) return regionCodes.map(() => []);
        const q = db('observations')
          .select(OBSERVATION_COLUMNS)
          .whereIn('region_code', regionCodes as string[])
          .whereIn('indicator_code', codes)
          .whereIn('period_type', types)
          .orderBy(['region_code', 'indicator_code', 'period_type', 'period_start']);
        if (request.fromDay) q.where('period_start', '>=', request.fromDay);
        if (request.toDay) q.where('period_end', '<=', request.toDay);
        const rows: StoredObservation[] = await q;
        const byRegion = new Map<string, StoredObservation[]>();
        for (const r of rows) {
          let list = byRegion.get(r.region_code);
          if (!list) byRegion.set(r.region_code, (list = []));
          list.push(r);
        }
        return regionCodes.map((c) => byRegion.get(c) ?? []);
      },
      { maxBatchSize: MAX_BATCH },
    );
  }

  return {
    /** The indicator catalogue, read once per request: it is small and every series needs it. */
    catalogue(): Promise<IndicatorRow[]> {
      // A knex builder runs its query again on every `await`; the promise from `then` runs it once.
      return (catalogue ??= db<IndicatorRow>('indicators')
        .select('*')
        .orderBy('position')
        .then((rows) => rows));
    },
    /** Observations of one region for a validated request, batched with every other region asking the same. */
    observations(request: SeriesRequest, regionCode: string): Promise<StoredObservation[]> {
      let loader = seriesLoaders.get(request.key);
      if (!loader) seriesLoaders.set(request.key, (loader = seriesLoader(request)));
      return loader.load(regionCode);
    },
  };
}

export type MacroEconomyStore = ReturnType<typeof createMacroEconomyStore>;
