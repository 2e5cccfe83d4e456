/**
 * Reads the macro-economy database. Region series go through per-request DataLoaders, one per
 * distinct argument set, so a query over fifty regions issues one statement, not fifty.
 */
import DataLoader from 'dataloader';
import { Knex } from 'knex';
import { SqlTemplates } from '../kit/sql-templates';
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

/** The compiled SQL of this store's queries, shared by every request (sql-templates.ts). */
const TEMPLATES = new SqlTemplates();

export function createMacroEconomyStore(db: Knex) {
  let catalogue: Promise<IndicatorRow[]> | null = null;
  const seriesLoaders = new Map<string, DataLoader<string, StoredObservation[]>>();

  function seriesLoader(request: SeriesRequest): DataLoader<string, StoredObservation[]> {
    const codes = [...new Set(request.series.map((s) => s.indicator.code))];
    const types = [...new Set(request.series.map((s) => s.periodType))];
    const { fromDay, toDay } = request;
    return new DataLoader<string, StoredObservation[]>(
      async (regionCodes) => {
        if (codes.length === 0) return regionCodes.map(() => []);
        // The shape: how many values each list has, and which bounds are set.
        const shape = `observations ${regionCodes.length} ${codes.length} ${types.length} ${fromDay !== null} ${toDay !== null}`;
        const values = [...regionCodes, ...codes, ...types];
        if (fromDay) values.push(fromDay);
        if (toDay) values.push(toDay);
        const rows = await TEMPLATES.select<StoredObservation>(db, shape, values, (v) => {
          let at = 0;
          const take = (n: number) => v.slice(at, (at += n));
          const q = db('observations')
            .select(OBSERVATION_COLUMNS)
            .whereIn('region_code', take(regionCodes.length))
            .whereIn('indicator_code', take(codes.length))
            .whereIn('period_type', take(types.length))
            .orderBy(['region_code', 'indicator_code', 'period_type', 'period_start']);
          if (fromDay) q.where('period_start', '>=', take(1)[0]);
          if (toDay) q.where('period_end', '<=', take(1)[0]);
          return q;
        });
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
      return (catalogue ??= TEMPLATES.select<IndicatorRow>(db, 'catalogue', [], () =>
        db('indicators').select('*').orderBy('position'),
      ));
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
