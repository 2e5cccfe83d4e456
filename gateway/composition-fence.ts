/**
 * The gateway process never composes. It serves the committed supergraph, which `npm run compose`
 * built after its own checks (sharing classes, relation classes: scripts/compose/); a supergraph
 * composed at run time, by IntrospectAndCompose say, would skip them. `@apollo/gateway` requires
 * its composing supergraph managers, and through them `@apollo/composition`, as soon as it loads,
 * though a static supergraph never calls them. Installed before the gateway is loaded, this fence
 * stands in for `@apollo/composition` in this process: nothing of the composer is loaded, and any
 * attempt to compose fails loudly instead of quietly serving an unchecked schema.
 */
import Module from 'node:module';

const REFUSAL =
  'the gateway process does not compose supergraphs: run `npm run compose` and serve schema/supergraph.graphql';

/** Installs the fence; call before anything loads `@apollo/gateway`. */
export function fenceOffComposition(): void {
  const requireFromGateway = Module.createRequire(require.resolve('@apollo/gateway'));
  // Resolving finds the file without running it.
  const file = requireFromGateway.resolve('@apollo/composition');
  if (require.cache[file]) return;
  const fenced = new Module(file);
  fenced.filename = file;
  fenced.loaded = true;
  // The managers read a property only when they compose: refuse then, not at load.
  fenced.exports = new Proxy(
    {},
    {
      get(_target, property) {
        if (typeof property === 'symbol' || property === '__esModule' || property === 'then')
          return undefined;
        throw new Error(`${REFUSAL} (asked for @apollo/composition's ${property})`);
      },
    },
  );
  require.cache[file] = fenced;
}

// Imported first by the gateway's entry point (gateway/index.ts), for this effect alone.
fenceOffComposition();
