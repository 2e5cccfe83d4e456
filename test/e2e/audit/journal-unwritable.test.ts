/**
 * The journal unwritable (disk full, permissions): the gateway answers 503 AUDIT_UNAVAILABLE,
 * serves nothing (not even authentication or a subgraph fetch runs) and reports it on GET
 * /health, until it can log again; then it serves by itself, without a restart.
 *
 * Two ways to break the disk. The library's file-system seam (gateway/audit/journal-fs.ts)
 * failing every write with ENOSPC or EACCES, as a full disk or a permission change would: runs
 * everywhere. And a real one: `chattr +i` on the journal directory and its files, which stops
 * even root (tests run as root in CI, where chmod stops nothing) from writing to the journal,
 * including through the file descriptor the gateway already holds. It needs root (or
 * CAP_LINUX_IMMUTABLE) and a file system with the immutable flag (ext4, xfs, btrfs); elsewhere
 * it is skipped, saying why.
 */
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { instrumentedFs, InstrumentedFs } from '../../utils/audit-fixtures';
import { postGraphQL } from '../../utils/graphql-client';
import { Platform, PlatformOptions, startPlatform } from '../../utils/platform';
import { recordCounts } from './audit-rows';

const QUERY = 'query($id: ID!) { person(idNumber: $id) { gender } }';

/** Can this process set the immutable flag here? (Root, and a file system that has it.) */
function immutableFlagWorks(): string | null {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'shujutong-chattr-'));
  try {
    execFileSync('chattr', ['+i', dir], { stdio: 'pipe' });
    execFileSync('chattr', ['-i', dir], { stdio: 'pipe' });
    return null;
  } catch (err) {
    return `chattr +i is not possible here (${
      String((err as { stderr?: Buffer }).stderr ?? err)
        .trim()
        .split('\n')[0]
    })`;
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

interface Breakage {
  break(platform: Platform): void;
  repair(platform: Platform): void;
  /** The file-system error code the gateway reports. */
  readonly reason: string;
}

function scenario(name: string, breakage: Breakage, options: PlatformOptions) {
  describe(name, () => {
    let platform: Platform;
    let headers: Record<string, string>;
    let person: string;
    const served: string[] = [];
    const refused: string[] = [];
    const subgraphRequests = () =>
      platform.subgraphs.population!.requests() + platform.subgraphs.sharing!.requests();
    const ask = () => postGraphQL(platform.gatewayUrl, QUERY, { id: person }, headers);
    const health = async () => {
      const res = await fetch(platform.gatewayUrl.replace(/\/graphql$/, '/health'));
      return {
        status: res.status,
        body: (await res.json()) as { status: string; audit: Record<string, unknown> },
      };
    };

    beforeAll(async () => {
      platform = await startPlatform({
        subgraphs: ['population', 'sharing'],
        persons: 200,
        ...options,
      });
      headers = await platform.headers({ department: 'tax', operator: 'disk-test' });
      person = (await platform.subgraphs.population!.db('people').first('id_number')).id_number;
    });
    afterAll(async () => {
      if (platform) breakage.repair(platform);
      await platform?.stop();
    });

    it('serves while the journal can be written', async () => {
      const result = await ask();
      expect(result.status).toBe(200);
      served.push(result.headers.get('x-request-id')!);
      expect((await health()).status).toBe(200);
    });

    it('answers 503 AUDIT_UNAVAILABLE and serves nothing once it cannot', async () => {
      breakage.break(platform);
      // The request that finds out executed, but its response is withheld: its record is not durable.
      const first = await ask();
      expect(first.status).toBe(503);
      expect(first.body).toEqual({
        errors: [
          {
            message: expect.stringContaining('audit trail cannot be written'),
            extensions: { code: 'AUDIT_UNAVAILABLE' },
          },
        ],
      });
      expect(first.headers.get('retry-after')).toBe('5');
      refused.push(first.headers.get('x-request-id')!);

      // From then on nothing runs at all: no authentication (registry), no subgraph fetch.
      const before = subgraphRequests();
      for (let i = 0; i < 5; i++) {
        const result = await ask();
        expect(result.status).toBe(503);
        expect(result.body.data).toBeUndefined();
        expect(result.body.errors![0].extensions!.code).toBe('AUDIT_UNAVAILABLE');
        refused.push(result.headers.get('x-request-id')!);
      }
      expect(subgraphRequests()).toBe(before);

      const { status, body } = await health();
      expect(status).toBe(503);
      expect(body).toMatchObject({
        status: 'unavailable',
        audit: { status: 'unavailable', journal: 'unwritable', reason: breakage.reason },
      });
    });

    it('counts each withheld response in the metrics as the 503 its caller got', async () => {
      const res = await fetch(`http://127.0.0.1:${platform.gateway.port}/metrics`);
      const text = await res.text();
      const total = (name: string, match: RegExp) =>
        text
          .split('\n')
          .filter((line) => line.startsWith(`${name}{`) && match.test(line))
          .reduce((sum, line) => sum + Number(line.slice(line.lastIndexOf(' ') + 1)), 0);
      const durations = 'http_server_request_duration_seconds_count';
      expect(total(durations, /http_response_status_code="503"/)).toBe(refused.length);
      expect(total(durations, /http_response_status_code="200"/)).toBe(served.length);
      expect(total('shujutong_graphql_errors_total', /code="AUDIT_UNAVAILABLE"/)).toBe(
        refused.length,
      );
    });

    it('serves again by itself once the journal can be written, and records from then on', async () => {
      breakage.repair(platform);
      const deadline = Date.now() + 10_000;
      let result = await ask();
      while (result.status === 503 && Date.now() < deadline) {
        await new Promise((r) => setTimeout(r, 200));
        result = await ask();
      }
      expect(result.status).toBe(200);
      served.push(result.headers.get('x-request-id')!);
      expect((await health()).status).toBe(200);

      await platform.audit!.ship();
      const counts = await recordCounts(await platform.audit!.connect(), [...served, ...refused]);
      expect(served.map((id) => counts.get(id))).toEqual(served.map(() => 1));
      // Nothing was served for these, and nothing of them is in the trail.
      expect(refused.map((id) => counts.get(id))).toEqual(refused.map(() => 0));
    });
  });
}

describe('the journal unwritable', () => {
  for (const code of ['ENOSPC', 'EACCES']) {
    const journalFs: InstrumentedFs = instrumentedFs();
    scenario(
      `through the journal's file-system seam, failing with ${code}`,
      {
        reason: code,
        break: () => void (journalFs.fault = code),
        repair: () => void (journalFs.fault = null),
      },
      { audit: { trail: { fs: journalFs } } },
    );
  }

  const unavailable = immutableFlagWorks();
  const journalFiles = (platform: Platform) => {
    const dir = platform.audit!.stage.trail!.config.journalDir;
    return [...fs.readdirSync(dir).map((f) => path.join(dir, f)), dir];
  };
  const chattr = (flag: string, files: string[]) =>
    execFileSync('chattr', [flag, ...files], { stdio: 'pipe' });
  if (unavailable) {
    describe.skip(`on a real file system made immutable (chattr +i) [skipped — ${unavailable}]`, () => {
      it('answers 503 AUDIT_UNAVAILABLE and serves nothing while the journal is immutable', () =>
        undefined);
    });
  } else {
    scenario(
      'on a real file system made immutable (chattr +i), which stops root too',
      {
        reason: 'EPERM',
        break: (platform) => chattr('+i', journalFiles(platform)),
        repair: (platform) => {
          if (platform.audit?.stage.trail) chattr('-i', journalFiles(platform));
        },
      },
      {},
    );
  }
});
