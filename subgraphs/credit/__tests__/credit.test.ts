import { postGraphQL } from '../../../test/utils/graphql-client';
import { describeWithService } from '../../../test/utils/services';
import {
  createTempDatabase,
  TempDatabase,
  TempDatabaseOptions,
} from '../../../test/utils/temp-database';
import { buildCreditCode } from '../../../domain/credit-code';
import { QueryCounter } from '../../kit/query-counter';
import { RunningSubgraph, startSubgraphServer } from '../../kit/subgraph-server';
import { CreditRecordRow } from '../credit-record-row';
import { chinaToday } from '../credit-status';
import { creditSubgraph } from '../module';

const RECORD_FIELDS = `
  __typename id subjectKind decidedOn issuingAuthority regionCode
  legalEntity { creditCode } entityName person { idNumber } personName
  ... on LicensingRecord { licenceName licenceNumber category validFrom validTo }
  ... on PenaltyRecord { documentNumber penaltyTypes amount publicityEndsOn active content }
  ... on ListEntry { listType listName listedOn removedOn listingAuthority jointMeasures active }
`;
const STATUS_FIELDS = `creditCode rating onRedList onBlackList activePenalties lastUpdated asOf`;

interface RecordJson {
  __typename: string;
  id: string;
  decidedOn: string;
  active?: boolean;
  publicityEndsOn?: string;
  listType?: string;
  removedOn?: string | null;
}
interface StatusJson {
  rating: string;
  onRedList: boolean;
  onBlackList: boolean;
  activePenalties: number;
  lastUpdated: string | null;
  asOf: string;
}

function startServer(options: TempDatabaseOptions) {
  const state = {} as { temp: TempDatabase; server: RunningSubgraph };
  beforeAll(async () => {
    state.temp = await createTempDatabase(creditSubgraph, options);
    state.server = await startSubgraphServer(creditSubgraph, {
      db: state.temp.db,
      port: 0,
      log: () => {},
    });
  });
  afterAll(async () => {
    await state.server?.stop();
    await state.temp?.cleanup();
  });
  return state;
}

async function subjectsWith(
  db: TempDatabase['db'],
  subjectKind: string,
  limit: number,
): Promise<string[]> {
  const rows: { subject_key: string }[] = await db('credit_records')
    .distinct('subject_key')
    .where('subject_kind', subjectKind)
    .orderBy('subject_key')
    .limit(limit);
  return rows.map((r) => r.subject_key);
}

/** Counts the statements one `_entities` query issues for the first key and for all of them. */
async function queriesFor(
  state: { temp: TempDatabase; server: RunningSubgraph },
  typename: string,
  keyField: string,
  keys: string[],
  selection: string,
) {
  const query = `query($r: [_Any!]!) { _entities(representations: $r) { ... on ${typename} { ${selection} } } }`;
  const counter = new QueryCounter(state.temp.db);
  await postGraphQL(state.server.url, query, {
    r: keys.slice(0, 1).map((k) => ({ __typename: typename, [keyField]: k })),
  });
  const one = counter.count;
  counter.reset();
  const { body } = await postGraphQL(state.server.url, query, {
    r: keys.map((k) => ({ __typename: typename, [keyField]: k })),
  });
  counter.detach();
  return { one, many: counter.count, body };
}

async function pageListEntries(
  url: string,
  args: string,
): Promise<{ ids: string[]; total: number; regions: string[] }> {
  const ids: string[] = [];
  const regions: string[] = [];
  let after: string | null = null;
  let total = 0;
  do {
    const res: any = await postGraphQL(
      url,
      `query($after: String) { listEntries(${args}, first: 7, after: $after) { totalCount nodes { id regionCode } pageInfo { endCursor hasNextPage } } }`,
      { after },
    );
    expect(res.body.errors).toBeUndefined();
    const conn = res.body.data.listEntries;
    total = conn.totalCount;
    ids.push(...conn.nodes.map((n: { id: string }) => n.id));
    regions.push(...conn.nodes.map((n: { regionCode: string }) => n.regionCode));
    after = conn.pageInfo.hasNextPage ? conn.pageInfo.endCursor : null;
  } while (after);
  return { ids, total, regions };
}

/** Behaviour that must hold on every database backend. */
function batchingAndPaging(state: { temp: TempDatabase; server: RunningSubgraph }): void {
  it('resolves fifty legal entities with their records and status in as many queries as one', async () => {
    const codes = await subjectsWith(state.temp.db, 'LEGAL_ENTITY', 50);
    expect(codes).toHaveLength(50);
    const { one, many, body } = await queriesFor(
      state,
      'LegalEntity',
      'creditCode',
      codes,
      `creditCode creditRecords { ${RECORD_FIELDS} } creditStatus { ${STATUS_FIELDS} }`,
    );
    expect(body.errors).toBeUndefined();
    expect(body.data?._entities).toHaveLength(50);
    expect(
      body.data?._entities.every((e: { creditRecords: unknown[] }) => e.creditRecords.length > 0),
    ).toBe(true);
    expect(many).toBe(one);
  });

  it('resolves fifty people with their records in as many queries as one', async () => {
    const ids = await subjectsWith(state.temp.db, 'NATURAL_PERSON', 50);
    expect(ids).toHaveLength(50);
    const { one, many, body } = await queriesFor(
      state,
      'Person',
      'idNumber',
      ids,
      `idNumber creditRecords { ${RECORD_FIELDS} }`,
    );
    expect(body.errors).toBeUndefined();
    expect(body.data?._entities.map((p: { idNumber: string }) => p.idNumber)).toEqual(ids);
    expect(
      body.data?._entities.every((p: { creditRecords: unknown[] }) => p.creditRecords.length > 0),
    ).toBe(true);
    expect(many).toBe(one);
  });

  it('pages through a black list, removed entries included, without repeating or skipping any', async () => {
    const { ids, total } = await pageListEntries(
      state.server.url,
      `listType: BLACK, includeRemoved: true`,
    );
    const expected: { id: string }[] = await state.temp
      .db('credit_records')
      .select('id')
      .where('list_type', 'BLACK')
      .orderBy('id');
    expect(total).toBe(expected.length);
    expect(ids).toEqual(expected.map((r) => r.id));
  });
}

describe('credit subgraph', () => {
  const state = startServer({ persons: 4000, seed: 7 });
  let records: CreditRecordRow[];
  beforeAll(async () => {
    records = await state.temp.db('credit_records').select('*').orderBy('id');
  });

  describe('creditRecord', () => {
    it('answers a penalty through the interface, with its own fields in an inline fragment', async () => {
      const row = records.find(
        (r) => r.kind === 'PENALTY' && r.subject_kind === 'LEGAL_ENTITY' && r.amount !== null,
      ) as CreditRecordRow;
      const { body } = await postGraphQL(
        state.server.url,
        `query($id: ID!) { creditRecord(id: $id) { ${RECORD_FIELDS} } }`,
        { id: row.id },
      );
      expect(body.errors).toBeUndefined();
      expect(body.data?.creditRecord).toMatchObject({
        __typename: 'PenaltyRecord',
        id: row.id,
        subjectKind: 'LEGAL_ENTITY',
        legalEntity: { creditCode: row.subject_key },
        entityName: row.subject_name,
        person: null,
        personName: null,
        documentNumber: row.document_number,
        amount: Number(row.amount),
        penaltyTypes: (row.penalty_types as string).split(','),
      });
    });

    it('answers a licensing record numbered with the entity credit code', async () => {
      const row = records.find((r) => r.kind === 'LICENSING') as CreditRecordRow;
      const { body } = await postGraphQL(
        state.server.url,
        `query($id: ID!) { creditRecord(id: $id) { __typename ... on LicensingRecord { licenceName licenceNumber category validTo legalEntity { creditCode } } ... on PenaltyRecord { amount } } }`,
        { id: row.id },
      );
      expect(body.data?.creditRecord).toEqual({
        __typename: 'LicensingRecord',
        licenceName: '营业执照',
        licenceNumber: row.subject_key,
        category: 'REGISTRATION',
        validTo: null,
        legalEntity: { creditCode: row.subject_key },
      });
    });

    it('links a natural person through a Person stub and the name, not the entity fields', async () => {
      const row = records.find(
        (r) => r.subject_kind === 'NATURAL_PERSON' && r.kind === 'LIST_ENTRY',
      ) as CreditRecordRow;
      const { body } = await postGraphQL(
        state.server.url,
        `query($id: ID!) { creditRecord(id: $id) { ${RECORD_FIELDS} } }`,
        { id: row.id },
      );
      expect(body.data?.creditRecord).toMatchObject({
        __typename: 'ListEntry',
        subjectKind: 'NATURAL_PERSON',
        person: { idNumber: row.subject_key },
        personName: row.subject_name,
        legalEntity: null,
        entityName: null,
        listType: 'BLACK',
        listName: '失信被执行人名单',
        listedOn: row.decided_on,
      });
      expect(body.data?.creditRecord.jointMeasures.length).toBeGreaterThan(1);
    });

    it('answers null for a well-formed ID that is not on record', async () => {
      const { body } = await postGraphQL(
        state.server.url,
        `{ creditRecord(id: "CF199999999901") { id } }`,
      );
      expect(body.errors).toBeUndefined();
      expect(body.data?.creditRecord).toBeNull();
    });

    it.each([
      ['CF1000', 'LENGTH'],
      ['XX100000000101', 'FORMAT'],
      ['CF300000000101', 'FORMAT'],
    ])('rejects the malformed record ID %s with BAD_USER_INPUT (%s)', async (id, problem) => {
      const { body } = await postGraphQL(
        state.server.url,
        `query($id: ID!) { creditRecord(id: $id) { id } }`,
        { id },
      );
      expect(body.errors?.[0].extensions).toMatchObject({
        code: 'BAD_USER_INPUT',
        argumentName: 'id',
        problem,
      });
    });
  });

  describe('credit status', () => {
    it('agrees with the records it is computed from, for every entity with records', async () => {
      const codes = [
        ...new Set(
          records.filter((r) => r.subject_kind === 'LEGAL_ENTITY').map((r) => r.subject_key),
        ),
      ];
      const { body } = await postGraphQL(
        state.server.url,
        `query($r: [_Any!]!) { _entities(representations: $r) { ... on LegalEntity { creditRecords { ${RECORD_FIELDS} } creditStatus { ${STATUS_FIELDS} } } } }`,
        { r: codes.map((creditCode) => ({ __typename: 'LegalEntity', creditCode })) },
      );
      expect(body.errors).toBeUndefined();
      const ratings = new Set<string>();
      for (const { creditRecords, creditStatus } of body.data?._entities as {
        creditRecords: RecordJson[];
        creditStatus: StatusJson;
      }[]) {
        const today = creditStatus.asOf;
        const penalties = creditRecords.filter((r) => r.__typename === 'PenaltyRecord');
        const listings = creditRecords.filter((r) => r.__typename === 'ListEntry');
        // The record flags follow from the dates, judged on the status's own day.
        for (const p of penalties)
          expect(p.active).toBe(p.decidedOn <= today && today <= (p.publicityEndsOn as string));
        for (const l of listings)
          expect(l.active).toBe(
            l.decidedOn <= today && (l.removedOn == null || today < l.removedOn),
          );
        const black = listings.some((l) => l.listType === 'BLACK' && l.active);
        const red = listings.some((l) => l.listType === 'RED' && l.active);
        const active = penalties.filter((p) => p.active).length;
        expect(creditStatus).toMatchObject({
          onBlackList: black,
          onRedList: red,
          activePenalties: active,
        });
        expect(creditStatus.rating).toBe(black ? 'D' : active > 0 ? 'C' : red ? 'A' : 'B');
        ratings.add(creditStatus.rating);
      }
      expect(ratings).toContain('B');
      expect(ratings).toContain('D');
    });

    it('gives the same status through Query.creditStatus as through the entity', async () => {
      const code = records.find((r) => r.list_type === 'BLACK' && r.subject_kind === 'LEGAL_ENTITY')
        ?.subject_key as string;
      const direct = await postGraphQL(
        state.server.url,
        `query($c: ID!) { creditStatus(creditCode: $c) { ${STATUS_FIELDS} } }`,
        { c: code },
      );
      const viaEntity = await postGraphQL(
        state.server.url,
        `query($r: [_Any!]!) { _entities(representations: $r) { ... on LegalEntity { creditStatus { ${STATUS_FIELDS} } } } }`,
        {
          r: [{ __typename: 'LegalEntity', creditCode: code }],
        },
      );
      expect(direct.body.data?.creditStatus).toEqual(
        viaEntity.body.data?._entities[0].creditStatus,
      );
      expect(direct.body.data?.creditStatus.creditCode).toBe(code);
      expect(direct.body.data?.creditStatus.asOf).toBe(chinaToday());
    });

    it('rates an entity without any record B', async () => {
      const code = buildCreditCode('9', '1', '320602', 'YYYYYYYY');
      const { body } = await postGraphQL(
        state.server.url,
        `query($c: ID!) { creditStatus(creditCode: $c) { ${STATUS_FIELDS} } }`,
        { c: code },
      );
      expect(body.data?.creditStatus).toMatchObject({
        creditCode: code,
        rating: 'B',
        onRedList: false,
        onBlackList: false,
        activePenalties: 0,
        lastUpdated: null,
      });
    });

    it.each([
      ['91320602MA1XXXXX', 'LENGTH'],
      ['91320602MA1XXXXXIO', 'FORMAT'],
      ['913206022603508590', 'CHECKSUM'],
    ])('rejects the malformed credit code %s with BAD_USER_INPUT (%s)', async (code, problem) => {
      const { body } = await postGraphQL(
        state.server.url,
        `query($c: ID!) { creditStatus(creditCode: $c) { rating } }`,
        { c: code },
      );
      expect(body.errors?.[0].extensions).toMatchObject({
        code: 'BAD_USER_INPUT',
        argumentName: 'creditCode',
        problem,
      });
    });
  });

  describe('subjects', () => {
    it('lists a person only their own records, in decision order', async () => {
      const [id] = await subjectsWith(state.temp.db, 'NATURAL_PERSON', 1);
      const { body } = await postGraphQL(
        state.server.url,
        `query($r: [_Any!]!) { _entities(representations: $r) { ... on Person { creditRecords { id decidedOn person { idNumber } } } } }`,
        {
          r: [{ __typename: 'Person', idNumber: id }],
        },
      );
      const list: { id: string; decidedOn: string; person: { idNumber: string } }[] =
        body.data?._entities[0].creditRecords;
      expect(list.map((r) => r.id).sort()).toEqual(
        records.filter((r) => r.subject_key === id).map((r) => r.id),
      );
      expect(list.every((r) => r.person.idNumber === id)).toBe(true);
      expect([...list.map((r) => r.decidedOn)].sort()).toEqual(list.map((r) => r.decidedOn));
    });

    it('answers an empty list for a person without records', async () => {
      const { body } = await postGraphQL(
        state.server.url,
        `query($r: [_Any!]!) { _entities(representations: $r) { ... on Person { creditRecords { id } } } }`,
        {
          r: [{ __typename: 'Person', idNumber: '32060219900101123X' }],
        },
      );
      expect(body.data?._entities[0].creditRecords).toEqual([]);
    });
  });

  describe('listEntries', () => {
    batchingAndPaging(state);

    it('lists only entries in force today unless removed ones are asked for', async () => {
      const today = chinaToday();
      const { ids } = await pageListEntries(state.server.url, `listType: BLACK`);
      const expected = records
        .filter(
          (r) =>
            r.list_type === 'BLACK' &&
            r.decided_on <= today &&
            (r.removed_on === null || today < r.removed_on),
        )
        .map((r) => r.id);
      expect(ids).toEqual(expected);
      expect(records.filter((r) => r.list_type === 'BLACK').length).toBeGreaterThan(
        expected.length,
      );
    });

    it('filters by county', async () => {
      const { ids, regions } = await pageListEntries(
        state.server.url,
        `listType: BLACK, regionCode: "320682", includeRemoved: true`,
      );
      expect(ids).toEqual(
        records
          .filter((r) => r.list_type === 'BLACK' && r.region_code === '320682')
          .map((r) => r.id),
      );
      expect(new Set(regions)).toEqual(new Set(ids.length ? ['320682'] : []));
    });

    it('rejects an unknown region code and an oversized page with BAD_USER_INPUT', async () => {
      const region = await postGraphQL(
        state.server.url,
        `{ listEntries(listType: RED, regionCode: "320699") { totalCount } }`,
      );
      expect(region.body.errors?.[0].extensions).toMatchObject({
        code: 'BAD_USER_INPUT',
        argumentName: 'regionCode',
      });
      const page = await postGraphQL(
        state.server.url,
        `{ listEntries(listType: RED, first: 1000) { totalCount } }`,
      );
      expect(page.body.errors?.[0].extensions).toMatchObject({
        code: 'BAD_USER_INPUT',
        argumentName: 'first',
      });
    });
  });
});

describeWithService('mysql', 'credit subgraph on MariaDB', () => {
  batchingAndPaging(startServer({ persons: 4000, seed: 7, backend: 'mysql' }));
});
