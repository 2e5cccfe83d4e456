/**
 * The people-page operation: a page of a county's residents, each with their certificates and
 * credit records (batched loads across subgraphs), and the population subgraph's share of it.
 */
import { CREDIT_RECORD } from './applicant-profile-operation';
import type { PeoplePageFixture } from './bench-fixtures';
import type { BenchOperation } from './bench-operations';
import { arr, count, Json, obj } from './response-data';

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
  if (nodes?.length !== f.first)
    return `expected ${f.first} people, got ${nodes?.length ?? 'none'}`;
  if (!nodes.every((n) => obj(n)?.householdRegionCode === f.regionCode))
    return `a person is not registered in ${f.regionCode}`;
  return null;
}

function checkPeoplePage(data: unknown, f: PeoplePageFixture): string | null {
  const page = obj(obj(data)?.people);
  const problem = checkPage(page, f);
  if (problem || !page) return problem;
  const nodes = (arr(page.nodes) ?? []).map(obj);
  // Pages of children legitimately hold no certificates: the list must be there, not full.
  if (!nodes.every((n) => count(n?.certificates) >= 0)) return 'a person has no certificates list';
  if (!nodes.every((n) => n?.creditRecords === null || count(n?.creditRecords) >= 0))
    return 'a person has a malformed creditRecords';
  return null;
}

export function peoplePage(pages: PeoplePageFixture[]): BenchOperation {
  const variables = (f: PeoplePageFixture) => ({
    regionCode: f.regionCode,
    first: f.first,
    after: f.after,
  });
  return {
    name: 'people-page',
    description:
      `\`people(regionCode:, first: ${pages[0].first}, after:)\`: a page of ${pages[0].first} residents (population), each with their certificates (licences) and credit records (credit). ` +
      `Rotates over the first ${pages.length} pages of county ${pages[0].regionCode}`,
    gateway: {
      variants: pages.map((f) => ({
        body: { operationName: 'PeoplePage', query: PEOPLE_PAGE, variables: variables(f) },
        check: (data) => checkPeoplePage(data, f),
      })),
    },
    direct: {
      subgraph: 'population',
      scope: 'the page of residents only (no certificates, no credit records)',
      variants: pages.map((f) => ({
        body: {
          operationName: 'PeoplePagePopulation',
          query: PEOPLE_PAGE_POPULATION,
          variables: variables(f),
        },
        check: (data) => checkPage(obj(obj(data)?.people), f),
      })),
    },
  };
}
