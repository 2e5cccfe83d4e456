import { describeWithService } from '../../../test/utils/services';
import {
  createMemoryQuotaCounter,
  createRedisQuotaCounter,
  QuotaCounter,
  quotaCountKey,
} from '../quota-counter';

const DAY = '2025-06-01';
const subjects = (prefix: string, n: number) =>
  Array.from({ length: n }, (_, i) => `person:${prefix}${i}`);

function counterCases(make: () => QuotaCounter, key: (name: string) => string) {
  let counter: QuotaCounter;
  beforeEach(() => {
    counter = make();
  });
  afterEach(async () => {
    await counter.close();
  });

  it('admits distinct subjects up to the quota and refuses the rest, in the order asked', async () => {
    const [refused] = await counter.admit([
      { key: key('a'), day: DAY, quota: 3, subjects: subjects('a', 5) },
    ]);
    expect([...refused]).toEqual(['person:a3', 'person:a4']);
  });

  it('admits a subject already counted that day again at no cost', async () => {
    await counter.admit([
      { key: key('b'), day: DAY, quota: 2, subjects: ['person:x', 'person:y'] },
    ]);
    const [refused] = await counter.admit([
      { key: key('b'), day: DAY, quota: 2, subjects: ['person:y', 'person:z', 'person:x'] },
    ]);
    expect([...refused]).toEqual(['person:z']);
  });

  it('keeps separate counts per key (application, grant, day)', async () => {
    const [one, two] = await counter.admit([
      { key: key('c1'), day: DAY, quota: 1, subjects: ['person:p', 'person:q'] },
      { key: key('c2'), day: DAY, quota: 1, subjects: ['person:p', 'person:q'] },
    ]);
    expect([[...one], [...two]]).toEqual([['person:q'], ['person:q']]);
  });

  it('never admits more than the quota between concurrent requests', async () => {
    const answers = await Promise.all(
      Array.from({ length: 20 }, (_, i) =>
        counter.admit([{ key: key('d'), day: DAY, quota: 7, subjects: [`person:c${i}`] }]),
      ),
    );
    expect(answers.filter(([refused]) => refused.size === 0)).toHaveLength(7);
  });
}

describe('counting subjects in process', () => {
  counterCases(createMemoryQuotaCounter, (name) => quotaCountKey(null, name, 'g', DAY));

  it('forgets the counts of earlier days', async () => {
    const counter = createMemoryQuotaCounter();
    await counter.admit([
      { key: quotaCountKey(null, 'app', 'g', DAY), day: DAY, quota: 1, subjects: ['person:a'] },
    ]);
    const [refused] = await counter.admit([
      {
        key: quotaCountKey(null, 'app', 'g', '2025-06-02'),
        day: '2025-06-02',
        quota: 1,
        subjects: ['person:b'],
      },
    ]);
    expect(refused.size).toBe(0);
  });
});

describeWithService('redis', 'counting subjects in Redis, shared by the gateway instances', () => {
  const namespace = `counter-test-${Date.now()}-${Math.random().toString(36).slice(2)}`;
  // A generous deadline: these cases are about Redis's atomic count, and on a loaded machine the
  // default 250 ms would send a burst partly to the in-process fallback (its own test is below).
  const redisCounter = () =>
    createRedisQuotaCounter({ url: process.env.REDIS_URL!, log: () => {}, commandTimeoutMs: 5000 });
  counterCases(redisCounter, (name) => quotaCountKey(namespace, name, 'g', DAY));

  it('shares one count between two counters (two gateway instances)', async () => {
    const a = redisCounter();
    const b = redisCounter();
    const key = quotaCountKey(namespace, `shared-${Math.random()}`, 'g', DAY);
    try {
      await new Promise((r) => setTimeout(r, 200));
      await a.admit([{ key, day: DAY, quota: 2, subjects: ['person:1', 'person:2'] }]);
      const [refused] = await b.admit([
        { key, day: DAY, quota: 2, subjects: ['person:3', 'person:1'] },
      ]);
      expect([...refused]).toEqual(['person:3']);
    } finally {
      await Promise.all([a.close(), b.close()]);
    }
  });
});

describe('counting when Redis does not answer', () => {
  it('falls back to counting in process, and says so once', async () => {
    const lines: string[] = [];
    const counter = createRedisQuotaCounter({
      url: 'redis://127.0.0.1:1',
      log: (l) => lines.push(l),
    });
    try {
      const [refused] = await counter.admit([
        { key: 'k', day: DAY, quota: 1, subjects: ['person:a', 'person:b'] },
      ]);
      await counter.admit([{ key: 'k', day: DAY, quota: 1, subjects: ['person:c'] }]);
      expect([...refused]).toEqual(['person:b']);
      expect(lines.filter((l) => l.includes('DEGRADED'))).toHaveLength(1);
    } finally {
      await counter.close();
    }
  });
});
