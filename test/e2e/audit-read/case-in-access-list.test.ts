/**
 * 办件 in the access lists: a case-bound request's record carries its case number and item
 * code, the citizen sees them for each access ("公租房申请, 办件 NT…"), departments and the bureau
 * see them in the access log, and records with and without a case verify as one chain.
 * Records written by the audit library itself, read through the audit subgraph; on SQLite and,
 * when it answers, MariaDB.
 */
import { verifyAuditDatabase } from '../../../gateway/audit/verify-database';
import { describeWithService } from '../../utils/services';
import {
  access,
  AuditFixture,
  callerOf,
  citizenOf,
  PERSON_A,
  PERSON_B,
  startAuditFixture,
} from './audit-fixture';

const NETWORK = {
  department: 'big-data-bureau',
  application: 'service-network',
  operator: 'clerk-01',
};
const HOUSING_CASE = { number: 'NT20250303-ZF0101-000042', item: 'ZF0101' };

const ENTRIES = [
  // Before the case: an ordinary access, no case.
  access(
    '2025-03-02T02:00:00.000Z',
    { department: 'civil-affairs', application: 'minimum-living-allowance' },
    {
      purpose: 'SOCIAL_ASSISTANCE',
      served: ['Query.person', 'Person.name'],
      people: [PERSON_A],
    },
  ),
  // The service network pulls the applicant's profile under the housing case.
  access('2025-03-03T02:00:00.000Z', NETWORK, {
    purpose: 'ADMINISTRATIVE_APPROVAL',
    served: ['Query.person', 'Person.name', 'Person.householdAddress'],
    masked: ['Person.name'],
    people: [PERSON_A],
    case: HOUSING_CASE,
  }),
  // A request that named a case it was not bound to (another application's): nothing was served
  // under it, so the person sees no case, while the department's log keeps what was named.
  access('2025-03-03T03:00:00.000Z', NETWORK, {
    purpose: 'ADMINISTRATIVE_APPROVAL',
    served: ['Query.person', 'Person.name'],
    masked: ['Person.name'],
    people: [PERSON_A],
    case: { number: 'NT20250303-ZF0101-000099', item: null },
  }),
  // Another applicant's case: not PERSON_A's business.
  access('2025-03-04T02:00:00.000Z', NETWORK, {
    purpose: 'ADMINISTRATIVE_APPROVAL',
    served: ['Query.person', 'Person.name'],
    people: [PERSON_B],
    case: { number: 'NT20250304-MZ0301-000007', item: 'MZ0301' },
  }),
];

const WHO = `query($id: ID!) {
  whoAccessedMyData(idNumber: $id) {
    subject { idNumber }
    totalCount
    nodes { time departmentCode application { id } purpose case { number item { code } } }
  }
}`;

const LOG = `query($consumer: ID) {
  accessLog(consumer: $consumer, first: 10) { nodes { time application { id } caseNumber itemCode } }
}`;

function caseSuite(backend: 'sqlite' | 'mysql') {
  let f: AuditFixture;
  beforeAll(async () => {
    f = await startAuditFixture(backend);
    await f.record(ENTRIES);
  }, 60_000);
  afterAll(async () => {
    await f?.stop();
  });

  it('shows the citizen, for each access, the case and item it served, and no case for the others', async () => {
    const { body } = await f.as(citizenOf(PERSON_A), WHO, { id: PERSON_A });
    expect(body.errors).toBeUndefined();
    expect(body.data!.whoAccessedMyData).toEqual({
      subject: { idNumber: PERSON_A },
      totalCount: 3,
      nodes: [
        {
          time: '2025-03-03T03:00:00.000Z',
          departmentCode: 'big-data-bureau',
          application: { id: 'service-network' },
          purpose: 'ADMINISTRATIVE_APPROVAL',
          case: null,
        },
        {
          time: '2025-03-03T02:00:00.000Z',
          departmentCode: 'big-data-bureau',
          application: { id: 'service-network' },
          purpose: 'ADMINISTRATIVE_APPROVAL',
          case: { number: HOUSING_CASE.number, item: { code: 'ZF0101' } },
        },
        {
          time: '2025-03-02T02:00:00.000Z',
          departmentCode: 'civil-affairs',
          application: { id: 'minimum-living-allowance' },
          purpose: 'SOCIAL_ASSISTANCE',
          case: null,
        },
      ],
    });
    // Neither another applicant's case nor a case the request was not bound to appears.
    expect(JSON.stringify(body)).not.toContain('NT20250304-MZ0301-000007');
    expect(JSON.stringify(body)).not.toContain('NT20250303-ZF0101-000099');
  });

  it("gives the department's access log the case number and item code of each record", async () => {
    const { body } = await f.as(callerOf('big-data-bureau'), LOG, { consumer: 'big-data-bureau' });
    expect(body.errors).toBeUndefined();
    expect(
      body.data!.accessLog.nodes.map(
        (n: { caseNumber: string | null; itemCode: string | null }) => [n.caseNumber, n.itemCode],
      ),
    ).toEqual([
      ['NT20250304-MZ0301-000007', 'MZ0301'],
      ['NT20250303-ZF0101-000099', null],
      [HOUSING_CASE.number, 'ZF0101'],
    ]);
    const civil = await f.as(callerOf('civil-affairs'), LOG);
    expect(civil.body.data!.accessLog.nodes).toEqual([
      {
        time: '2025-03-02T02:00:00.000Z',
        application: { id: 'minimum-living-allowance' },
        caseNumber: null,
        itemCode: null,
      },
    ]);
  });

  it('verifies the chain of records with and without a case', async () => {
    const db = await f.connect();
    const report = await verifyAuditDatabase(db, { publicKeys: [f.keys.publicKey] });
    const broken = report.findings.filter((x) =>
      ['modified', 'reordered', 'deleted', 'inserted', 'broken-link'].includes(x.kind),
    );
    expect(broken).toEqual([]);
    const rows = await db('audit_records').orderBy('seq').select('seq', 'case_number', 'item_code');
    expect(rows.map((r: { case_number: string | null }) => r.case_number)).toEqual([
      null,
      HOUSING_CASE.number,
      'NT20250303-ZF0101-000099',
      'NT20250304-MZ0301-000007',
    ]);
  });
}

describe('cases in the access lists on SQLite', () => caseSuite('sqlite'));
describeWithService('mysql', 'cases in the access lists on MariaDB', () => caseSuite('mysql'));
