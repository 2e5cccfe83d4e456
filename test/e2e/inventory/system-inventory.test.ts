/**
 * The system inventory (系统清查), end to end: real requests through the gateway are recorded,
 * shipped and summarised; the registry (sharing subgraph) and the trail (audit subgraph) are
 * joined on Application by the gateway. The figures equal counts taken from the audit tables
 * directly; a registered system without traffic is flagged; another department sees neither the
 * bureau's inventory nor a system's traffic; a department confirms or corrects its entries once
 * a year (自查), and the unconfirmed ones are listed.
 */
import { chinaToday } from '../../../domain/china-date';
import { QueryCounter } from '../../../subgraphs/kit/query-counter';
import { postGraphQL } from '../../utils/graphql-client';
import { Platform, startPlatform } from '../../utils/platform';
import { describeWithService } from '../../utils/services';
import { isoTime } from '../../../contracts/audit/audit-rows';

const PERSON = 'query Resident($id: ID!) { person(idNumber: $id) { name } }';
const INVENTORY = `query Inventory($department: ID, $from: String!, $to: String!) {
  applications(department: $department, first: 100) {
    nodes {
      id department { code } usageFrequency needsSharedData status
      usage(from: $from, to: $to) { requestsByMonth { month requests } distinctResources lastAccessAt }
      observedFrequency
      inventoryFlags { zombieCandidate notConnected reasons }
    }
  }
}`;
const CONFIRM = `mutation Confirm($id: ID!, $year: Int!, $corrections: UpdateApplicationInput) {
  confirmApplicationInventory(id: $id, year: $year, corrections: $corrections) { id scopeOfUse }
}`;
const UNCONFIRMED = `query Unconfirmed($year: Int!, $department: ID) {
  unconfirmedApplications(year: $year, department: $department) { id department { code } }
}`;

interface Node {
  id: string;
  department: { code: string };
  needsSharedData: boolean;
  usage: {
    requestsByMonth: { month: string; requests: number }[];
    distinctResources: number;
    lastAccessAt: string | null;
  } | null;
  observedFrequency: string | null;
  inventoryFlags: { zombieCandidate: boolean; notConnected: boolean; reasons: string[] } | null;
}

const MONTH = chinaToday().slice(0, 7);
const YEAR = Number(MONTH.slice(0, 4));
const civil = {
  department: 'civil-affairs',
  application: 'minimum-living-allowance',
  operator: 'wang.fang',
  purpose: 'SOCIAL_ASSISTANCE',
};
const housing = {
  department: 'housing',
  application: 'housing-subsidy',
  operator: 'zhao.lei',
  purpose: 'HOUSING_SECURITY',
};
const bureau = { department: 'big-data-bureau', operator: 'li.ming' };
/** A demo consumer system made to look registered long ago and never used since. */
const IDLE = 'elderly-care-subsidy';

function inventorySuite(backend: 'sqlite' | 'mysql') {
  let platform: Platform;
  const ask = async (
    query: string,
    variables: Record<string, unknown>,
    as: Parameters<Platform['headers']>[0],
  ) => postGraphQL(platform.gatewayUrl, query, variables, await platform.headers(as));

  beforeAll(async () => {
    platform = await startPlatform({
      backend,
      subgraphs: ['population', 'sharing', 'audit'],
      persons: 50,
    });
    const people = (await platform.subgraphs
      .population!.db('people')
      .orderBy('id_number')
      .limit(3)
      .pluck('id_number')) as string[];
    for (const id of people) expect((await ask(PERSON, { id }, civil)).status).toBe(200);
    expect((await ask(PERSON, { id: people[0] }, housing)).status).toBe(200);
    await platform.audit!.ship();
    // The retired demo system is not judged; make another one old and unused instead.
    await platform.subgraphs.sharing!.db('applications').where({ id: IDLE }).update({
      status: 'ACTIVE',
      status_reason: null,
      registered_at: '2025-01-02T00:00:00.000Z',
    });
  });
  afterAll(async () => {
    await platform?.stop();
  });

  it("gives the bureau each system's requests per month and last access, as the audit tables count them", async () => {
    const { body } = await ask(INVENTORY, { from: MONTH, to: MONTH }, bureau);
    expect(body.errors).toBeUndefined();
    const nodes = body.data!.applications.nodes as Node[];
    const db = await platform.audit!.connect();
    for (const system of [civil, housing]) {
      const rows = (await db('audit_records')
        .where({ department: system.department, application: system.application })
        .select('time')) as { time: string | Date }[];
      const last = rows
        .map((r) => isoTime(r.time))
        .sort()
        .pop()!;
      const node = nodes.find((n) => n.id === system.application)!;
      expect(node.usage!.requestsByMonth).toEqual([{ month: MONTH, requests: rows.length }]);
      expect(node.usage!.lastAccessAt).toBe(last);
      expect(node.usage!.distinctResources).toBe(1);
      expect(node.inventoryFlags).toEqual({
        zombieCandidate: false,
        notConnected: false,
        reasons: [],
      });
    }
    expect(nodes.find((n) => n.id === civil.application)!.usage!.requestsByMonth[0].requests).toBe(
      3,
    );
  });

  it('flags a registered system with no traffic as not connected, and an old idle one as a zombie candidate', async () => {
    const { body } = await ask(INVENTORY, { from: MONTH, to: MONTH }, bureau);
    const nodes = body.data!.applications.nodes as Node[];
    const idle = nodes.find((n) => n.id === IDLE)!;
    expect(idle.usage).toEqual({
      requestsByMonth: [{ month: MONTH, requests: 0 }],
      distinctResources: 0,
      lastAccessAt: null,
    });
    expect(idle.observedFrequency).toBeNull();
    expect(idle.inventoryFlags).toEqual({
      zombieCandidate: true,
      notConnected: true,
      reasons: ['IDLE', 'FAR_BELOW_DECLARED', 'NEVER_CALLED'],
    });
    // Registered today by the seed, needing shared data, never called: not connected, not a zombie.
    const fresh = nodes.find(
      (n) => n.needsSharedData && n.usage!.lastAccessAt === null && n.id !== IDLE,
    )!;
    expect(fresh.inventoryFlags).toEqual({
      zombieCandidate: false,
      notConnected: true,
      reasons: ['NEVER_CALLED'],
    });
    // An owner's system not registered as needing shared data is not flagged for never calling.
    const owner = nodes.find((n) => !n.needsSharedData && n.usage!.lastAccessAt === null)!;
    expect(owner.inventoryFlags!.notConnected).toBe(false);
  });

  it("refuses another department the bureau's inventory and other systems' traffic", async () => {
    const { body } = await ask(INVENTORY, { from: MONTH, to: MONTH }, housing);
    const nodes = body.data!.applications.nodes as (Node | null)[];
    const forbidden = (body.errors ?? []).filter(
      (e: { extensions?: { code?: string } }) => e.extensions?.code === 'FORBIDDEN',
    );
    expect(forbidden.length).toBeGreaterThan(0);
    const own = nodes.find((n) => n?.id === housing.application)!;
    expect(own.usage!.requestsByMonth[0].requests).toBeGreaterThanOrEqual(1);
    for (const n of nodes)
      if (n && n.department.code !== 'housing') {
        expect(n.usage).toBeNull();
        expect(n.inventoryFlags).toBeNull();
        expect(n.observedFrequency).toBeNull();
      }
    // The civil-affairs system's figures appear nowhere in the answer.
    const civilLast = (
      await ask(INVENTORY, { department: 'civil-affairs', from: MONTH, to: MONTH }, bureau)
    ).body.data!.applications.nodes.find((n: Node) => n.id === civil.application).usage
      .lastAccessAt;
    expect(JSON.stringify(body)).not.toContain(civilLast);
  });

  it("reads the traffic of a page of systems in as many SQL queries as of one department's", async () => {
    const counter = new QueryCounter(platform.subgraphs.audit!.db);
    const count = async (department: string | null) => {
      // Warm: the usage tables are caught up, so only the reading is counted.
      await ask(INVENTORY, { department, from: MONTH, to: MONTH }, bureau);
      counter.reset();
      const { body } = await ask(INVENTORY, { department, from: MONTH, to: MONTH }, bureau);
      expect(body.errors).toBeUndefined();
      // The reads of the systems' traffic; catching up the usage tables (the records of the
      // requests just made) comes on top, and does not depend on the page.
      const reads = counter.statements.filter((sql) => sql.includes('`application` = ?'));
      return { systems: body.data!.applications.nodes.length as number, queries: reads.length };
    };
    try {
      const one = await count('housing');
      const all = await count(null);
      expect(all.systems).toBeGreaterThan(one.systems * 3);
      expect(one.queries).toBeGreaterThan(0);
      expect(all.queries).toBe(one.queries);
    } finally {
      counter.detach();
    }
  });

  it('exports the inventory from the workbench as CSV, one row per system with its flags', async () => {
    const res = await fetch(
      `${new URL(platform.gatewayUrl).origin}/workbench/api/export?format=csv`,
      {
        method: 'POST',
        headers: { 'content-type': 'application/json', ...(await platform.headers(bureau)) },
        body: JSON.stringify({
          query: `query Inventory { applications(first: 100) { nodes { id department { code }
          usageFrequency observedFrequency inventoryFlags { zombieCandidate notConnected reasons } } } }`,
        }),
      },
    );
    expect(res.status).toBe(200);
    const [header, ...lines] = (await res.text()).replace(/^\uFEFF/, '').split('\r\n');
    expect(header.split(',')).toEqual([
      'applications.nodes.id',
      'applications.nodes.department.code',
      'applications.nodes.usageFrequency',
      'applications.nodes.observedFrequency',
      'applications.nodes.inventoryFlags.zombieCandidate',
      'applications.nodes.inventoryFlags.notConnected',
      'applications.nodes.inventoryFlags.reasons',
    ]);
    expect(lines).toContain(
      `${IDLE},civil-affairs,WEEKLY,,true,true,IDLE; FAR_BELOW_DECLARED; NEVER_CALLED`,
    );
  });

  it('rejects a malformed or too long month range', async () => {
    const bad = await ask(INVENTORY, { department: 'housing', from: '2026-13', to: MONTH }, bureau);
    expect(bad.body.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
    const long = await ask(
      INVENTORY,
      { department: 'housing', from: '2020-01', to: '2026-12' },
      bureau,
    );
    expect(long.body.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
  });

  it('lets a department confirm and correct its own entries for the year, and lists the rest', async () => {
    const before = await ask(UNCONFIRMED, { year: YEAR }, civil);
    expect(before.body.errors).toBeUndefined();
    const ids = before.body.data!.unconfirmedApplications as {
      id: string;
      department: { code: string };
    }[];
    expect(ids.map((a) => a.id)).toContain(civil.application);
    expect(ids.every((a) => a.department.code === 'civil-affairs')).toBe(true);

    const confirmed = await ask(
      CONFIRM,
      {
        id: civil.application,
        year: YEAR,
        corrections: { scopeOfUse: '民政局及各区社会救助窗口' },
      },
      civil,
    );
    expect(confirmed.body.errors).toBeUndefined();
    expect(confirmed.body.data!.confirmApplicationInventory.scopeOfUse).toBe(
      '民政局及各区社会救助窗口',
    );
    const after = await ask(UNCONFIRMED, { year: YEAR }, civil);
    expect(after.body.data!.unconfirmedApplications.map((a: { id: string }) => a.id)).not.toContain(
      civil.application,
    );
    const seen = `query Seen($id: ID!, $year: Int!) {
      application(id: $id) { inventoryConfirmation(year: $year) { year confirmedBy { code } operator corrected } }
    }`;
    const own = await ask(seen, { id: civil.application, year: YEAR }, civil);
    expect(own.body.data!.application.inventoryConfirmation).toEqual({
      year: YEAR,
      confirmedBy: { code: 'civil-affairs' },
      operator: civil.operator,
      corrected: true,
    });
    // Another department sees that it was confirmed, not who in civil-affairs did it.
    const others = await ask(seen, { id: civil.application, year: YEAR }, housing);
    expect(others.body.data!.application.inventoryConfirmation.operator).toBeNull();
    expect(JSON.stringify(others.body)).not.toContain(civil.operator);
    // Still unconfirmed for the year before.
    const earlier = await ask(UNCONFIRMED, { year: YEAR - 1 }, civil);
    expect(earlier.body.data!.unconfirmedApplications.map((a: { id: string }) => a.id)).toContain(
      civil.application,
    );
    // The bureau sees every department's unconfirmed entries.
    const all = await ask(UNCONFIRMED, { year: YEAR }, bureau);
    const departments = new Set(
      all.body.data!.unconfirmedApplications.map(
        (a: { department: { code: string } }) => a.department.code,
      ),
    );
    expect(departments.has('housing')).toBe(true);
    expect(departments.has('civil-affairs')).toBe(true);
  });

  it("refuses to confirm or list another department's entries, and a year to come", async () => {
    const other = await ask(CONFIRM, { id: civil.application, year: YEAR }, housing);
    expect(other.body.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
    const sneaky = await ask(
      CONFIRM,
      { id: civil.application, year: YEAR, corrections: { name: '被篡改' } },
      housing,
    );
    expect(sneaky.body.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
    const row = await platform.subgraphs
      .sharing!.db('applications')
      .where({ id: civil.application })
      .first();
    expect(row.name).not.toBe('被篡改');
    const list = await ask(UNCONFIRMED, { year: YEAR, department: 'civil-affairs' }, housing);
    expect(list.body.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
    const future = await ask(CONFIRM, { id: housing.application, year: YEAR + 1 }, housing);
    expect(future.body.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
  });
}

describe('the system inventory, measured from the audit trail (SQLite)', () =>
  inventorySuite('sqlite'));
describeWithService('mysql', 'the system inventory, measured from the audit trail (MariaDB)', () =>
  inventorySuite('mysql'),
);
