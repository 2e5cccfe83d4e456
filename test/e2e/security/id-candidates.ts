/** What an attacker guesses behind a masked ID number, shared by the probing and budget suites. */
import { idNumberCheckChar } from '../../../domain/id-number';

/**
 * ID numbers an attacker would try for a masked `320685********6438`: same region, each birth
 * date of a year, the three sequence digits seen, kept only where the check character fits.
 */
export function candidates(target: string, count: number): string[] {
  const region = target.slice(0, 6);
  const sequence = target.slice(14, 17);
  const check = target.slice(17);
  const out: string[] = [];
  for (let year = 1950; year < 2010 && out.length < count; year++) {
    for (let day = 0; day < 366 && out.length < count; day++) {
      const date = new Date(Date.UTC(year, 0, 1 + day));
      if (date.getUTCFullYear() !== year) continue;
      const first17 = `${region}${date.toISOString().slice(0, 10).replace(/-/g, '')}${sequence}`;
      const id = `${first17}${idNumberCheckChar(first17)}`;
      if (id.slice(17) === check && id !== target) out.push(id);
    }
  }
  return out;
}
