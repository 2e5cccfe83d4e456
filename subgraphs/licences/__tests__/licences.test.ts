import { Kind, ObjectTypeDefinitionNode, parse } from 'graphql';
import { postGraphQL } from '../../../test/utils/graphql-client';
import { describeWithService } from '../../../test/utils/services';
import { createTempDatabase, TempDatabase } from '../../../test/utils/temp-database';
import { isValidCreditCode } from '../../../domain/credit-code';
import { addYears, ageOn, DEMO_AS_OF } from '../../../domain/demo/calendar';
import {
  createWorld,
  iterateEntities,
  iterateResidents,
  personAt,
} from '../../../domain/demo/world';
import { QueryCounter } from '../../kit/query-counter';
import { RunningSubgraph, startSubgraphServer } from '../../kit/subgraph-server';
import {
  buildCertificateNumber,
  certificateNumberProblem,
  parseCertificateNumber,
} from '../certificate-number';
import { chinaToday } from '../certificate-status';
import { certificateType } from '../certificate-types';
import { entityCertificates } from '../entity-certificates';
import { licencesSubgraph } from '../module';
import { personCertificates } from '../person-certificates';
import { CertificateRow } from '../store';

const PERSONS = 2000;
const SEED = 13;
const world = createWorld({ seed: SEED, persons: PERSONS });

const ENTITIES_QUERY = `query($r: [_Any!]!, $type: CertificateType, $status: CertificateStatus) {
  _entities(representations: $r) {
    ... on Person { idNumber certificates(type: $type, status: $status) { number type status issuedOn } }
    ... on LegalEntity { creditCode certificates(type: $type, status: $status) { number type status issuedOn } }
    ... on Certificate { number holderName }
  }
}`;

describe('licences subgraph', () => {
  let temp: TempDatabase;
  let server: RunningSubgraph;
  let rows: CertificateRow[];
  const today = chinaToday();

  beforeAll(async () => {
    temp = await createTempDatabase(licencesSubgraph, { persons: PERSONS, seed: SEED });
    server = await startSubgraphServer(licencesSubgraph, { db: temp.db, port: 0, log: () => {} });
    rows = await temp.db('certificates').select('*').orderBy('number');
  });
  afterAll(async () => {
    await server?.stop();
    await temp?.cleanup();
  });

  const ofType = (type: string) => rows.filter((r) => r.type === type);

  describe('seed', () => {
    it('gives every certificate an identifier that passes its check and carries its type and issuer', () => {
      const wrong = rows.filter((r) => {
        const parts = parseCertificateNumber(r.number);
        return (
          certificateNumberProblem(r.number) !== null ||
          parts.typeCode !== certificateType(r.type).code ||
          parts.regionCode !== r.issuer_region_code
        );
      });
      expect(wrong).toEqual([]);
    });

    it('issues certificates only to residents and entities of the same demo world', () => {
      const residents = new Set(
        Array.from({ length: PERSONS }, (_, i) => personAt(world, i).idNumber),
      );
      const entities = new Set([...iterateEntities(world)].map((e) => e.creditCode));
      const strangers = rows.filter((r) =>
        r.holder_kind === 'PERSON' ? !residents.has(r.holder_key) : !entities.has(r.holder_key),
      );
      expect(strangers).toEqual([]);
      expect(
        rows.filter((r) => r.holder_kind === 'LEGAL_ENTITY' && !isValidCreditCode(r.holder_key)),
      ).toEqual([]);
    });

    it('issues an ID card to every resident aged 16 or over, numbered with their ID number', () => {
      const adults = Array.from({ length: PERSONS }, (_, i) => personAt(world, i)).filter(
        (p) => ageOn(p.birthDate, DEMO_AS_OF) >= 16,
      );
      const cards = ofType('RESIDENT_ID_CARD');
      expect(new Set(cards.map((c) => c.holder_key))).toEqual(
        new Set(adults.map((p) => p.idNumber)),
      );
      expect(cards.filter((c) => c.licence_number !== c.holder_key)).toEqual([]);
    });

    it('gives each ID card the term the law sets for the age at issue (居民身份证法 第五条)', () => {
      const birth = new Map(
        Array.from({ length: PERSONS }, (_, i) => personAt(world, i)).map((p) => [
          p.idNumber,
          p.birthDate,
        ]),
      );
      const wrong = ofType('RESIDENT_ID_CARD').filter((c) => {
        const age = ageOn(birth.get(c.holder_key)!, c.issued_on);
        const years = age <= 25 ? 10 : age <= 45 ? 20 : null;
        return years === null ? c.valid_to !== null : c.valid_to !== addYears(c.issued_on, years);
      });
      expect(wrong).toEqual([]);
    });

    it('gives driving licences a 6-year, then 10-year, then unlimited term', () => {
      const terms = new Set(
        ofType('DRIVING_LICENCE').map((c) =>
          c.valid_to === null
            ? 'unlimited'
            : Number(c.valid_to.slice(0, 4)) - Number(c.issued_on.slice(0, 4)),
        ),
      );
      expect([...terms].sort()).toEqual([10, 6, 'unlimited']);
    });

    it('issues a business licence to every market entity, numbered with its credit code', () => {
      const market = [...iterateEntities(world)].filter((e) =>
        ['COMPANY', 'INDIVIDUAL_BUSINESS', 'COOPERATIVE'].includes(e.kind),
      );
      const licences = ofType('BUSINESS_LICENCE');
      expect(licences.map((c) => c.holder_key).sort()).toEqual(
        market.map((e) => e.creditCode).sort(),
      );
      expect(licences.filter((c) => c.licence_number !== c.holder_key)).toEqual([]);
    });

    it('gives food permits only to food and catering businesses, and construction permits only to builders', () => {
      const trade = new Map([...iterateEntities(world)].map((e) => [e.creditCode, e.industry]));
      expect(ofType('FOOD_BUSINESS_PERMIT').length).toBeGreaterThan(0);
      expect(
        ofType('FOOD_BUSINESS_PERMIT').filter(
          (c) => !['餐饮', '食品', '商贸'].includes(trade.get(c.holder_key) ?? ''),
        ),
      ).toEqual([]);
      expect(ofType('CONSTRUCTION_PERMIT').length).toBeGreaterThan(0);
      expect(
        ofType('CONSTRUCTION_PERMIT').filter((c) => trade.get(c.holder_key) !== '建筑工程'),
      ).toEqual([]);
    });

    it('issues between one and two certificates per resident overall', () => {
      expect(rows.length / PERSONS).toBeGreaterThanOrEqual(1);
      expect(rows.length / PERSONS).toBeLessThanOrEqual(2);
    });

    it('dates nothing after the demo day and never ends a validity before it starts', () => {
      expect(
        rows.filter(
          (r) => r.issued_on > DEMO_AS_OF || (r.valid_to !== null && r.valid_to < r.valid_from),
        ),
      ).toEqual([]);
    });

    it('gives both spouses of a couple in one household the same marriage registration number', () => {
      const marriages = ofType('MARRIAGE_CERTIFICATE');
      const byHolder = new Map(marriages.map((m) => [m.holder_key, m]));
      const couples = marriages
        .map(
          (m) =>
            [
              m,
              JSON.parse(m.surface).find((i: { name: string }) => i.name === '配偶身份证件号')
                ?.value,
            ] as const,
        )
        .filter(([, spouse]) => spouse);
      expect(couples.length).toBeGreaterThan(0);
      expect(
        couples.filter(([m, spouse]) => byHolder.get(spouse)?.licence_number !== m.licence_number),
      ).toEqual([]);
    });
  });

  describe('certificate', () => {
    it('looks up an ID card with its holder as a Person stub, its issuer and its printed data', async () => {
      const card = ofType('RESIDENT_ID_CARD')[0];
      const { body } = await postGraphQL(
        server.url,
        `query($n: ID!) { certificate(number: $n) {
          number type typeCode typeName licenceNumber holderName address issuedOn validFrom validTo status
          holder { __typename ... on Person { idNumber } ... on LegalEntity { creditCode } }
          issuer { name creditCode regionCode }
          surface { name value }
        } }`,
        { n: card.number },
      );
      expect(body.errors).toBeUndefined();
      expect(body.data?.certificate).toMatchObject({
        number: card.number,
        type: 'RESIDENT_ID_CARD',
        typeCode: '1001',
        typeName: '居民身份证',
        licenceNumber: card.holder_key,
        holder: { __typename: 'Person', idNumber: card.holder_key },
        issuer: {
          name: card.issuer_name,
          creditCode: card.issuer_credit_code,
          regionCode: card.issuer_region_code,
        },
        issuedOn: card.issued_on,
      });
      expect(body.data?.certificate.surface.map((i: { name: string }) => i.name)).toEqual([
        '民族',
        '出生',
        '签发机关',
      ]);
    });

    it('resolves the holder of a business licence as a LegalEntity stub', async () => {
      const licence = ofType('BUSINESS_LICENCE')[0];
      const { body } = await postGraphQL(
        server.url,
        `query($n: ID!) { certificate(number: $n) { holder { __typename ... on LegalEntity { creditCode } } } }`,
        { n: licence.number },
      );
      expect(body.data?.certificate.holder).toEqual({
        __typename: 'LegalEntity',
        creditCode: licence.holder_key,
      });
    });

    it('answers null for a well-formed identifier that was never issued', async () => {
      const unknown = buildCertificateNumber({
        typeCode: '1003',
        regionCode: '320602',
        year: 2020,
        serial: 99_999_999,
      });
      expect(rows.some((r) => r.number === unknown)).toBe(false);
      const { body } = await postGraphQL(
        server.url,
        `query($n: ID!) { certificate(number: $n) { number } }`,
        { n: unknown },
      );
      expect(body.errors).toBeUndefined();
      expect(body.data?.certificate).toBeNull();
    });

    it.each([
      ['LENGTH', '1001320602'],
      ['FORMAT', '1001320602201500000123Y'],
      ['TYPE', '9001320602201500000123X'],
      ['CHECKSUM', 'swap-check'],
    ])('rejects a malformed identifier with BAD_USER_INPUT (%s)', async (problem, value) => {
      const valid = rows[0].number;
      const number =
        value === 'swap-check' ? valid.slice(0, 22) + (valid[22] === '0' ? '1' : '0') : value;
      const { body } = await postGraphQL(
        server.url,
        `query($n: ID!) { certificate(number: $n) { number } }`,
        { n: number },
      );
      expect(body.errors?.[0].extensions).toMatchObject({
        code: 'BAD_USER_INPUT',
        argumentName: 'number',
        problem,
      });
    });

    it('reports a certificate past its end date as EXPIRED and a revoked one as REVOKED, with the date', async () => {
      const expired = rows.find(
        (r) => r.recorded_status === 'VALID' && r.valid_to !== null && r.valid_to < today,
      );
      const revoked = rows.find((r) => r.recorded_status === 'REVOKED');
      expect(expired).toBeDefined();
      expect(revoked).toBeDefined();
      const query = `query($n: ID!) { certificate(number: $n) { status statusChangedOn } }`;
      expect(
        (await postGraphQL(server.url, query, { n: expired!.number })).body.data?.certificate,
      ).toEqual({ status: 'EXPIRED', statusChangedOn: null });
      expect(
        (await postGraphQL(server.url, query, { n: revoked!.number })).body.data?.certificate,
      ).toEqual({ status: 'REVOKED', statusChangedOn: revoked!.status_changed_on });
    });

    it('lists the certificate catalogue with one entry per type', async () => {
      const { body } = await postGraphQL(
        server.url,
        `{ certificateTypes { type code name holderKind } }`,
      );
      expect(body.data?.certificateTypes).toHaveLength(7);
      expect(body.data?.certificateTypes).toContainEqual({
        type: 'FOOD_BUSINESS_PERMIT',
        code: '2002',
        name: '食品经营许可证',
        holderKind: 'LEGAL_ENTITY',
      });
    });
  });

  describe('federation', () => {
    it("lists a person's certificates newest first, filtered by type and by status", async () => {
      const holder = ofType('DRIVING_LICENCE')[0].holder_key;
      const own = rows
        .filter((r) => r.holder_key === holder)
        .sort((a, b) => (b.issued_on + b.number).localeCompare(a.issued_on + a.number));
      const ask = async (vars: Record<string, unknown>) =>
        (
          await postGraphQL(server.url, ENTITIES_QUERY, {
            r: [{ __typename: 'Person', idNumber: holder }],
            ...vars,
          })
        ).body.data?._entities[0].certificates;
      expect((await ask({})).map((c: { number: string }) => c.number)).toEqual(
        own.map((r) => r.number),
      );
      expect((await ask({ type: 'DRIVING_LICENCE' })).map((c: { type: string }) => c.type)).toEqual(
        ['DRIVING_LICENCE'],
      );
      expect(own.length).toBeGreaterThan(1);
      const statuses = (await ask({})).map((c: { status: string }) => c.status);
      const valid = await ask({ status: 'VALID' });
      expect(valid).toHaveLength(statuses.filter((s: string) => s === 'VALID').length);
    });

    it('filters by the status computed today, so EXPIRED finds certificates past their end date', async () => {
      const expired = rows.find(
        (r) =>
          r.holder_kind === 'PERSON' &&
          r.recorded_status === 'VALID' &&
          r.valid_to !== null &&
          r.valid_to < today,
      )!;
      const { body } = await postGraphQL(server.url, ENTITIES_QUERY, {
        r: [{ __typename: 'Person', idNumber: expired.holder_key }],
        status: 'EXPIRED',
      });
      expect(
        body.data?._entities[0].certificates.map((c: { number: string }) => c.number),
      ).toContain(expired.number);
      expect(
        body.data?._entities[0].certificates.every(
          (c: { status: string }) => c.status === 'EXPIRED',
        ),
      ).toBe(true);
    });

    it("lists a legal entity's certificates", async () => {
      const permit = ofType('FOOD_BUSINESS_PERMIT')[0];
      const { body } = await postGraphQL(server.url, ENTITIES_QUERY, {
        r: [{ __typename: 'LegalEntity', creditCode: permit.holder_key }],
      });
      const types = body.data?._entities[0].certificates.map((c: { type: string }) => c.type);
      expect(types).toEqual(expect.arrayContaining(['BUSINESS_LICENCE', 'FOOD_BUSINESS_PERMIT']));
    });

    it('answers an empty list for a child, who holds no certificate', async () => {
      const child = Array.from({ length: PERSONS }, (_, i) => personAt(world, i)).find(
        (p) => ageOn(p.birthDate, DEMO_AS_OF) < 10,
      )!;
      const { body } = await postGraphQL(server.url, ENTITIES_QUERY, {
        r: [{ __typename: 'Person', idNumber: child.idNumber }],
      });
      expect(body.data?._entities[0].certificates).toEqual([]);
    });

    it('resolves Person, LegalEntity and Certificate references with a number of queries that does not grow with the batch', async () => {
      const people = [
        ...new Set(rows.filter((r) => r.holder_kind === 'PERSON').map((r) => r.holder_key)),
      ].slice(0, 50);
      const entities = [
        ...new Set(rows.filter((r) => r.holder_kind === 'LEGAL_ENTITY').map((r) => r.holder_key)),
      ].slice(0, 50);
      const certificates = rows.slice(0, 50);
      const representations = (n: number) => [
        ...people.slice(0, n).map((idNumber) => ({ __typename: 'Person', idNumber })),
        ...entities.slice(0, n).map((creditCode) => ({ __typename: 'LegalEntity', creditCode })),
        ...certificates.slice(0, n).map((c) => ({ __typename: 'Certificate', number: c.number })),
      ];
      const counter = new QueryCounter(temp.db);
      const one = await postGraphQL(server.url, ENTITIES_QUERY, { r: representations(1) });
      const single = counter.count;
      counter.reset();
      const fifty = await postGraphQL(server.url, ENTITIES_QUERY, { r: representations(50) });
      counter.detach();
      expect(one.body.errors).toBeUndefined();
      expect(fifty.body.errors).toBeUndefined();
      expect(fifty.body.data?._entities).toHaveLength(150);
      expect(
        fifty.body.data?._entities.slice(100).map((c: { holderName: string }) => c.holderName),
      ).toEqual(certificates.map((c) => c.holder_name));
      expect(single).toBe(3);
      expect(counter.count).toBe(single);
    });
  });
  describe('a holder’s certificates read with only the columns the selection needs', () => {
    /** Every field of Certificate with a selection for it; checked against the subgraph's own SDL. */
    const FIELD_SELECTIONS: Record<string, string> = {
      number: 'number',
      type: 'type',
      typeCode: 'typeCode',
      typeName: 'typeName',
      licenceNumber: 'licenceNumber',
      holder: 'holder { __typename ... on Person { idNumber } ... on LegalEntity { creditCode } }',
      holderName: 'holderName',
      address: 'address',
      issuer: 'issuer { name creditCode regionCode }',
      issuedOn: 'issuedOn',
      validFrom: 'validFrom',
      validTo: 'validTo',
      status: 'status',
      statusChangedOn: 'statusChangedOn',
      statusReason: 'statusReason',
      issuingOfficer: 'issuingOfficer',
      surface: 'surface { name value }',
    };
    const listOf = (selection: string) => `query($r: [_Any!]!, $status: CertificateStatus) {
      _entities(representations: $r) {
        ... on Person { certificates(status: $status) { ${selection} } }
        ... on LegalEntity { certificates(status: $status) { ${selection} } }
      }
    }`;
    /** Holders of every kind of certificate, revoked and lapsed ones among them. */
    const holders = () => {
      const picked = new Map<string, CertificateRow>();
      for (const r of rows) if (!picked.has(r.type)) picked.set(r.type, r);
      for (const r of rows.filter((r) => r.recorded_status !== 'VALID').slice(0, 5))
        picked.set(r.number, r);
      return [...picked.values()].map((r) =>
        r.holder_kind === 'PERSON'
          ? { __typename: 'Person', idNumber: r.holder_key }
          : { __typename: 'LegalEntity', creditCode: r.holder_key },
      );
    };

    it('knows a selection for every field of Certificate', async () => {
      const { body } = await postGraphQL(server.url, '{ _service { sdl } }');
      const certificate = parse(body.data!._service.sdl).definitions.find(
        (d): d is ObjectTypeDefinitionNode =>
          d.kind === Kind.OBJECT_TYPE_DEFINITION && d.name.value === 'Certificate',
      );
      expect(certificate?.fields?.map((f) => f.name.value).sort()).toEqual(
        Object.keys(FIELD_SELECTIONS).sort(),
      );
    });

    it('serves every field alone exactly as it serves it beside all the others, filtered by status too', async () => {
      const r = holders();
      expect(r.length).toBeGreaterThan(10);
      for (const status of [null, 'REVOKED', 'EXPIRED']) {
        const all = await postGraphQL(
          server.url,
          listOf(Object.values(FIELD_SELECTIONS).join(' ')),
          {
            r,
            status,
          },
        );
        expect(all.body.errors).toBeUndefined();
        const lists = all.body.data!._entities.map(
          (e: { certificates: Record<string, unknown>[] }) => e.certificates,
        );
        expect(lists.flat().length).toBeGreaterThan(0);
        for (const [field, selection] of Object.entries(FIELD_SELECTIONS)) {
          const alone = await postGraphQL(server.url, listOf(selection), { r, status });
          expect(alone.body.errors).toBeUndefined();
          expect({
            field,
            lists: alone.body.data!._entities.map(
              (e: { certificates: unknown[] }) => e.certificates,
            ),
          }).toEqual({
            field,
            lists: lists.map((l: Record<string, unknown>[]) =>
              l.map((c) => ({ [field]: c[field] })),
            ),
          });
        }
      }
    });

    it('reads the printed surface, addresses and names only for a selection that asks for them', async () => {
      const counter = new QueryCounter(temp.db);
      try {
        const r = holders();
        await postGraphQL(server.url, listOf('number type status validTo'), { r });
        const page = counter.statements.filter((sql) => /certificates/.test(sql));
        counter.reset();
        await postGraphQL(server.url, listOf('number surface { name value }'), { r });
        const withSurface = counter.statements.filter((sql) => /certificates/.test(sql));
        expect(page.length).toBeGreaterThan(0);
        for (const sql of page) {
          expect(sql).toMatch(/"number"|`number`/);
          expect(sql).not.toMatch(/surface|address|holder_name|issuing_officer|\*/);
        }
        expect(withSurface.some((sql) => /surface/.test(sql))).toBe(true);
        expect(withSurface.every((sql) => !/address|issuing_officer/.test(sql))).toBe(true);
      } finally {
        counter.detach();
      }
    });
  });
});

describeWithService('mysql', 'licences subgraph on MariaDB', () => {
  let temp: TempDatabase;
  let server: RunningSubgraph;

  beforeAll(async () => {
    temp = await createTempDatabase(licencesSubgraph, {
      persons: 1000,
      seed: SEED,
      backend: 'mysql',
    });
    server = await startSubgraphServer(licencesSubgraph, { db: temp.db, port: 0, log: () => {} });
  }, 60_000);
  afterAll(async () => {
    await server?.stop();
    await temp?.cleanup();
  });

  it('seeds the same certificates as SQLite would for the same world', async () => {
    const [{ n }] = await temp.db('certificates').count({ n: '*' });
    const small = createWorld({ seed: SEED, persons: 1000 });
    const expected =
      [...personCertificates(small, iterateResidents(small))].length +
      [...iterateEntities(small)].flatMap((e) => entityCertificates(small, e)).length;
    expect(Number(n)).toBe(expected);
  });

  it("returns dates as ISO strings and filters a person's certificates by type", async () => {
    const card = await temp
      .db('certificates')
      .where('type', 'RESIDENT_ID_CARD')
      .first('number', 'holder_key', 'issued_on');
    const { body } = await postGraphQL(server.url, ENTITIES_QUERY, {
      r: [{ __typename: 'Person', idNumber: card.holder_key }],
      type: 'RESIDENT_ID_CARD',
    });
    expect(body.errors).toBeUndefined();
    expect(body.data?._entities[0].certificates).toEqual([
      expect.objectContaining({
        number: card.number,
        type: 'RESIDENT_ID_CARD',
        issuedOn: card.issued_on,
      }),
    ]);
    expect(card.issued_on).toMatch(/^\d{4}-\d{2}-\d{2}$/);
  });
});
