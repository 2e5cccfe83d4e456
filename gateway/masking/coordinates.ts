/**
 * Coordinates rounded to two decimal places: about 1.1 km of latitude (0.01°), roughly a
 * neighbourhood, so a point no longer designates one building. Numbers inside a text value
 * ("120.871234,32.014567") are rounded the same way.
 */
const DECIMAL = /-?\d+\.\d+/g;

export function roundCoordinate(value: number): number {
  if (!Number.isFinite(value)) return value;
  return Math.round(value * 100) / 100;
}

export function maskCoordinateText(value: string): string {
  return value.replace(DECIMAL, (n) => String(roundCoordinate(Number(n))));
}
