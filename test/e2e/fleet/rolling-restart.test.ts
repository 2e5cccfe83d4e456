/**
 * Three gateway processes behind nginx under load: restarting every one of them in turn
 * (SIGTERM, drain, exit, start again, ready) loses no request, and killing one (SIGKILL) loses
 * only the requests it had in flight, while every answer a client received has its audit record
 * once the killed instance is back (its journal is recovered and shipped on restart).
 */
import { recordCounts } from '../audit/audit-rows';
import { stopGatewayProcess } from '../audit/gateway-process';
import { nginxSkipReason } from '../../utils/services';
import { auditBackend, Fleet, sharedGrants, startFleet } from './fleet-under-test';
import { loadThroughNginx } from './load-through-nginx';

const CONNECTIONS = 8;
const QUERY = 'query Load($id: ID!) { person(idNumber: $id) { name gender } }';
const nginxMissing = nginxSkipReason();
const describeWithNginx = nginxMissing ? describe.skip : describe;

describeWithNginx(
  `a fleet of 3 gateways behind nginx (audit database: ${auditBackend}; grants ${sharedGrants})${nginxMissing ? ` [skipped — ${nginxMissing}]` : ''}`,
  () => {
    let fleet: Fleet;
    let headers: Record<string, string>;
    let body: string;

    beforeAll(async () => {
      fleet = await startFleet(3);
      headers = await fleet.platform.headers({ department: 'tax', operator: 'fleet-load' });
      const id = (await fleet.platform.subgraphs.population!.db('people').first('id_number'))
        .id_number;
      body = JSON.stringify({ query: QUERY, variables: { id } });
    });
    afterAll(async () => {
      await fleet?.stop();
    });

    it('loses no request while every instance is restarted in turn under load', async () => {
      const load = loadThroughNginx({
        url: fleet.url,
        headers,
        body,
        connections: CONNECTIONS,
        maxSeconds: 50,
      });
      await new Promise((r) => setTimeout(r, 1500));
      for (let i = 0; i < fleet.gateways.length; i++) {
        expect(await stopGatewayProcess(fleet.gateways[i]!)).toBe(0);
        await fleet.start(i);
        await new Promise((r) => setTimeout(r, 1000));
      }
      load.stop();
      const outcome = await load.done;
      // nginx met only refused connections (retried on another gateway), never a cut request.
      const cut = fleet
        .nginxErrors()
        .split('\n')
        .filter((line) => line && !/Connection refused|temporarily disabled/.test(line));
      expect({
        non2xx: outcome.non2xx,
        statuses: outcome.otherStatuses,
        errors: outcome.errors,
        timeouts: outcome.timeouts,
        cut,
      }).toEqual({ non2xx: 0, statuses: [], errors: 0, timeouts: 0, cut: [] });
      expect(outcome.ok).toBeGreaterThan(200);
    }, 60_000);

    it('loses only the requests in flight at a killed instance, and every answer received is audited once it is back', async () => {
      const load = loadThroughNginx({
        url: fleet.url,
        headers,
        body,
        connections: CONNECTIONS,
        maxSeconds: 30,
      });
      await new Promise((r) => setTimeout(r, 2000));
      const victim = fleet.gateways[1]!;
      victim.child.kill('SIGKILL');
      expect(await victim.exited).toBe('SIGKILL');
      await new Promise((r) => setTimeout(r, 2000));
      load.stop();
      const outcome = await load.done;
      // At most one request per client connection can have been at the killed instance.
      expect(outcome.non2xx + outcome.errors + outcome.timeouts).toBeLessThanOrEqual(CONNECTIONS);
      expect(outcome.otherStatuses.every((s) => s === 502)).toBe(true);
      expect(outcome.receivedIds.length).toBeGreaterThan(200);
      expect(new Set(outcome.receivedIds).size).toBe(outcome.receivedIds.length);

      // Back on the same journal: it replays what it had not shipped.
      await fleet.start(1);
      const db = await fleet.audit.connect();
      const deadline = Date.now() + 20_000;
      let missing: string[] = [];
      do {
        const counts = await recordCounts(db, [...outcome.receivedIds]);
        missing = outcome.receivedIds.filter((id) => counts.get(id) !== 1);
        if (missing.length > 0) await new Promise((r) => setTimeout(r, 250));
      } while (missing.length > 0 && Date.now() < deadline);
      expect(missing).toEqual([]);
    }, 60_000);
  },
);
