import { readiness } from '../readiness';

describe('readiness (GET /health/ready)', () => {
  it('is 200 ready when every check passes, with each check shown', async () => {
    const answer = await readiness([
      { name: 'supergraph', check: () => ({ ok: true, detail: {} }) },
      { name: 'grants', check: async () => ({ ok: true, detail: { mode: 'DEGRADED' } }) },
    ])();
    expect(answer).toEqual({
      status: 200,
      body: {
        status: 'ready',
        failed: [],
        checks: { supergraph: { status: 'ok' }, grants: { status: 'ok', mode: 'DEGRADED' } },
      },
    });
  });

  it('is 503 naming every failed check, a throwing check included', async () => {
    const answer = await readiness([
      { name: 'audit', check: () => ({ ok: false, detail: { journal: 'unwritable' } }) },
      { name: 'supergraph', check: () => ({ ok: true, detail: {} }) },
      {
        name: 'grants',
        check: () => {
          throw new Error('boom');
        },
      },
      { name: 'draining', check: () => ({ ok: false, detail: {} }) },
    ])();
    expect(answer.status).toBe(503);
    expect(answer.body).toMatchObject({
      status: 'unavailable',
      failed: ['audit', 'grants', 'draining'],
      checks: {
        audit: { status: 'unavailable', journal: 'unwritable' },
        grants: { status: 'unavailable', error: 'boom' },
      },
    });
  });
});
