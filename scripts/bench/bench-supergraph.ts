/**
 * The supergraph every gateway in the bench serves: the committed schema/supergraph.graphql
 * with each subgraph's URL pointed at the port the bench started it on. One file for all
 * gateways, so they plan over exactly the same schema.
 */
import fs from 'node:fs';
import path from 'node:path';
import { readSupergraphFile } from '../../gateway/supergraph/read-supergraph';
import { SUPERGRAPH_PATH } from '../../contracts/schema-files';

export function supergraphWithPorts(sdl: string, ports: ReadonlyMap<string, number>): string {
  const seen = new Set<string>();
  const text = sdl.replace(
    /@join__graph\(name: "([^"]+)", url: "[^"]*"\)/g,
    (_match, name: string) => {
      const port = ports.get(name);
      if (port === undefined)
        throw new Error(`the supergraph names subgraph "${name}", which the bench did not start`);
      seen.add(name);
      return `@join__graph(name: "${name}", url: "http://127.0.0.1:${port}/graphql")`;
    },
  );
  const missing = [...ports.keys()].filter((n) => !seen.has(n));
  if (missing.length > 0)
    throw new Error(`the supergraph has no URL for ${missing.join(', ')}: run \`npm run compose\``);
  return text;
}

/** Writes the bench supergraph into `dir` and returns its path. */
export function writeBenchSupergraph(dir: string, ports: ReadonlyMap<string, number>): string {
  const file = path.join(dir, 'supergraph.graphql');
  fs.mkdirSync(dir, { recursive: true });
  fs.writeFileSync(file, supergraphWithPorts(readSupergraphFile(SUPERGRAPH_PATH), ports));
  return file;
}
