import { limitKey } from '../limit-keys';

describe('limit keys', () => {
  it('names a bucket and an in-flight set per scope and id, within the namespace', () => {
    expect(limitKey('run-1', 'bucket', { scope: 'APPLICATION', id: 'tax-collection' })).toBe(
      'shujutong:rate-limit:run-1:bucket:application:tax-collection',
    );
    expect(limitKey(null, 'in-flight', { scope: 'DEPARTMENT', id: 'tax' })).toBe(
      'shujutong:rate-limit:in-flight:department:tax',
    );
  });

  it('keeps an application and a department of the same name apart', () => {
    expect(limitKey(null, 'bucket', { scope: 'APPLICATION', id: 'tax' })).not.toBe(
      limitKey(null, 'bucket', { scope: 'DEPARTMENT', id: 'tax' }),
    );
  });

  it('escapes ids, so no id can name another target', () => {
    const forged = limitKey(null, 'bucket', {
      scope: 'DEPARTMENT',
      id: 'x:application:tax-collection',
    });
    expect(forged).toBe('shujutong:rate-limit:bucket:department:x%3Aapplication%3Atax-collection');
  });
});
