import { createGatewayMetrics } from '../gateway-metrics';

describe('the gateway metrics registry', () => {
  it('is one per gateway: two gateways in one process count apart', async () => {
    const a = createGatewayMetrics();
    const b = createGatewayMetrics();
    a.requests.inc({ graphql_operation_type: 'query', outcome: 'ok' });
    expect(await a.registry.metrics()).toMatch(
      /shujutong_graphql_requests_total\{graphql_operation_type="query",outcome="ok"\} 1/,
    );
    expect(await b.registry.metrics()).not.toMatch(/shujutong_graphql_requests_total\{/);
  });

  it('collects process metrics', async () => {
    expect(await createGatewayMetrics().registry.metrics()).toMatch(/process_cpu_seconds_total/);
  });

  it('reports the grant cache mode read when scraped, one series per mode', async () => {
    let mode = 'REDIS';
    const { registry } = createGatewayMetrics({ grantMode: () => mode });
    expect(await registry.metrics()).toMatch(/shujutong_grant_cache_mode\{mode="REDIS"\} 1/);
    mode = 'DEGRADED';
    const text = await registry.metrics();
    expect(text).toMatch(/shujutong_grant_cache_mode\{mode="DEGRADED"\} 1/);
    expect(text).toMatch(/shujutong_grant_cache_mode\{mode="REDIS"\} 0/);
  });

  it('reports the audit journal and shipping lag read when scraped', async () => {
    const now = Date.parse('2026-12-06T10:00:30Z');
    let reading = {
      journalAvailable: true,
      journalSeq: 42,
      lastShippedSeq: 40 as number | null,
      shippedRecords: 40,
      caughtUp: false,
      lastShippedAt: new Date('2026-12-06T10:00:00Z'),
    };
    const { registry } = createGatewayMetrics({ audit: () => reading, now: () => now });
    let text = await registry.metrics();
    expect(text).toMatch(/shujutong_audit_journal_available 1/);
    expect(text).toMatch(/shujutong_audit_journal_records 42/);
    expect(text).toMatch(/shujutong_audit_shipping_lag_seconds 30/);
    expect(text).toMatch(/shujutong_audit_unshipped_records 2/);
    reading = { ...reading, journalAvailable: false, caughtUp: true };
    text = await registry.metrics();
    expect(text).toMatch(/shujutong_audit_journal_available 0/);
    expect(text).toMatch(/shujutong_audit_shipping_lag_seconds 0/);
    // Nothing shipped yet and not caught up: how much waits is unknown, so no value is made up.
    reading = { ...reading, lastShippedSeq: null, caughtUp: false };
    expect(await registry.metrics()).toMatch(/^shujutong_audit_unshipped_records NaN$/im);
  });
});

describe('the grant cache age gauge', () => {
  it('reads the oldest snapshot age in seconds when scraped, 0 when none is served', async () => {
    let age: number | null = 2500;
    const { registry } = createGatewayMetrics({ grantAgeMs: () => age });
    expect(await registry.metrics()).toMatch(/^shujutong_grant_cache_oldest_age_seconds 2.5$/m);
    age = null;
    expect(await registry.metrics()).toMatch(/^shujutong_grant_cache_oldest_age_seconds 0$/m);
  });
});
