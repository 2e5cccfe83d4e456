/** Names and values of the per-subgraph environment variables (`<NAME>_PORT`, `<NAME>_URL` ...), read the same way by every process. */

export function envName(subgraph: string, suffix: string): string {
  return `${subgraph.replace(/-/g, '_').toUpperCase()}_${suffix}`;
}

export function parsePort(variable: string, value: string | undefined, fallback: number): number {
  if (value === undefined || value === '') return fallback;
  const n = Number(value);
  if (!Number.isInteger(n) || n < 0 || n > 65535)
    throw new Error(`${variable} must be a port number (0-65535), got "${value}"`);
  return n;
}
