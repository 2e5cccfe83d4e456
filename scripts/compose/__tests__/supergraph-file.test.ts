import fs from 'node:fs';
import path from 'node:path';
import { SHARING_SDL_PATH, subgraphSdlText } from '../../../contracts/schema-files';
import { composeSupergraph, defaultSubgraphUrl, sourceLocation } from '../compose-supergraph';
import {
  composeRegisteredSupergraph,
  SUPERGRAPH_PATH,
  supergraphFileText,
} from '../supergraph-file';

describe('committed supergraph', () => {
  it('matches what the registered subgraph SDLs compose to (run `npm run compose` if this fails)', () => {
    const { subgraphs, outcome } = composeRegisteredSupergraph();
    if (!outcome.ok)
      throw new Error(
        `the subgraph SDLs do not compose; run \`npm run compose\` for details:\n${outcome.errors.map((e) => `[${e.code}] ${e.message}`).join('\n')}`,
      );
    const expected = supergraphFileText(outcome.supergraphSdl, subgraphs);
    const committed = fs.existsSync(SUPERGRAPH_PATH)
      ? fs.readFileSync(SUPERGRAPH_PATH, 'utf8')
      : '';
    if (committed !== expected) {
      throw new Error(
        'schema/supergraph.graphql is stale against the subgraph SDLs: run `npm run compose` and commit the result',
      );
    }
  });
});

describe('composeSupergraph', () => {
  it('points every subgraph at its URL in the supergraph', () => {
    const outcome = composeSupergraph([
      { name: 'population', url: 'http://127.0.0.1:5999/graphql' },
    ]);
    expect(outcome.ok).toBe(true);
    if (outcome.ok)
      expect(outcome.supergraphSdl).toContain(
        '@join__graph(name: "population", url: "http://127.0.0.1:5999/graphql")',
      );
  });

  it('composes the sharing directive into the supergraph', () => {
    const outcome = composeSupergraph([
      { name: 'population', url: defaultSubgraphUrl('population') },
    ]);
    expect(outcome.ok && outcome.supergraphSdl).toMatch(/directive @sharing\(level: SharingLevel!/);
  });

  it('reports a location in the served SDL against the file it came from', () => {
    const served = subgraphSdlText('population').split('\n');
    const sharing = `schema/${path.basename(SHARING_SDL_PATH)}`;
    expect(sourceLocation('population', 2, 3)).toBe('schema/population.graphql:2:3');
    // Find a line that exists only in the sharing directives and check it maps to its own line there.
    const at = served.findIndex((l) => l.startsWith('directive @sharing'));
    const [, where] = /^(.*):(\d+):1$/.exec(sourceLocation('population', at + 1, 1)) ?? [];
    expect(where).toBe(sharing);
    const line = Number(sourceLocation('population', at + 1, 1).split(':')[1]);
    expect(fs.readFileSync(SHARING_SDL_PATH, 'utf8').split('\n')[line - 1]).toBe(served[at]);
  });

  it('renders a header saying the file is generated and by which command', () => {
    const text = supergraphFileText('type Query { a: Int }\n', ['population']);
    expect(text.split('\n')[0]).toMatch(/^# GENERATED FILE.*npm run compose/);
    expect(text).toContain('schema/population.graphql');
  });
});
