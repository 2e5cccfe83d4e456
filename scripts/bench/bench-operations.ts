/**
 * The operations the benchmark measures, as data: the full operation sent through a gateway,
 * and the part of it that the root field's subgraph answers alone, sent to that subgraph
 * directly. Each has many argument sets from the seeded data (bench-fixtures.ts), each with a
 * check of its answer (no `errors`, the expected data present) that must pass on a target
 * before the operation is measured there.
 */
import type { SubgraphName } from '../../contracts/subgraph-directory';
import { maskIdNumber } from '../../gateway/masking/id-number';
import type { ApplicantFixture, BenchFixtures, DashboardFixture, PeoplePageFixture } from './bench-fixtures';

export interface GraphQLRequestBody {
  query: string;
  operationName?: string;
  variables: Record<string, unknown>;
}

/**
 * What a target's answers are expected to look like: `masked` where it enforces the sharing
 * policy for a caller whose grant is masked (脱敏), so ID numbers, names, dates and addresses
 * come back masked rather than equal to the seeded values.
 */
export interface CheckExpectation {
  masked: boolean;
}

/** One request and what its `data` must hold; `check` returns the problem, or null. */
export interface RequestVariant {
  body: GraphQLRequestBody;
  check(data: unknown, expect?: CheckExpectation): string | null;
}

export interface OperationRequest {
  /** The load rotates through these, so concurrent requests differ. */
  variants: RequestVariant[];
}

export interface BenchOperation {
  /** Short name, for `--only` and the tables. */
  name: string;
  /** What is asked, for BENCHMARKS.md. */
  description: string;
  /** The whole operation, through a gateway. */
  gateway: OperationRequest;
  /** The root subgraph's share, sent to it directly; `scope` says what it leaves out. */
  direct: (OperationRequest & { subgraph: SubgraphName; scope: string }) | null;
}

type Json = Record<string, unknown>;

function obj(value: unknown): Json | null {
  return value !== null && typeof value === 'object' && !Array.isArray(value) ? (value as Json) : null;
}

function arr(value: unknown): unknown[] | null {
  return Array.isArray(value) ? value : null;
}

function count(value: unknown): number {
  return arr(value)?.length ?? -1;
}

const average = (values: number[]) => (values.reduce((a, b) => a + b, 0) / values.length).toFixed(1);

const POPULATION_PERSON = `idNumber
    name
    gender
    birthDate
    ethnicity
    phone
    householdRegionCode
    householdAddress
    householdRelation
    household { number regionCode townCode address }`;

const CREDIT_RECORD = `__typename
      id
      decidedOn
      issuingAuthority
      regionCode
      ... on PenaltyRecord { documentNumber penaltyTypes amount active publicityEndsOn }
      ... on ListEntry { listType listName active removedOn }`;

const APPLICANT_PROFILE = `query ApplicantProfile($idNumber: ID!) {
  person(idNumber: $idNumber) {
    ${POPULATION_PERSON}
    residence { code fullText county { code name } }
    certificates { number type typeName status issuedOn validTo issuer { name } }
    creditRecords {
      ${CREDIT_RECORD}
    }
    enterprises {
      creditCode
      name
      entityType
      status
      establishedOn
      registeredCapital
      creditStatus { rating onRedList onBlackList activePenalties }
      certificates(status: VALID) { number type status validTo }
    }
  }
}`;

const APPLICANT_PROFILE_POPULATION = `query ApplicantProfilePopulation($idNumber: ID!) {
  person(idNumber: $idNumber) {
    ${POPULATION_PERSON}
  }
}`;

const MASKED_DATE = /^\d{4}-\*\*-\*\*$/;

function checkPopulationPerson(person: Json | null, f: ApplicantFixture, masked = false): string | null {
  if (!person) return `person ${f.idNumber} is null`;
  const idNumber = masked ? maskIdNumber(f.idNumber) : f.idNumber;
  if (person.idNumber !== idNumber) return `person.idNumber is ${String(person.idNumber)}, expected ${idNumber}${masked ? ' (masked)' : ''}`;
  if (masked && !(typeof person.birthDate === 'string' && MASKED_DATE.test(person.birthDate))) return `person.birthDate is ${String(person.birthDate)}, expected a masked date (YYYY-**-**)`;
  if (masked && !(typeof person.name === 'string' && person.name.includes('*'))) return `person.name is ${String(person.name)}, expected a masked name`;
  if (!obj(person.household)) return 'person.household is missing';
  return null;
}

function checkApplicant(data: unknown, f: ApplicantFixture, masked = false): string | null {
  const person = obj(obj(data)?.person);
  const problem = checkPopulationPerson(person, f, masked);
  if (problem || !person) return problem;
  if (!obj(person.residence)) return 'person.residence is missing';
  if (count(person.certificates) !== f.certificates) return `${f.idNumber}: expected ${f.certificates} certificates, got ${count(person.certificates)}`;
  if (count(person.creditRecords) !== f.creditRecords) return `${f.idNumber}: expected ${f.creditRecords} credit records, got ${count(person.creditRecords)}`;
  const enterprises = arr(person.enterprises);
  if (enterprises?.length !== f.enterprises) return `${f.idNumber}: expected ${f.enterprises} enterprises, got ${enterprises?.length ?? 'none'}`;
  if (!enterprises.every((e) => obj(obj(e)?.creditStatus))) return 'an enterprise has no creditStatus';
  return null;
}

function applicantProfile(applicants: ApplicantFixture[]): BenchOperation {
  return {
    name: 'applicant-profile',
    description:
      `\`person(idNumber:)\` of an applicant: population fields and household; residence (spatial); certificates (licences); credit records (credit); enterprises (legal-entity) with each one's credit status (credit) and valid certificates (licences). ` +
      `Rotates over ${applicants.length} applicants, each the legal representative of an enterprise with at least two certificates and a credit record (on average ${average(applicants.map((a) => a.certificates))} certificates, ${average(applicants.map((a) => a.creditRecords))} credit records, ${average(applicants.map((a) => a.enterprises))} enterprises)`,
    gateway: {
      variants: applicants.map((f) => ({
        body: { operationName: 'ApplicantProfile', query: APPLICANT_PROFILE, variables: { idNumber: f.idNumber } },
        check: (data, expect) => checkApplicant(data, f, expect?.masked),
      })),
    },
    direct: {
      subgraph: 'population',
      scope: 'population fields and household only (no residence, certificates, credit records or enterprises)',
      variants: applicants.map((f) => ({
        body: { operationName: 'ApplicantProfilePopulation', query: APPLICANT_PROFILE_POPULATION, variables: { idNumber: f.idNumber } },
        check: (data) => checkPopulationPerson(obj(obj(data)?.person), f),
      })),
    },
  };
}

const REGION = `code
    name
    nameEn
    level
    parent { code name }
    children { code name }`;

const REGION_DASHBOARD = `query RegionDashboard($code: ID!, $from: String!) {
  region(code: $code) {
    ${REGION}
    indicators(from: $from) {
      indicator { code name unit }
      periodType
      observations { period value unit status releasedOn }
    }
    cityPartCounts { class total byStatus { status count } }
  }
}`;

const REGION_DASHBOARD_SPATIAL = `query RegionDashboardSpatial($code: ID!) {
  region(code: $code) {
    ${REGION}
  }
}`;

function checkRegion(region: Json | null, f: DashboardFixture): string | null {
  if (!region) return `region ${f.regionCode} is null`;
  if (region.code !== f.regionCode) return `region.code is ${String(region.code)}, expected ${f.regionCode}`;
  if (!obj(region.parent)) return `region ${f.regionCode} has no parent`;
  if (f.level === 'COUNTY' && count(region.children) < 1) return `county ${f.regionCode} has no towns`;
  return null;
}

function checkDashboard(data: unknown, f: DashboardFixture): string | null {
  const region = obj(obj(data)?.region);
  const problem = checkRegion(region, f);
  if (problem || !region) return problem;
  const series = arr(region.indicators);
  if (!series || !series.every((s) => count(obj(s)?.observations) >= 0)) return `region ${f.regionCode}: malformed indicator series`;
  // A series may be empty from `from` on (e.g. a year not yet released as final), not all of a county's.
  if (f.level === 'COUNTY' && !series.some((s) => count(obj(s)?.observations) > 0)) return `county ${f.regionCode}: no indicator series with observations`;
  const total = (arr(region.cityPartCounts) ?? []).reduce<number>((sum, c) => sum + Number(obj(c)?.total ?? 0), 0);
  if (total !== f.cityParts) return `region ${f.regionCode}: expected ${f.cityParts} city parts in the counts, got ${total}`;
  return null;
}

function regionDashboard(dashboards: DashboardFixture[]): BenchOperation {
  const counties = dashboards.filter((d) => d.level === 'COUNTY').length;
  return {
    name: 'region-dashboard',
    description:
      `\`region(code:)\` with its parent and towns (spatial), every indicator series from ${dashboards[0].from} on (macro-economy) and city-part counts by class and status (city-parts). ` +
      `Rotates over ${dashboards.length} regions (${counties} counties, ${dashboards.length - counties} towns)`,
    gateway: {
      variants: dashboards.map((f) => ({
        body: { operationName: 'RegionDashboard', query: REGION_DASHBOARD, variables: { code: f.regionCode, from: f.from } },
        check: (data) => checkDashboard(data, f),
      })),
    },
    direct: {
      subgraph: 'spatial',
      scope: 'the region, its parent and towns only (no indicators, no city-part counts)',
      variants: dashboards.map((f) => ({
        body: { operationName: 'RegionDashboardSpatial', query: REGION_DASHBOARD_SPATIAL, variables: { code: f.regionCode } },
        check: (data) => checkRegion(obj(obj(data)?.region), f),
      })),
    },
  };
}

const PAGE = `totalCount
    pageInfo { endCursor hasNextPage }`;

const PAGE_PERSON = `idNumber
      name
      gender
      birthDate
      householdRegionCode`;

const PEOPLE_PAGE = `query PeoplePage($regionCode: ID!, $first: Int!, $after: String) {
  people(regionCode: $regionCode, first: $first, after: $after) {
    ${PAGE}
    nodes {
      ${PAGE_PERSON}
      certificates { number type status validTo }
      creditRecords {
        ${CREDIT_RECORD}
      }
    }
  }
}`;

const PEOPLE_PAGE_POPULATION = `query PeoplePagePopulation($regionCode: ID!, $first: Int!, $after: String) {
  people(regionCode: $regionCode, first: $first, after: $after) {
    ${PAGE}
    nodes {
      ${PAGE_PERSON}
    }
  }
}`;

function checkPage(page: Json | null, f: PeoplePageFixture): string | null {
  if (!page) return 'people is null';
  const nodes = arr(page.nodes);
  if (nodes?.length !== f.first) return `expected ${f.first} people, got ${nodes?.length ?? 'none'}`;
  if (!nodes.every((n) => obj(n)?.householdRegionCode === f.regionCode)) return `a person is not registered in ${f.regionCode}`;
  return null;
}

function checkPeoplePage(data: unknown, f: PeoplePageFixture): string | null {
  const page = obj(obj(data)?.people);
  const problem = checkPage(page, f);
  if (problem || !page) return problem;
  const nodes = (arr(page.nodes) ?? []).map(obj);
  // Pages of children legitimately hold no certificates: the list must be there, not full.
  if (!nodes.every((n) => count(n?.certificates) >= 0)) return 'a person has no certificates list';
  if (!nodes.every((n) => n?.creditRecords === null || count(n?.creditRecords) >= 0)) return 'a person has a malformed creditRecords';
  return null;
}

function peoplePage(pages: PeoplePageFixture[]): BenchOperation {
  const variables = (f: PeoplePageFixture) => ({ regionCode: f.regionCode, first: f.first, after: f.after });
  return {
    name: 'people-page',
    description:
      `\`people(regionCode:, first: ${pages[0].first}, after:)\`: a page of ${pages[0].first} residents (population), each with their certificates (licences) and credit records (credit). ` +
      `Rotates over the first ${pages.length} pages of county ${pages[0].regionCode}`,
    gateway: {
      variants: pages.map((f) => ({ body: { operationName: 'PeoplePage', query: PEOPLE_PAGE, variables: variables(f) }, check: (data) => checkPeoplePage(data, f) })),
    },
    direct: {
      subgraph: 'population',
      scope: 'the page of residents only (no certificates, no credit records)',
      variants: pages.map((f) => ({
        body: { operationName: 'PeoplePagePopulation', query: PEOPLE_PAGE_POPULATION, variables: variables(f) },
        check: (data) => checkPage(obj(obj(data)?.people), f),
      })),
    },
  };
}

export const OPERATION_NAMES: readonly string[] = ['applicant-profile', 'region-dashboard', 'people-page'];

export function benchOperations(fixtures: BenchFixtures): BenchOperation[] {
  return [applicantProfile(fixtures.applicants), regionDashboard(fixtures.dashboards), peoplePage(fixtures.peoplePages)];
}

export function checkOperationNames(names: string[] | null): void {
  const unknown = names?.filter((n) => !OPERATION_NAMES.includes(n)) ?? [];
  if (unknown.length > 0) throw new Error(`--only: unknown operation(s) ${unknown.join(', ')}; known: ${OPERATION_NAMES.join(', ')}`);
}
