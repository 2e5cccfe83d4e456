/**
 * 免证办: verifyCertificate answers a status and nothing else. The holder is compared before the
 * status is read, so naming the wrong holder of an expired, revoked or suspended certificate
 * answers HOLDER_MISMATCH: the status is never told to a non-holder. Malformed input is
 * BAD_USER_INPUT, never a verdict.
 */
import fs from 'node:fs';
import path from 'node:path';
import { parse, EnumTypeDefinitionNode, Kind } from 'graphql';
import { LOOKUP_MISS_VERDICTS } from '../../../contracts/audit/lookup-verdicts';
import { withIdNumberCheck } from '../../../domain/id-number';
import { postGraphQL } from '../../../test/utils/graphql-client';
import { createTempDatabase, TempDatabase } from '../../../test/utils/temp-database';
import { RunningSubgraph, startSubgraphServer } from '../../kit/subgraph-server';
import { buildCertificateNumber } from '../certificate-number';
import { chinaToday } from '../certificate-status';
import { verificationRequest, verificationStatus } from '../certificate-verification';
import { licencesSubgraph } from '../module';
import { CertificateRow } from '../store';

const today = '2026-12-06';
const PERSON = withIdNumberCheck('32060219900101123');
const OTHER = withIdNumberCheck('32060219851231456');
const row = (over: Partial<CertificateRow>): CertificateRow =>
  ({
    number: buildCertificateNumber({
      typeCode: '1002',
      regionCode: '320602',
      year: 2015,
      serial: 1,
    }),
    holder_kind: 'PERSON',
    holder_key: PERSON,
    recorded_status: 'VALID',
    valid_to: '2030-01-01',
    ...over,
  }) as CertificateRow;

describe('the verdict of a verification', () => {
  const person = { kind: 'PERSON' as const, key: PERSON };

  it("gives the holder the certificate's status today", () => {
    expect(verificationStatus(row({}), person, today)).toBe('VALID');
    expect(verificationStatus(row({ valid_to: null }), person, today)).toBe('VALID');
    expect(verificationStatus(row({ valid_to: today }), person, today)).toBe('VALID');
    expect(verificationStatus(row({ valid_to: '2026-12-05' }), person, today)).toBe('EXPIRED');
    expect(verificationStatus(row({ recorded_status: 'REVOKED' }), person, today)).toBe('REVOKED');
    expect(verificationStatus(row({ recorded_status: 'SUSPENDED' }), person, today)).toBe(
      'SUSPENDED',
    );
    expect(verificationStatus(null, person, today)).toBe('NOT_FOUND');
  });

  it('tells anyone else only HOLDER_MISMATCH, whatever the status', () => {
    for (const over of [
      {},
      { valid_to: '2001-01-01' },
      { recorded_status: 'REVOKED' as const },
      { recorded_status: 'SUSPENDED' as const, valid_to: '2001-01-01' },
    ]) {
      expect(verificationStatus(row(over), { kind: 'PERSON', key: OTHER }, today)).toBe(
        'HOLDER_MISMATCH',
      );
      // The same key claimed as a legal entity's is not the person's certificate either.
      expect(verificationStatus(row(over), { kind: 'LEGAL_ENTITY', key: PERSON }, today)).toBe(
        'HOLDER_MISMATCH',
      );
    }
  });

  it('refuses a request that does not name exactly one well-formed holder and number', () => {
    const number = row({}).number;
    const problem = (args: Parameters<typeof verificationRequest>[0]) => {
      try {
        verificationRequest(args);
        return null;
      } catch (err) {
        const e = err as { extensions: Record<string, unknown> };
        return [e.extensions.code, e.extensions.argumentName, e.extensions.problem];
      }
    };
    expect(problem({ number, holderIdNumber: PERSON })).toBeNull();
    expect(problem({ number })).toEqual(['BAD_USER_INPUT', 'holderIdNumber', 'ONE_HOLDER']);
    expect(
      problem({ number, holderIdNumber: PERSON, holderCreditCode: '91320602MA1XXXXXX0' }),
    ).toEqual(['BAD_USER_INPUT', 'holderCreditCode', 'ONE_HOLDER']);
    expect(
      problem({
        number: number.slice(0, 22) + (number[22] === '0' ? '1' : '0'),
        holderIdNumber: PERSON,
      }),
    ).toEqual(['BAD_USER_INPUT', 'number', 'CHECKSUM']);
    expect(
      problem({ number, holderIdNumber: PERSON.slice(0, 17) + (PERSON[17] === '0' ? '1' : '0') }),
    ).toEqual(['BAD_USER_INPUT', 'holderIdNumber', 'CHECKSUM']);
    expect(problem({ number, holderIdNumber: PERSON.toLowerCase().replace(/.$/, 'x') })?.[1]).toBe(
      'holderIdNumber',
    );
    expect(problem({ number, holderCreditCode: '91320602MA1XXXXXX1' })?.slice(0, 2)).toEqual([
      'BAD_USER_INPUT',
      'holderCreditCode',
    ]);
  });

  it('answers a miss with exactly the verdicts the gateway counts as lookup misses', () => {
    const sdl = parse(
      fs.readFileSync(path.join(__dirname, '../../../schema/licences.graphql'), 'utf8'),
    );
    const verdicts = sdl.definitions.find(
      (d): d is EnumTypeDefinitionNode =>
        d.kind === Kind.ENUM_TYPE_DEFINITION && d.name.value === 'CertificateVerificationStatus',
    );
    const values = verdicts!.values!.map((v) => v.name.value);
    expect(values.filter((v) => LOOKUP_MISS_VERDICTS.has(v)).sort()).toEqual([
      'HOLDER_MISMATCH',
      'NOT_FOUND',
    ]);
  });
});

describe('verifyCertificate in the licences subgraph', () => {
  let temp: TempDatabase;
  let server: RunningSubgraph;
  const certs: Record<'valid' | 'expired' | 'revoked' | 'suspended' | 'entity', CertificateRow> =
    {} as never;

  const VERIFY = `query($n: ID!, $id: ID, $cc: ID) {
    verifyCertificate(number: $n, holderIdNumber: $id, holderCreditCode: $cc) { status checkedOn }
  }`;
  const verify = async (n: string, holder: { id?: string; cc?: string }) =>
    postGraphQL(server.url, VERIFY, { n, id: holder.id, cc: holder.cc });

  beforeAll(async () => {
    temp = await createTempDatabase(licencesSubgraph, { persons: 300, seed: 11 });
    server = await startSubgraphServer(licencesSubgraph, { db: temp.db, port: 0, log: () => {} });
    const persons = (await temp
      .db('certificates')
      .where({ holder_kind: 'PERSON', recorded_status: 'VALID' })
      .whereNull('valid_to')
      .orWhere('valid_to', '>', chinaToday())
      .andWhere({ holder_kind: 'PERSON', recorded_status: 'VALID' })
      .orderBy('number')
      .limit(4)) as CertificateRow[];
    expect(persons).toHaveLength(4);
    // Give three of them the states to verify, as the issuers would have.
    await temp
      .db('certificates')
      .where({ number: persons[1].number })
      .update({ valid_to: '2001-01-01' });
    await temp.db('certificates').where({ number: persons[2].number }).update({
      recorded_status: 'REVOKED',
      status_changed_on: '2020-01-01',
      status_reason: '吊销',
    });
    await temp.db('certificates').where({ number: persons[3].number }).update({
      recorded_status: 'SUSPENDED',
      status_changed_on: '2020-01-01',
      status_reason: '暂扣',
    });
    const entity = (await temp
      .db('certificates')
      .where({ holder_kind: 'LEGAL_ENTITY' })
      .orderBy('number')
      .first()) as CertificateRow;
    Object.assign(certs, {
      valid: persons[0],
      expired: persons[1],
      revoked: persons[2],
      suspended: persons[3],
      entity,
    });
  }, 60_000);
  afterAll(async () => {
    await server?.stop();
    await temp?.cleanup();
  });

  it('answers each status to the holder, with the day it holds for and nothing else', async () => {
    const expected = {
      valid: 'VALID',
      expired: 'EXPIRED',
      revoked: 'REVOKED',
      suspended: 'SUSPENDED',
    };
    for (const [which, status] of Object.entries(expected)) {
      const c = certs[which as keyof typeof expected];
      const res = await verify(c.number, { id: c.holder_key });
      expect(res.body).toEqual({
        data: { verifyCertificate: { status, checkedOn: chinaToday() } },
      });
    }
    const res = await verify(certs.entity.number, { cc: certs.entity.holder_key });
    expect(res.body.data?.verifyCertificate.status).toMatch(/^(VALID|EXPIRED|REVOKED|SUSPENDED)$/);
  });

  it('answers HOLDER_MISMATCH to a wrong holder of any certificate, expired or withdrawn included', async () => {
    const stranger = certs.valid.holder_key === PERSON ? OTHER : PERSON;
    for (const c of [certs.valid, certs.expired, certs.revoked, certs.suspended]) {
      const res = await verify(c.number, { id: stranger });
      expect(res.body).toEqual({
        data: { verifyCertificate: { status: 'HOLDER_MISMATCH', checkedOn: chinaToday() } },
      });
      // The holder's key used as a credit code, or a person's key for an entity's licence.
      expect(
        (await verify(certs.entity.number, { id: c.holder_key })).body.data?.verifyCertificate
          .status,
      ).toBe('HOLDER_MISMATCH');
    }
  });

  it('answers NOT_FOUND for a well-formed number no certificate has', async () => {
    const unused = buildCertificateNumber({
      typeCode: '1001',
      regionCode: '320602',
      year: 2020,
      serial: 99_999_999,
    });
    const res = await verify(unused, { id: PERSON });
    expect(res.body).toEqual({
      data: { verifyCertificate: { status: 'NOT_FOUND', checkedOn: chinaToday() } },
    });
  });

  it('refuses malformed input with BAD_USER_INPUT naming the argument, and no verdict', async () => {
    const c = certs.valid;
    const cases: [string, { id?: string; cc?: string }, string][] = [
      [c.number, {}, 'holderIdNumber'],
      [c.number, { id: c.holder_key, cc: certs.entity.holder_key }, 'holderCreditCode'],
      ['1002320602201500000001', { id: c.holder_key }, 'number'],
      [c.number.slice(0, 22) + (c.number[22] === '0' ? '1' : '0'), { id: c.holder_key }, 'number'],
      [c.number, { id: '320602199013011234' }, 'holderIdNumber'],
      [c.number, { cc: '9132060200000000XX' }, 'holderCreditCode'],
    ];
    for (const [n, holder, argument] of cases) {
      const res = await verify(n, holder);
      expect(res.body.data?.verifyCertificate ?? null).toBeNull();
      expect(res.body.errors).toHaveLength(1);
      expect(res.body.errors![0].extensions).toMatchObject({
        code: 'BAD_USER_INPUT',
        argumentName: argument,
      });
    }
  });

  it('says nothing about the holder or the certificate, even to the holder', async () => {
    const c = certs.valid;
    const res = await verify(c.number, { id: c.holder_key });
    const text = JSON.stringify(res.body);
    for (const secret of [
      c.holder_name,
      c.licence_number,
      c.issuer_name,
      c.valid_to ?? '',
      c.issued_on,
    ])
      if (secret) expect(text).not.toContain(secret);
  });
});
