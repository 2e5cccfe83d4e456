/** `npm run fleet -- [--gateways N] [--port P] [--persons N] [--seed S]`. */
import { parseArgs } from 'node:util';
import { positiveInt } from '../cli/positive-int';
import { readStartOptions, StartOptions } from '../start/start-options';

export interface FleetOptions extends StartOptions {
  /** Gateway processes behind nginx. @default 3 */
  gateways: number;
  /** nginx's port; the gateways take the next N ports. @default 4000 */
  port: number;
}

export function readFleetOptions(argv: string[], env: NodeJS.ProcessEnv): FleetOptions {
  const { values } = parseArgs({
    args: argv,
    options: {
      gateways: { type: 'string' },
      port: { type: 'string' },
      persons: { type: 'string' },
      seed: { type: 'string' },
    },
  });
  const gateways = positiveInt('--gateways', values.gateways, 3);
  const port = positiveInt('--port', values.port, 4000);
  if (gateways > 32) throw new Error(`--gateways must be at most 32, got ${gateways}`);
  if (port + gateways > 65_535)
    throw new Error(`--port ${port} leaves no room for ${gateways} gateways`);
  const start = readStartOptions(
    [
      ...(values.persons !== undefined ? ['--persons', values.persons] : []),
      ...(values.seed !== undefined ? ['--seed', values.seed] : []),
    ],
    env,
  );
  return { ...start, gateways, port };
}
