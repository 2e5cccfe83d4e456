/**
 * Loads the workbench's browser scripts (plain ES2017, no modules) into a fresh context with a
 * stand-in `window`, as the page would, and returns what they put on `window.Sjt`: their pure
 * parts are then tested without a browser.
 */
import fs from 'node:fs';
import path from 'node:path';
import vm from 'node:vm';

export function loadScripts(names: readonly string[], extra: Record<string, unknown> = {}): any {
  const store = new Map<string, string>();
  const window: Record<string, unknown> = {
    sessionStorage: {
      getItem: (k: string) => store.get(k) ?? null,
      setItem: (k: string, v: string) => void store.set(k, String(v)),
      removeItem: (k: string) => void store.delete(k),
    },
    ...extra,
  };
  const context = vm.createContext({ window, URLSearchParams, setTimeout, clearTimeout });
  for (const name of ['sjt-core.js', ...names.filter((n) => n !== 'sjt-core.js')]) {
    const file = path.join(__dirname, '..', 'workbench', name);
    vm.runInContext(fs.readFileSync(file, 'utf8'), context, { filename: file });
  }
  return window.Sjt;
}
