/**
 * The arguments of the benchmark's operations, chosen from the seeded data by querying the
 * subgraphs' own databases (SQLite or MariaDB alike), so they hold for any city size and seed.
 *
 * Each operation gets many argument sets, and the load rotates through them: real traffic asks
 * about different applicants, and one request repeated by every connection would let a gateway
 * that merges identical in-flight subgraph fetches (Hive Gateway does, by default) answer most
 * requests from one fetch, which measures the merging rather than the gateway.
 */
import { Knex } from 'knex';
import { cursorFor } from '../../subgraphs/kit/connection';
import { loadSigningSecret } from '../../contracts/signing/signing-secret';
import { databaseTarget, DatabaseEnv, openDatabase } from '../../contracts/database/database';
import { SubgraphName } from '../../contracts/subgraph-directory';

export interface ApplicantFixture {
  idNumber: string;
  /** Enterprises whose legal representative the applicant is. */
  enterprises: number;
  /** Certificates held as a person (any type and status). */
  certificates: number;
  /** Credit records about the applicant as a natural person (penalties, list entries). */
  creditRecords: number;
}

export interface DashboardFixture {
  regionCode: string;
  level: 'COUNTY' | 'TOWN';
  /** First period label of the indicator series asked for: the latest year with statistics. */
  from: string;
  /** City parts in the region, all classes and states. */
  cityParts: number;
}

export interface PeoplePageFixture {
  regionCode: string;
  first: number;
  /** Cursor of the page's predecessor; null for the first page. */
  after: string | null;
}

export interface BenchFixtures {
  applicants: ApplicantFixture[];
  dashboards: DashboardFixture[];
  peoplePages: PeoplePageFixture[];
}

export const PEOPLE_PAGE_SIZE = 50;
/** Argument sets per operation, at most: comfortably more than the connections of a run. */
export const MAX_VARIANTS = 64;
/** Credit subjects examined for applicants, in ID-number order. */
const CANDIDATES = 5000;
const IN_CHUNK = 500;

async function withDatabase<T>(
  name: SubgraphName,
  env: DatabaseEnv,
  fn: (db: Knex) => Promise<T>,
): Promise<T> {
  const db = await openDatabase(databaseTarget(name, env), { poolMax: 1 });
  try {
    return await fn(db);
  } finally {
    await db.destroy();
  }
}

/** key → count for `key IN (keys)`, queried in chunks to stay under bound-parameter limits. */
async function countsByKey(
  db: Knex,
  table: string,
  keyColumn: string,
  keys: string[],
  where: Record<string, string> = {},
): Promise<Map<string, number>> {
  const counts = new Map<string, number>();
  for (let i = 0; i < keys.length; i += IN_CHUNK) {
    const rows: { k: string; n: number | string }[] = await db(table)
      .where(where)
      .whereIn(keyColumn, keys.slice(i, i + IN_CHUNK))
      .groupBy(keyColumn)
      .select({ k: keyColumn })
      .count({ n: '*' });
    for (const r of rows) counts.set(r.k, Number(r.n));
  }
  return counts;
}

/** Legal representatives of an enterprise with at least two certificates and one credit record, in ID-number order. */
async function findApplicants(env: DatabaseEnv): Promise<ApplicantFixture[]> {
  const credit = await withDatabase('credit', env, async (db) => {
    const rows: { k: string; n: number | string }[] = await db('credit_records')
      .where({ subject_kind: 'NATURAL_PERSON' })
      .groupBy('subject_key')
      .orderBy('subject_key')
      .limit(CANDIDATES)
      .select({ k: 'subject_key' })
      .count({ n: '*' });
    return new Map(rows.map((r) => [r.k, Number(r.n)]));
  });
  const keys = [...credit.keys()];
  const enterprises = await withDatabase('legal-entity', env, (db) =>
    countsByKey(db, 'legal_entities', 'legal_rep_id_number', keys),
  );
  const representatives = keys.filter((k) => enterprises.has(k));
  const certificates = await withDatabase('licences', env, (db) =>
    countsByKey(db, 'certificates', 'holder_key', representatives, { holder_kind: 'PERSON' }),
  );
  const applicants = representatives
    .filter((k) => (certificates.get(k) ?? 0) >= 2)
    .slice(0, MAX_VARIANTS)
    .map((idNumber) => ({
      idNumber,
      enterprises: enterprises.get(idNumber)!,
      certificates: certificates.get(idNumber)!,
      creditRecords: credit.get(idNumber)!,
    }));
  if (applicants.length === 0)
    throw new Error(
      'no applicant in the seeded data represents an enterprise and has certificates and credit records; seed a larger city (--persons)',
    );
  return applicants;
}

/** Every county and town, with its city-part count, and the latest year with statistics. */
async function findDashboards(env: DatabaseEnv): Promise<DashboardFixture[]> {
  const regions: { code: string; level: 'COUNTY' | 'TOWN' }[] = await withDatabase(
    'spatial',
    env,
    (db) =>
      db('regions').whereIn('level', ['COUNTY', 'TOWN']).orderBy('code').select('code', 'level'),
  );
  const parts = await withDatabase('city-parts', env, async (db) => {
    const counts = new Map<string, number>();
    for (const column of ['county_code', 'town_code']) {
      const rows: { k: string; n: number | string }[] = await db('city_parts')
        .groupBy(column)
        .select({ k: column })
        .count({ n: '*' });
      for (const r of rows) counts.set(r.k, Number(r.n));
    }
    return counts;
  });
  const from = await withDatabase('macro-economy', env, async (db) => {
    const row: { p?: string | null } | undefined = await db('observations')
      .where({ period_type: 'YEAR' })
      .max({ p: 'period' })
      .first();
    return row?.p ?? null;
  });
  if (!from) throw new Error('the macro-economy database has no yearly statistics');
  // Counties first (the full dashboards), then towns, up to MAX_VARIANTS.
  const ordered = [
    ...regions.filter((r) => r.level === 'COUNTY'),
    ...regions.filter((r) => r.level === 'TOWN'),
  ];
  const dashboards = ordered
    .slice(0, MAX_VARIANTS)
    .map((r) => ({ regionCode: r.code, level: r.level, from, cityParts: parts.get(r.code) ?? 0 }));
  if (dashboards.length === 0) throw new Error('the spatial database has no counties');
  return dashboards;
}

/** Consecutive pages of the most populous county, each after the previous page's last ID number. */
async function findPeoplePages(env: DatabaseEnv): Promise<PeoplePageFixture[]> {
  return withDatabase('population', env, async (db) => {
    const county: { k: string } | undefined = await db('people')
      .groupBy('region_code')
      .select({ k: 'region_code' })
      .orderByRaw('count(*) desc, region_code')
      .first();
    if (!county) throw new Error('the population database is empty');
    const ids: string[] = (
      await db('people')
        .where({ region_code: county.k })
        .orderBy('id_number')
        .limit(MAX_VARIANTS * PEOPLE_PAGE_SIZE)
        .select('id_number')
    ).map((r: { id_number: string }) => r.id_number);
    const pages: PeoplePageFixture[] = [];
    // Cursors are sealed with the subgraphs' signing secret (subgraphs/kit/cursor-codec.ts): the same one they load.
    const { secret } = loadSigningSecret({ ...process.env, ...env });
    for (let start = 0; start + PEOPLE_PAGE_SIZE <= ids.length; start += PEOPLE_PAGE_SIZE) {
      const after =
        start === 0
          ? null
          : cursorFor(secret, 'Query.people', { regionCode: county.k }, ids[start - 1]);
      pages.push({ regionCode: county.k, first: PEOPLE_PAGE_SIZE, after });
    }
    if (pages.length === 0)
      throw new Error(
        `county ${county.k} has fewer than ${PEOPLE_PAGE_SIZE} residents; seed a larger city (--persons)`,
      );
    return pages;
  });
}

export async function findFixtures(env: DatabaseEnv): Promise<BenchFixtures> {
  const [applicants, dashboards, peoplePages] = await Promise.all([
    findApplicants(env),
    findDashboards(env),
    findPeoplePages(env),
  ]);
  return { applicants, dashboards, peoplePages };
}
