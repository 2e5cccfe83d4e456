/**
 * The platform gateway for the benchmark's `ours-enforced` and `ours-audited` targets: exactly
 * `npm run gateway` (gateway/index.ts, with the request stages its environment asks for), after
 * turning source-mapped stack traces off as the other TypeScript gateways of the bench do
 * (plain-stack-traces.ts), so it runs as compiled JavaScript would.
 *
 *   SUPERGRAPH_PATH=... GATEWAY_PORT=4100 tsx scripts/bench/platform-gateway.ts
 */
import { usePlainStackTraces } from './plain-stack-traces';

usePlainStackTraces();
// Loaded for its side effect (it starts the gateway), after the line above.
// eslint-disable-next-line @typescript-eslint/no-require-imports -- an import would be hoisted above it
require('../../gateway/index');
