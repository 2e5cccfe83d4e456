import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { findNginx } from '../nginx';

describe('finding nginx', () => {
  let dir: string;
  let fake: string;
  beforeAll(() => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'shujutong-nginx-bin-'));
    fake = path.join(dir, 'nginx');
    fs.writeFileSync(fake, '#!/bin/sh\n', { mode: 0o755 });
  });
  afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

  it('takes NGINX_BIN when it names an executable', () => {
    expect(findNginx({ NGINX_BIN: fake, PATH: '' })).toBe(fake);
  });

  it('refuses an NGINX_BIN that is not executable, rather than running another nginx', () => {
    const plain = path.join(dir, 'not-executable');
    fs.writeFileSync(plain, '', { mode: 0o644 });
    expect(() => findNginx({ NGINX_BIN: plain })).toThrow(/not an executable file/);
    expect(() => findNginx({ NGINX_BIN: path.join(dir, 'absent') })).toThrow(/NGINX_BIN/);
  });

  it('finds nginx on PATH before the usual places', () => {
    expect(findNginx({ PATH: `/nonexistent${path.delimiter}${dir}` })).toBe(fake);
  });

  it('skips a directory called nginx on PATH', () => {
    const parent = fs.mkdtempSync(path.join(dir, 'p-'));
    fs.mkdirSync(path.join(parent, 'nginx'), { mode: 0o755 });
    const found = findNginx({ PATH: parent });
    expect(found).not.toBe(path.join(parent, 'nginx'));
  });
});
