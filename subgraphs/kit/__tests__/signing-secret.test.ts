import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import {
  insecureSkipRequested,
  loadSigningSecret,
} from '../../../contracts/signing/signing-secret';

describe('subgraph signing secret', () => {
  let dir: string;
  beforeEach(() => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'shujutong-secret-'));
  });
  afterEach(() => fs.rmSync(dir, { recursive: true, force: true }));

  it('uses SUBGRAPH_SIGNING_SECRET when set', () => {
    const secret = 'k'.repeat(32);
    expect(loadSigningSecret({ SUBGRAPH_SIGNING_SECRET: secret, DATA_DIR: dir })).toEqual({
      secret: Buffer.from(secret),
      source: 'configured',
      file: null,
    });
    expect(fs.readdirSync(dir)).toEqual([]);
  });

  it('refuses a secret shorter than 32 characters, naming the variable', () => {
    expect(() => loadSigningSecret({ SUBGRAPH_SIGNING_SECRET: 'short' })).toThrow(
      /SUBGRAPH_SIGNING_SECRET must be at least 32 characters/,
    );
  });

  it('makes a development secret under DATA_DIR/keys once, and every process reads the same one', () => {
    const first = loadSigningSecret({ DATA_DIR: dir });
    expect(first.source).toBe('dev');
    expect(first.file).toBe(path.join(dir, 'keys', 'subgraph-signing.secret'));
    expect(first.secret.length).toBeGreaterThanOrEqual(32);
    expect(loadSigningSecret({ DATA_DIR: dir }).secret.equals(first.secret)).toBe(true);
  });

  it('does not make one in production', () => {
    expect(() => loadSigningSecret({ DATA_DIR: dir, NODE_ENV: 'production' })).toThrow(
      /SUBGRAPH_SIGNING_SECRET is not set/,
    );
    expect(fs.readdirSync(dir)).toEqual([]);
  });

  it('reads the insecure switch, refusing it in production', () => {
    expect(insecureSkipRequested({})).toBe(false);
    expect(insecureSkipRequested({ SHUJUTONG_INSECURE_SKIP_SUBGRAPH_SIGNATURES: '0' })).toBe(false);
    expect(insecureSkipRequested({ SHUJUTONG_INSECURE_SKIP_SUBGRAPH_SIGNATURES: '1' })).toBe(true);
    expect(() =>
      insecureSkipRequested({ SHUJUTONG_INSECURE_SKIP_SUBGRAPH_SIGNATURES: 'please' }),
    ).toThrow(/must be 1 or 0/);
    expect(() =>
      insecureSkipRequested({
        SHUJUTONG_INSECURE_SKIP_SUBGRAPH_SIGNATURES: '1',
        NODE_ENV: 'production',
      }),
    ).toThrow(/NODE_ENV=production/);
  });
});
