/**
 * Citizen identity number (公民身份号码), GB 11643-1999: six-digit administrative division
 * code, birth date YYYYMMDD, three-digit sequence (odd for men, even for women), and an
 * ISO 7064 MOD 11-2 check character.
 */
const WEIGHTS = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2];
const CHECK_CHARS = '10X98765432';

export type IdNumberProblem =
  | { kind: 'LENGTH'; message: string }
  | { kind: 'FORMAT'; message: string }
  | { kind: 'REGION'; message: string }
  | { kind: 'DATE'; message: string }
  | { kind: 'CHECKSUM'; message: string };

export function idNumberCheckChar(first17: string): string {
  let sum = 0;
  for (let i = 0; i < 17; i++) sum += (first17.charCodeAt(i) - 48) * WEIGHTS[i];
  return CHECK_CHARS[sum % 11];
}

export function isValidCalendarDate(year: number, month: number, day: number): boolean {
  if (month < 1 || month > 12 || day < 1) return false;
  const d = new Date(Date.UTC(year, month - 1, day));
  return d.getUTCFullYear() === year && d.getUTCMonth() === month - 1 && d.getUTCDate() === day;
}

/** Returns null for a valid number, otherwise what is wrong with it, in words a caller can act on. */
export function idNumberProblem(value: string, today: Date = new Date()): IdNumberProblem | null {
  if (value.length !== 18) {
    return { kind: 'LENGTH', message: `an ID number has 18 characters, got ${value.length}` };
  }
  if (!/^\d{17}[\dX]$/.test(value)) {
    return { kind: 'FORMAT', message: 'an ID number is 17 digits followed by a digit or X' };
  }
  if (value[0] === '0' || value.startsWith('00', 2)) {
    return {
      kind: 'REGION',
      message: `"${value.slice(0, 6)}" is not an administrative division code`,
    };
  }
  const year = Number(value.slice(6, 10));
  const month = Number(value.slice(10, 12));
  const day = Number(value.slice(12, 14));
  const birth = Date.UTC(year, month - 1, day);
  if (year < 1850 || !isValidCalendarDate(year, month, day) || birth > today.getTime()) {
    return {
      kind: 'DATE',
      message: `"${value.slice(6, 14)}" is not a valid birth date (YYYYMMDD)`,
    };
  }
  const expected = idNumberCheckChar(value.slice(0, 17));
  if (value[17] !== expected) {
    return { kind: 'CHECKSUM', message: `check character should be ${expected}, got ${value[17]}` };
  }
  return null;
}

export function isValidIdNumber(value: string): boolean {
  return idNumberProblem(value) === null;
}

/** Completes 17 characters into a valid ID number. */
export function withIdNumberCheck(first17: string): string {
  return first17 + idNumberCheckChar(first17);
}

export interface IdNumberParts {
  regionCode: string;
  birthDate: string; // ISO YYYY-MM-DD
  gender: 'MALE' | 'FEMALE';
}

export function parseIdNumber(value: string): IdNumberParts {
  return {
    regionCode: value.slice(0, 6),
    birthDate: `${value.slice(6, 10)}-${value.slice(10, 12)}-${value.slice(12, 14)}`,
    gender: Number(value[16]) % 2 === 1 ? 'MALE' : 'FEMALE',
  };
}
