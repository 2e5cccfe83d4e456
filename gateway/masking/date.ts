/**
 * A date shown with its year only, `1990-**-**`: enough for age bands, not enough to pin a
 * person down by birthday. A value with no leading year hides everything.
 */
export function maskDate(value: string): string {
  const year = /^\d{4}/.exec(value);
  return `${year ? year[0] : '****'}-**-**`;
}
