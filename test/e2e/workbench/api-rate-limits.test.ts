/**
 * The workbench's own APIs (access table, dry-run, purposes, catalogue) cost policy work: a
 * caller cannot use them to get around the request rate GraphQL holds them to.
 */
import { Platform, startPlatform } from '../../utils/platform';

describe('workbench APIs under the rate limits', () => {
  let platform: Platform;

  beforeAll(async () => {
    platform = await startPlatform({ persons: 50 });
  });
  afterAll(async () => {
    await platform?.stop();
  });

  it("spends the caller's department budget, shared with its GraphQL requests", async () => {
    const strict = await platform.addGateway({
      departmentBurst: 2,
      departmentRequestsPerMinute: 1,
    });
    const origin = new URL(strict.url).origin;
    const headers = await platform.headers({ department: 'housing', operator: 'wang.fang' });
    const access = () => fetch(`${origin}/workbench/api/access`, { headers });
    expect((await access()).status).toBe(200);
    const graphql = await fetch(strict.url, {
      method: 'POST',
      headers: { ...headers, 'content-type': 'application/json' },
      body: JSON.stringify({ query: '{ usePurposes { code } }' }),
    });
    expect(graphql.status).toBe(200);
    const over = await access();
    expect(over.status).toBe(429);
    const body = (await over.json()) as { errors: { extensions: { code: string } }[] };
    expect(body.errors[0].extensions.code).toBe('RATE_LIMITED');
    expect(over.headers.get('retry-after')).toMatch(/^\d+$/);
    // The dry-run is refused before any parsing or planning.
    const dryRun = await fetch(`${origin}/workbench/api/dry-run`, {
      method: 'POST',
      headers: { ...headers, 'content-type': 'application/json' },
      body: JSON.stringify({ query: '{ usePurposes { code } }' }),
    });
    expect(dryRun.status).toBe(429);
    await strict.stop();
  });

  it('answers an unauthenticated caller 401 before counting anything', async () => {
    const res = await fetch(`${new URL(platform.gatewayUrl).origin}/workbench/api/access`);
    expect(res.status).toBe(401);
  });
});
