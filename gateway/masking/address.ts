/**
 * An address shown down to its county and town (乡镇/街道) only: `江苏省南通市崇川区和平桥街道***`.
 * Road, house number and room are what identify a household; the town is shared at that grain
 * in statistics anyway.
 *
 * The county is the first 区/县/市 after 南通市 (or from the start when the city is not
 * written); the town is the first 街道/镇 after it. Without a recognisable county nothing is kept.
 */
const HIDDEN = '***';
const CITY = '南通市';

function endOfFirst(text: string, from: number, markers: readonly string[]): number {
  let start = -1;
  let end = -1;
  for (const m of markers) {
    const at = text.indexOf(m, from);
    if (at >= 0 && (start < 0 || at < start)) {
      start = at;
      end = at + m.length;
    }
  }
  return end;
}

export function maskAddress(value: string): string {
  const city = value.indexOf(CITY);
  const countyEnd = endOfFirst(value, city >= 0 ? city + CITY.length : 0, ['区', '县', '市']);
  if (countyEnd < 0) return HIDDEN;
  const townEnd = endOfFirst(value, countyEnd, ['街道', '镇']);
  return value.slice(0, townEnd >= 0 ? townEnd : countyEnd) + HIDDEN;
}
