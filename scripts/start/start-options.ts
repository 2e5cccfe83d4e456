/** `npm start -- [--persons N] [--seed S]`, with SEED_PERSONS as the environment's say. */
import { parseArgs } from 'node:util';
import { positiveInt } from '../cli/positive-int';

export interface StartOptions {
  /** Size of the demo city seeded into empty databases. @default 20000 */
  persons: number;
  /** Demo world seed; the same as `npm run seed` uses, so both fill the same city. @default 20171 */
  seed: number;
}

export const DEFAULT_PERSONS = 20_000;
export const DEFAULT_WORLD_SEED = 20171;

export function readStartOptions(argv: string[], env: NodeJS.ProcessEnv): StartOptions {
  const { values } = parseArgs({
    args: argv,
    options: { persons: { type: 'string' }, seed: { type: 'string' } },
  });
  return {
    persons:
      values.persons !== undefined
        ? positiveInt('--persons', values.persons, DEFAULT_PERSONS)
        : positiveInt('SEED_PERSONS', env.SEED_PERSONS, DEFAULT_PERSONS),
    seed: positiveInt('--seed', values.seed, DEFAULT_WORLD_SEED),
  };
}
