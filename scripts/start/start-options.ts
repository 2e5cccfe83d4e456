/** `npm start -- [--persons N] [--seed S]`, with SEED_PERSONS as the environment's say. */
import { parseArgs } from 'node:util';

export interface StartOptions {
  /** Size of the demo city seeded into empty databases. @default 20000 */
  persons: number;
  /** Demo world seed; the same as `npm run seed` uses, so both fill the same city. @default 20171 */
  seed: number;
}

export const DEFAULT_PERSONS = 20_000;
export const DEFAULT_WORLD_SEED = 20171;

function positiveInt(name: string, value: string | undefined, fallback: number): number {
  if (value === undefined || value === '') return fallback;
  const n = Number(value.replace(/_/g, ''));
  if (!Number.isInteger(n) || n < 1) throw new Error(`${name} must be a positive integer, got "${value}"`);
  return n;
}

export function readStartOptions(argv: string[], env: NodeJS.ProcessEnv): StartOptions {
  const { values } = parseArgs({ args: argv, options: { persons: { type: 'string' }, seed: { type: 'string' } } });
  return {
    persons: values.persons !== undefined ? positiveInt('--persons', values.persons, DEFAULT_PERSONS) : positiveInt('SEED_PERSONS', env.SEED_PERSONS, DEFAULT_PERSONS),
    seed: positiveInt('--seed', values.seed, DEFAULT_WORLD_SEED),
  };
}
