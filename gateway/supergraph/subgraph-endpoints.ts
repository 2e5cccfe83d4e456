/**
 * Where each subgraph of a supergraph is served: the URL composed into its `@join__graph`,
 * unless the configuration overrides it (`<NAME>_URL` / `<NAME>_PORT`), exactly as the
 * gateway's query execution resolves it (execution/federated-gateway.ts). The gateway's own
 * calls (registry lookups, grants) go to the same places as its query plans.
 */
import { Kind, parse, StringValueNode } from 'graphql';

export function subgraphEndpoints(
  supergraphSdl: string,
  overrides: Readonly<Record<string, string | undefined>> = {},
): Record<string, string> {
  const urls: Record<string, string> = {};
  for (const definition of parse(supergraphSdl).definitions) {
    if (definition.kind !== Kind.ENUM_TYPE_DEFINITION || definition.name.value !== 'join__Graph')
      continue;
    for (const value of definition.values ?? []) {
      const graph = value.directives?.find((d) => d.name.value === 'join__graph');
      const arg = (name: string) =>
        (graph?.arguments?.find((a) => a.name.value === name)?.value as StringValueNode | undefined)
          ?.value;
      const name = arg('name');
      const url = arg('url');
      if (name && url) urls[name] = url;
    }
  }
  for (const [name, url] of Object.entries(overrides)) if (url) urls[name] = url;
  return urls;
}
