/**
 * Component identification codes (部件标识码): county-level division code (6, GB/T 2260) +
 * class (2) + subclass (2) + serial (6), sixteen digits in all. This is the structure that
 * GB/T 30428.2 (after CJ/T 214) describes; the exact widths were not verified against the
 * standard's text, so this module is the one place to change them.
 */
import { regionByCode } from '../../domain/regions';
import { badUserInput } from '../kit/user-input';
import { classByCode, CityPartClass } from './part-catalogue';

export const SERIAL_DIGITS = 6;
export const MAX_SERIAL = 10 ** SERIAL_DIGITS - 1;

export function buildCityPartCode(
  countyCode: string,
  subclassCode: string,
  serial: number,
): string {
  if (!Number.isInteger(serial) || serial < 1 || serial > MAX_SERIAL)
    throw new RangeError(`serial ${serial} does not fit ${SERIAL_DIGITS} digits`);
  return `${countyCode}${subclassCode}${String(serial).padStart(SERIAL_DIGITS, '0')}`;
}

export interface ParsedCityPartCode {
  countyCode: string;
  class: CityPartClass;
  subclassCode: string;
  serial: number;
}

export type CityPartCodeProblem = {
  kind: 'FORMAT' | 'UNKNOWN_COUNTY' | 'UNKNOWN_CLASS' | 'SERIAL';
  message: string;
};

export function parseCityPartCode(code: string): ParsedCityPartCode | CityPartCodeProblem {
  if (!/^\d{16}$/.test(code)) {
    return {
      kind: 'FORMAT',
      message:
        'a component code is 16 digits: county code (6), class (2), subclass (2), serial (6)',
    };
  }
  const countyCode = code.slice(0, 6);
  if (regionByCode(countyCode)?.level !== 'COUNTY')
    return {
      kind: 'UNKNOWN_COUNTY',
      message: `"${countyCode}" is not a Nantong county-level division`,
    };
  const cls = classByCode(code.slice(6, 8));
  if (!cls)
    return { kind: 'UNKNOWN_CLASS', message: `class "${code.slice(6, 8)}" is not one of 01-06` };
  const serial = Number(code.slice(10));
  if (serial === 0 || code.slice(8, 10) === '00')
    return { kind: 'SERIAL', message: 'subclass and serial numbers start at 1' };
  return { countyCode, class: cls, subclassCode: code.slice(6, 10), serial };
}

export function requireCityPartCode(argument: string, value: string): ParsedCityPartCode {
  const parsed = parseCityPartCode(value);
  if ('kind' in parsed) throw badUserInput(argument, parsed.message, { problem: parsed.kind });
  return parsed;
}
