/**
 * The gateway process records by default, and runs without its audit trail only when told so by
 * the one loud switch, SHUJUTONG_INSECURE_DISABLE_AUDIT, which production refuses.
 */
import fs from 'node:fs';
import path from 'node:path';
import { Platform, startPlatform } from '../../utils/platform';
import { AuditSetup, createAuditSetup } from '../../utils/platform-audit';
import {
  gatewayEnvFor,
  GatewayProcess,
  startGatewayProcess,
  stopGatewayProcess,
} from './gateway-process';

describe('the gateway process and its audit trail', () => {
  let platform: Platform;
  let audit: AuditSetup;
  let env: Record<string, string>;
  let headers: Record<string, string>;
  let body: string;
  let gateway: GatewayProcess | null = null;
  const journal = () => path.join(audit.dir, 'journal');
  const post = (url: string) =>
    fetch(url, {
      method: 'POST',
      headers: { 'content-type': 'application/json', ...headers },
      body,
    });
  const health = async (url: string) => (await fetch(url.replace(/\/graphql$/, '/health'))).json();

  beforeAll(async () => {
    platform = await startPlatform({
      subgraphs: ['population', 'sharing'],
      persons: 100,
      audit: false,
    });
    audit = createAuditSetup('sqlite', {});
    env = {
      ...gatewayEnvFor(platform, audit.dir),
      ...audit.env,
      GATEWAY_INSTANCE: 'gw-switch',
      AUDIT_JOURNAL_DIR: journal(),
    };
    headers = await platform.headers({ department: 'tax' });
    body = JSON.stringify({ query: '{ departments { code } }' });
  });
  afterEach(async () => {
    if (gateway) await stopGatewayProcess(gateway);
    gateway = null;
  });
  afterAll(async () => {
    await platform?.stop();
    await audit?.cleanup();
  });

  it('records by default', async () => {
    gateway = await startGatewayProcess(env);
    expect(gateway.output()).toContain('[audit] recording every request');
    expect((await post(gateway.url)).status).toBe(200);
    expect(await health(gateway.url)).toMatchObject({
      status: 'ok',
      audit: { status: 'ok', journal: 'writable', records: 1 },
    });
    expect(fs.readdirSync(journal())).toContainEqual(
      expect.stringMatching(/^segment-\d{12}\.jsonl$/),
    );
  });

  it('runs without it when SHUJUTONG_INSECURE_DISABLE_AUDIT is set, and says so loudly', async () => {
    fs.rmSync(journal(), { recursive: true, force: true });
    gateway = await startGatewayProcess({ ...env, SHUJUTONG_INSECURE_DISABLE_AUDIT: '1' });
    expect(gateway.output()).toMatch(
      /!! SHUJUTONG_INSECURE_DISABLE_AUDIT is set: the gateway runs WITHOUT its audit trail/,
    );
    expect((await post(gateway.url)).status).toBe(200);
    expect(await health(gateway.url)).toEqual({ status: 'ok' });
    expect(fs.existsSync(journal())).toBe(false);
  });

  it('refuses to start with the switch set and NODE_ENV=production', async () => {
    await expect(
      startGatewayProcess({
        ...env,
        SHUJUTONG_INSECURE_DISABLE_AUDIT: '1',
        NODE_ENV: 'production',
      }),
    ).rejects.toThrow(
      /exited \(1\)[\s\S]*SHUJUTONG_INSECURE_DISABLE_AUDIT is set and NODE_ENV=production/,
    );
  });
});
