/**
 * 免证办 through the gateway: the service network verifies a certificate an applicant names
 * instead of asking for the paper, and learns a status and nothing else. A caller who does not
 * name the holder learns only HOLDER_MISMATCH, whatever the certificate's status; and guessing
 * who holds a known certificate through verifyCertificate spends the daily budget of lookup
 * misses exactly as guessing ID numbers through person(idNumber:) does, and is recorded as
 * misses for the probing flags.
 */
import '../../utils/e2e-timeout';
import { recordsFor } from '../audit/audit-rows';
import { candidates } from '../security/id-candidates';
import { leakedSecrets } from '../security/leak-search';
import { GraphQLResult, postGraphQL } from '../../utils/graphql-client';
import { Platform, startPlatform } from '../../utils/platform';
import { describeWithService } from '../../utils/services';

const SERVICE_NETWORK = {
  department: 'big-data-bureau',
  application: 'service-network',
  operator: 'clerk-01',
  purpose: 'ADMINISTRATIVE_APPROVAL',
};
/** Any government caller may verify (UNCONDITIONAL); here, one with bad intent. */
const TAX = {
  department: 'tax',
  application: 'tax-collection',
  operator: 'li.ming',
  purpose: 'TAX_ADMINISTRATION',
};
const BUDGET = 40;
const PER_REQUEST = 20;

const VERIFY = `query Verify($n: ID!, $id: ID, $cc: ID) {
  verifyCertificate(number: $n, holderIdNumber: $id, holderCreditCode: $cc) { status checkedOn }
}`;

interface CertificateRow {
  number: string;
  holder_kind: string;
  holder_key: string;
  holder_name: string;
  licence_number: string;
  address: string | null;
  issued_on: string;
  valid_to: string | null;
}

function verificationSuite(backend: 'sqlite' | 'mysql', redisUrl: string | null) {
  let platform: Platform;
  let valid: CertificateRow;
  let revoked: CertificateRow;
  let expired: CertificateRow;
  const responses: GraphQLResult[] = [];

  const verify = async (
    caller: typeof SERVICE_NETWORK,
    n: string,
    holder: { id?: string; cc?: string },
  ) => {
    const result = await postGraphQL(
      platform.gatewayUrl,
      VERIFY,
      { n, id: holder.id, cc: holder.cc },
      await platform.headers(caller),
    );
    responses.push(result);
    return result;
  };
  const statusOf = (r: GraphQLResult) => r.body.data?.verifyCertificate?.status;

  beforeAll(async () => {
    const namespace = `verify-${Date.now()}-${Math.random().toString(36).slice(2)}`;
    platform = await startPlatform({
      backend,
      persons: 300,
      subgraphs: ['population', 'licences', 'sharing'],
      gateway: { lookupMissesPerDay: BUDGET },
      ...(redisUrl ? { redis: { url: redisUrl, namespace } } : {}),
    });
    const db = platform.subgraphs.licences!.db;
    const inForce = (await db('certificates')
      .where({ holder_kind: 'PERSON', recorded_status: 'VALID' })
      .whereNotNull('valid_to')
      .where('valid_to', '>', '2099-01-01')
      .orWhere((q) =>
        q.where({ holder_kind: 'PERSON', recorded_status: 'VALID' }).whereNull('valid_to'),
      )
      .orderBy('number')
      .limit(3)) as CertificateRow[];
    expect(inForce).toHaveLength(3);
    [valid, revoked, expired] = inForce;
    // As the issuers would have: one withdrawn, one lapsed.
    await db('certificates').where({ number: revoked.number }).update({
      recorded_status: 'REVOKED',
      status_changed_on: '2024-05-01',
      status_reason: '吊销',
    });
    await db('certificates').where({ number: expired.number }).update({ valid_to: '2010-12-31' });
  });
  afterAll(async () => {
    await platform?.stop();
  });

  it("answers the applicant's own certificate VALID, with nothing about it or them", async () => {
    const result = await verify(SERVICE_NETWORK, valid.number, { id: valid.holder_key });
    expect(result.status).toBe(200);
    expect(result.body).toEqual({
      data: { verifyCertificate: { status: 'VALID', checkedOn: expect.any(String) } },
    });
    const secrets = [valid.holder_name, valid.licence_number, valid.address ?? '', valid.issued_on];
    expect(leakedSecrets(result, secrets.filter(Boolean))).toEqual([]);
  });

  it('answers the holder EXPIRED and REVOKED, and a wrong holder HOLDER_MISMATCH for the same certificates', async () => {
    expect(
      statusOf(await verify(SERVICE_NETWORK, expired.number, { id: expired.holder_key })),
    ).toBe('EXPIRED');
    expect(
      statusOf(await verify(SERVICE_NETWORK, revoked.number, { id: revoked.holder_key })),
    ).toBe('REVOKED');
    for (const c of [valid, expired, revoked]) {
      const [stranger] = candidates(c.holder_key, 1);
      expect(statusOf(await verify(SERVICE_NETWORK, c.number, { id: stranger }))).toBe(
        'HOLDER_MISMATCH',
      );
    }
  });

  it('refuses malformed input with BAD_USER_INPUT', async () => {
    const bad = await verify(SERVICE_NETWORK, valid.number, {
      id: valid.holder_key.slice(0, 17) + (valid.holder_key[17] === '0' ? '1' : '0'),
    });
    expect(bad.body.data?.verifyCertificate ?? null).toBeNull();
    expect(bad.body.errors?.[0].extensions).toMatchObject({
      code: 'BAD_USER_INPUT',
      argumentName: 'holderIdNumber',
    });
    const both = await verify(SERVICE_NETWORK, valid.number, {
      id: valid.holder_key,
      cc: '91320602MA1XXXXXX0',
    });
    expect(both.body.errors?.[0].extensions?.code).toBe('BAD_USER_INPUT');
  });

  it('records a mismatch as a lookup miss and a verdict for the holder as none', async () => {
    const hit = await verify(SERVICE_NETWORK, valid.number, { id: valid.holder_key });
    const [stranger] = candidates(valid.holder_key, 1);
    const miss = await verify(SERVICE_NETWORK, valid.number, { id: stranger });
    await platform.audit!.ship();
    const db = await platform.audit!.connect();
    const [hitRecord] = await recordsFor(db, hit.headers.get('x-request-id')!);
    const [missRecord] = await recordsFor(db, miss.headers.get('x-request-id')!);
    expect(hitRecord).toMatchObject({
      application: 'service-network',
      outcome: 'ok',
      fieldsServed: expect.arrayContaining(['Query.verifyCertificate']),
    });
    expect(hitRecord.lookupMisses).toBeUndefined();
    expect(missRecord.lookupMisses).toEqual({ notFound: 1, badInput: 0 });
  });

  it('spends the daily budget of misses on guessing who holds a certificate, then refuses', async () => {
    // The holder's real number after the first 100 guesses: the guesser must not reach it today.
    const guesses = candidates(valid.holder_key, 200);
    guesses.splice(100, 0, valid.holder_key);
    const statuses: number[] = [];
    const verdicts: string[] = [];
    for (let offset = 0; offset < guesses.length; offset += PER_REQUEST) {
      const lookups = guesses
        .slice(offset, offset + PER_REQUEST)
        .map(
          (id, i) =>
            `g${i}: verifyCertificate(number: "${valid.number}", holderIdNumber: "${id}") { status }`,
        );
      const result = await postGraphQL(
        platform.gatewayUrl,
        `query Guess { ${lookups.join(' ')} }`,
        {},
        await platform.headers(TAX),
      );
      responses.push(result);
      statuses.push(result.status);
      for (const v of Object.values(result.body.data ?? {}))
        verdicts.push((v as { status: string }).status);
      if (result.status === 429) {
        expect(result.body.errors?.[0].extensions).toMatchObject({
          code: 'RATE_LIMITED',
          reason: 'LOOKUP_MISS_BUDGET',
        });
        break;
      }
    }
    // Two requests of 20 mismatches spend the budget of 40; the third is refused.
    expect(statuses).toEqual([200, 200, 429]);
    expect(new Set(verdicts)).toEqual(new Set(['HOLDER_MISMATCH']));
    // The service network's own budget is untouched: it still verifies.
    expect(statusOf(await verify(SERVICE_NETWORK, valid.number, { id: valid.holder_key }))).toBe(
      'VALID',
    );
  });

  it("never shows a certificate's holder or details in any response", async () => {
    for (const c of [valid, expired, revoked]) {
      const secrets = [c.holder_name, c.licence_number, c.address ?? ''].filter(Boolean);
      for (const response of responses) expect(leakedSecrets(response, secrets)).toEqual([]);
    }
  });
}

describe('certificate verification through the gateway (SQLite)', () =>
  verificationSuite('sqlite', null));

describeWithService(
  ['mysql', 'redis'],
  'certificate verification through the gateway (MariaDB, Redis)',
  () => verificationSuite('mysql', process.env.REDIS_URL ?? null),
);
