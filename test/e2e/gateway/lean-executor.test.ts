/**
 * The gateway's own executor (gateway/execution/plan-execution/) against ApolloGateway's, side
 * by side over the same subgraphs: every operation here is sent to a gateway of each, and the
 * two answers must be the same text, key order included. The operations cover what plans and
 * shaping meet: entity fetches across subgraphs and lists of them, interfaces and unions with
 * type conditions, aliases, a field asked twice with different selections, `__typename`
 * everywhere, @skip/@include by variable, default and literal, nulls, subgraph errors on a root
 * field and inside entities, and bad variables.
 */
import { postGraphQL } from '../../utils/graphql-client';
import { ExtraGateway, Platform, startPlatform } from '../../utils/platform';

const PERSON_CORE = `idNumber name gender birthDate householdRegionCode`;

const CREDIT = `__typename id decidedOn issuingAuthority regionCode
  ... on PenaltyRecord { documentNumber penaltyTypes amount active publicityEndsOn }
  ... on ListEntry { listType listName active removedOn }`;

const PEOPLE_PAGE = `query PeoplePage($regionCode: ID!, $first: Int!, $after: String) {
  people(regionCode: $regionCode, first: $first, after: $after) {
    totalCount
    pageInfo { endCursor hasNextPage }
    nodes { ${PERSON_CORE} certificates { number type status validTo } creditRecords { ${CREDIT} } }
  }
}`;

const APPLICANT = `query Applicant($idNumber: ID!) {
  person(idNumber: $idNumber) {
    ${PERSON_CORE} ethnicity phone householdAddress householdRelation
    household { number regionCode townCode address }
    residence { code fullText county { code name } }
    certificates { number type typeName status issuedOn validTo issuer { name } }
    creditRecords { ${CREDIT} }
    enterprises {
      creditCode name entityType status establishedOn registeredCapital
      creditStatus { rating onRedList onBlackList activePenalties }
      certificates(status: VALID) { number type status validTo }
    }
  }
}`;

const SHAPES = `query Shapes($withPhone: Boolean!, $skipCredit: Boolean = false, $idNumber: ID!) {
  t: __typename
  person(idNumber: $idNumber) {
    __typename
    kind: __typename
    ...Who
    phone @include(if: $withPhone)
    name @skip(if: true)
    name
    alias1: certificates { number }
    certificates { __typename type holder { __typename ... on Person { idNumber } ... on LegalEntity { creditCode name } } }
    creditRecords @skip(if: $skipCredit) {
      ... on CreditRecord { id }
      ... on PenaltyRecord { id amount legalEntity { creditCode } }
      ... Listed
    }
  }
}
fragment Who on Person { idNumber name gender household { number } }
fragment Listed on ListEntry { listName person { idNumber } }`;

const ENTITIES = `{
  legalEntities(first: 8) {
    totalCount
    nodes {
      creditCode
      name
      legalRepresentative { idNumber name certificates { number } }
      legalRepresentative { household { number } }
      again: legalRepresentative { name }
      creditRecords { __typename id ... on LicensingRecord { entityName } }
      certificates { number holder { __typename } }
    }
  }
}`;

const TWO_OPERATIONS = `query First { legalEntities(first: 2) { nodes { creditCode } } }
query Second($idNumber: ID!) { person(idNumber: $idNumber) { name } }`;

interface Answer {
  status: number;
  text: string;
}

describe("the gateway's executor answers as ApolloGateway's does", () => {
  let platform: Platform;
  let apollo: ExtraGateway;
  let auth: Record<string, string>;
  let idNumbers: string[];

  beforeAll(async () => {
    platform = await startPlatform({
      subgraphs: ['population', 'legal-entity', 'licences', 'credit', 'spatial'],
      persons: 1000,
      gateway: { sharingPolicyMode: 'dry-run' },
    });
    apollo = await platform.addGateway({ executor: 'apollo' });
    auth = await platform.headers({ department: 'public-security' });
    const { body } = await postGraphQL<{
      legalEntities: { nodes: { legalRepresentative: { idNumber: string } | null }[] };
    }>(
      platform.gatewayUrl,
      '{ legalEntities(first: 20) { nodes { legalRepresentative { idNumber } } } }',
      {},
      auth,
    );
    idNumbers = body
      .data!.legalEntities.nodes.map((n) => n.legalRepresentative?.idNumber)
      .filter((id): id is string => !!id);
    expect(idNumbers.length).toBeGreaterThan(3);
  });
  afterAll(async () => {
    await platform?.stop();
  });

  async function post(url: string, query: string, variables: object, operationName?: string) {
    const res = await fetch(url, {
      method: 'POST',
      headers: { 'content-type': 'application/json', ...auth },
      body: JSON.stringify({ query, variables, operationName }),
    });
    return { status: res.status, text: await res.text() } satisfies Answer;
  }

  /** Both answers, after checking they are the same text; the lean one parsed. */
  async function both(query: string, variables: object = {}, operationName?: string) {
    const before = platform.gateway.executions()!;
    const lean = await post(platform.gatewayUrl, query, variables, operationName);
    const reference = await post(apollo.url, query, variables, operationName);
    expect(lean.status).toBe(reference.status);
    expect(lean.text).toBe(reference.text);
    const after = platform.gateway.executions()!;
    return {
      body: JSON.parse(lean.text) as {
        data?: unknown;
        errors?: { message: string; path?: unknown[]; extensions?: Record<string, unknown> }[];
      },
      lean: after.lean - before.lean,
      apollo: after.apollo - before.apollo,
    };
  }

  it('serves a page of people with their certificates and credit records (entity fetches over lists)', async () => {
    const { body, lean } = await both(PEOPLE_PAGE, { regionCode: '320602', first: 30 });
    expect(lean).toBe(1);
    expect(body.errors).toBeUndefined();
    expect((body.data as { people: { nodes: unknown[] } }).people.nodes).toHaveLength(30);
  });

  it('serves an applicant profile from five subgraphs', async () => {
    for (const idNumber of idNumbers.slice(0, 4)) {
      const { body, lean } = await both(APPLICANT, { idNumber });
      expect(lean).toBe(1);
      expect(body.errors).toBeUndefined();
    }
  });

  it('shapes aliases, fragments, type conditions, __typename and @skip/@include alike', async () => {
    for (const [withPhone, skipCredit] of [
      [true, false],
      [false, true],
      [false, undefined],
    ])
      for (const idNumber of idNumbers.slice(0, 3)) {
        const { lean } = await both(SHAPES, { withPhone, skipCredit, idNumber });
        expect(lean).toBe(1);
      }
  });

  it('merges a field asked twice and an aliased one across entity fetches', async () => {
    const { body, lean } = await both(ENTITIES);
    expect(lean).toBe(1);
    expect(body.errors).toBeUndefined();
  });

  it('answers null for nobody, and passes a subgraph error on at its path', async () => {
    const nobody = await both(APPLICANT, { idNumber: '110101199003077777' });
    expect(nobody.lean).toBe(1);
    const bad = await both(APPLICANT, { idNumber: 'not-an-id-number' });
    expect(bad.body.errors?.[0]).toMatchObject({
      path: ['person'],
      extensions: { code: 'BAD_USER_INPUT' },
    });
  });

  it('refuses bad variables the same way', async () => {
    const { body } = await both(PEOPLE_PAGE, { regionCode: '320602', first: 'many' });
    expect(body.errors?.length).toBeGreaterThan(0);
  });

  it('runs the operation the request names in a document of two', async () => {
    const { lean } = await both(TWO_OPERATIONS, { idNumber: idNumbers[0] }, 'Second');
    expect(lean).toBe(1);
    await both(TWO_OPERATIONS, {}, 'First');
  });

  it('answers aliases named after object built-ins as plain response names', async () => {
    const { body, lean } = await both(
      `query($idNumber: ID!) { person(idNumber: $idNumber) { __proto__: name constructor: idNumber toString: gender hasOwnProperty: household { valueOf: number } } }`,
      { idNumber: idNumbers[0] },
    );
    expect(lean).toBe(1);
    const person = (body.data as { person: Record<string, unknown> }).person;
    expect(Object.keys(person)).toEqual(['__proto__', 'constructor', 'toString', 'hasOwnProperty']);
  });

  it("leaves introspection to Apollo's executor, with the same answer", async () => {
    const {
      body,
      lean,
      apollo: handedOn,
    } = await both(
      '{ __schema { queryType { name } } person(idNumber: "110101199003077777") { name } }',
    );
    expect(lean).toBe(0);
    expect(handedOn).toBe(1);
    expect(body.data).toEqual({ __schema: { queryType: { name: 'Query' } }, person: null });
  });
});
