import type http from 'node:http';
import fs from 'node:fs';
import type { CallerIdentity } from '../../../../contracts/caller/caller-identity';
import { HttpError } from '../../../../contracts/http/http-error';
import { SUPERGRAPH_PATH } from '../../../../contracts/schema-files';
import type { WorkbenchDeps } from '../../workbench-deps';
import { CATALOGUE_API_PATH, CATALOGUE_EXPORT_PATH, catalogueRoutes } from '..';
import { catalogueSource } from '../catalogue-source';

const SDL = fs.readFileSync(SUPERGRAPH_PATH, 'utf8');

function depsFor(caller: CallerIdentity, sdl = SDL, log: string[] = []): WorkbenchDeps {
  return {
    callerOf: async () => caller,
    supergraphSdl: () => sdl,
    log: (line: string) => log.push(line),
  } as unknown as WorkbenchDeps;
}

/** A response that keeps what the handler wrote. */
function recorder() {
  const written: { status?: number; headers?: Record<string, unknown>; body?: Buffer } = {};
  const res = {
    writeHead(status: number, headers: Record<string, unknown>) {
      written.status = status;
      written.headers = headers;
      return res;
    },
    end(body: string | Buffer) {
      written.body = Buffer.from(body);
    },
  };
  return { res: res as unknown as http.ServerResponse, written };
}

const req = {} as http.IncomingMessage;
const ANALYST: CallerIdentity = {
  department: 'education',
  application: null,
  operator: 'teacher-1',
  purpose: null,
  roles: [],
};

async function refusal(promise: Promise<unknown>): Promise<HttpError> {
  try {
    await promise;
  } catch (err) {
    if (err instanceof HttpError) return err;
    throw err;
  }
  throw new Error('not refused');
}

describe('catalogue routes', () => {
  it('are the JSON route and the export, which a plain link may start', () => {
    const routes = catalogueRoutes(depsFor(ANALYST));
    expect(routes.map((r) => [r.method, r.path, r.download ?? false])).toEqual([
      ['GET', CATALOGUE_API_PATH, false],
      ['GET', CATALOGUE_EXPORT_PATH, true],
    ]);
  });

  it("refuse a citizen's token: the catalogue is for departments", async () => {
    const citizen = { ...ANALYST, department: 'citizen', citizenIdNumber: '320602199001011234' };
    for (const route of catalogueRoutes(depsFor(citizen))) {
      const { res, written } = recorder();
      const err = await refusal(
        Promise.resolve(route.handle(req, res, new URL(`http://gw${route.path}`))),
      );
      expect([err.status, err.code]).toEqual([403, 'FORBIDDEN']);
      expect(written.body).toBeUndefined();
    }
  });

  it('answer 500 and log why when the catalogue file does not describe the supergraph served', async () => {
    const log: string[] = [];
    const sdl =
      'type Query { ghost: Ghost @sharing(level: UNCONDITIONAL) }\ntype Ghost @sharing(level: UNCONDITIONAL) { id: ID! }';
    const [list] = catalogueRoutes(depsFor(ANALYST, sdl, log));
    const { res } = recorder();
    const err = await refusal(
      Promise.resolve(list.handle(req, res, new URL(`http://gw${list.path}`))),
    );
    expect([err.status, err.code]).toEqual([500, 'INTERNAL_SERVER_ERROR']);
    expect(err.message).toMatch(/npm run compose/);
    expect(log.join('\n')).toMatch(/Ghost \(no subgraph\) is not in the resource catalogue/);
  });

  it('build the catalogue once per supergraph served, again when another is loaded', () => {
    let sdl = SDL;
    const source = catalogueSource(() => sdl);
    const first = source();
    expect(source()).toBe(first);
    sdl = `${SDL}\n`;
    expect(source()).not.toBe(first);
  });
});
