import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { databaseTarget, DatabaseTarget } from '../../../contracts/database/database';
import { postGraphQL } from '../../../test/utils/graphql-client';
import { cityPartsService, cityPartsSubgraph } from '../../city-parts/module';
import { BackgroundTask, createSubgraphService, SubgraphDefinition } from '../subgraph-service';

/** City parts with one background task that records whether the server still answered when it was stopped. */
function withTask(events: string[], port: () => number = () => 0): SubgraphDefinition<void> {
  const task: BackgroundTask = {
    name: 'recorder',
    stop: async () => {
      const serving = await fetch(`http://127.0.0.1:${port()}/health`).then(
        () => true,
        () => false,
      );
      events.push(serving ? 'task stopped while serving' : 'task stopped');
    },
  };
  return { ...cityPartsService, assemble: () => ({ module: cityPartsSubgraph, tasks: [task] }) };
}

describe('subgraph services', () => {
  let dir: string;
  let database: DatabaseTarget;
  const log = () => {};

  beforeEach(() => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'shujutong-service-'));
    database = databaseTarget('city-parts', { DATA_DIR: dir });
  });
  afterEach(() => fs.rmSync(dir, { recursive: true, force: true }));

  it('opens and migrates its own database, serves it, and closes it on stop', async () => {
    const service = await createSubgraphService(cityPartsService, undefined, {
      database,
      port: 0,
      log,
    });
    const { body } = await postGraphQL(
      service.url,
      '{ cityPart(code: "3206020101000001") { code } }',
    );
    expect(body.errors).toBeUndefined();
    expect(body.data).toEqual({ cityPart: null });
    expect(await service.db.schema.hasTable('knex_migrations')).toBe(true);
    expect(service.tasks).toEqual([]);
    await service.stop();
    await expect(fetch(`http://127.0.0.1:${service.port}/health`)).rejects.toThrow();
    await expect(service.db.raw('select 1')).rejects.toThrow();
  });

  it('stops its background tasks after the server, once however often it is stopped', async () => {
    const events: string[] = [];
    let port = 0;
    const service = await createSubgraphService(
      withTask(events, () => port),
      undefined,
      { database, port: 0, log },
    );
    port = service.port;
    expect(service.tasks.map((t) => t.name)).toEqual(['recorder']);
    await Promise.all([service.stop(), service.stop()]);
    await service.stop();
    expect(events).toEqual(['task stopped']);
  });

  it('leaves a connection it was given open for its owner', async () => {
    const first = await createSubgraphService(cityPartsService, undefined, {
      database,
      port: 0,
      log,
    });
    const second = await createSubgraphService(cityPartsService, undefined, {
      database,
      db: first.db,
      port: 0,
      log,
    });
    await second.stop();
    expect(await first.db.raw('select 1')).toBeDefined();
    await first.stop();
  });

  it('stops the tasks it started when its server cannot start', async () => {
    const taken = await createSubgraphService(cityPartsService, undefined, {
      database,
      port: 0,
      log,
    });
    const events: string[] = [];
    try {
      await expect(
        createSubgraphService(withTask(events), undefined, {
          database,
          db: taken.db,
          port: taken.port,
          log,
        }),
      ).rejects.toThrow(/EADDRINUSE|in use/);
      expect(events).toEqual(['task stopped']);
    } finally {
      await taken.stop();
    }
  });
});
