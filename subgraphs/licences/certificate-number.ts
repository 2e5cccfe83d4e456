/**
 * The electronic certificate identifier (电子证照标识) this platform gives every certificate,
 * in the spirit of GB/T 36904 (a structured, platform-unique code with a check character; the
 * exact national layout was not checked, so this one is the platform's own):
 *
 *   1001 320602 2015 00001234 X
 *   type issuing year serial  check
 *   code region
 *
 * - type code: four digits from the certificate catalogue (certificate-types.ts);
 * - issuing region: GB/T 2260 code of the issuing authority (the city or one of its counties);
 * - year: year of issue;
 * - serial: eight digits, unique within the type;
 * - check: ISO 7064 MOD 11-2 over the 22 digits before it, 0-9 or X (the same scheme as the
 *   citizen ID number's last character, extended to 22 digits).
 */
import { isNantongDivisionCode } from '../../domain/regions';
import { certificateTypeByCode } from './certificate-types';

export const CERTIFICATE_NUMBER_LENGTH = 23;
/** Second-generation certificates date from the 1980s; nothing older is on the platform. */
const FIRST_YEAR = 1984;
const CHECK_CHARS = '10X98765432';

export type CertificateNumberProblemKind =
  'LENGTH' | 'FORMAT' | 'TYPE' | 'REGION' | 'YEAR' | 'CHECKSUM';

export interface CertificateNumberProblem {
  kind: CertificateNumberProblemKind;
  message: string;
}

/** ISO 7064 MOD 11-2: weight of a digit is 2^(distance from the check position) mod 11. */
export function mod11_2CheckChar(digits: string): string {
  let sum = 0;
  let weight = 2;
  for (let i = digits.length - 1; i >= 0; i--) {
    sum += (digits.charCodeAt(i) - 48) * weight;
    weight = (weight * 2) % 11;
  }
  return CHECK_CHARS[sum % 11];
}

export interface CertificateNumberParts {
  typeCode: string;
  regionCode: string;
  year: number;
  serial: number;
}

export function buildCertificateNumber(parts: CertificateNumberParts): string {
  if (!/^\d{4}$/.test(parts.typeCode) || !/^\d{6}$/.test(parts.regionCode))
    throw new Error(`bad certificate number parts ${JSON.stringify(parts)}`);
  if (!Number.isInteger(parts.serial) || parts.serial < 0 || parts.serial >= 1e8)
    throw new Error(`certificate serial out of range: ${parts.serial}`);
  const body =
    parts.typeCode +
    parts.regionCode +
    String(parts.year).padStart(4, '0') +
    String(parts.serial).padStart(8, '0');
  return body + mod11_2CheckChar(body);
}

export function parseCertificateNumber(number: string): CertificateNumberParts {
  return {
    typeCode: number.slice(0, 4),
    regionCode: number.slice(4, 10),
    year: Number(number.slice(10, 14)),
    serial: Number(number.slice(14, 22)),
  };
}

/** Null for a well-formed identifier; otherwise what is wrong, in words a caller can act on. */
export function certificateNumberProblem(
  value: string,
  today: Date = new Date(),
): CertificateNumberProblem | null {
  if (value.length !== CERTIFICATE_NUMBER_LENGTH) {
    return {
      kind: 'LENGTH',
      message: `a certificate identifier has ${CERTIFICATE_NUMBER_LENGTH} characters, got ${value.length}`,
    };
  }
  if (!/^\d{22}[\dX]$/.test(value)) {
    return {
      kind: 'FORMAT',
      message: 'a certificate identifier is 22 digits followed by a digit or X',
    };
  }
  const parts = parseCertificateNumber(value);
  if (!certificateTypeByCode(parts.typeCode)) {
    return { kind: 'TYPE', message: `"${parts.typeCode}" is not a certificate type code` };
  }
  if (!isNantongDivisionCode(parts.regionCode)) {
    return {
      kind: 'REGION',
      message: `"${parts.regionCode}" is not the code of Nantong or one of its counties`,
    };
  }
  if (parts.year < FIRST_YEAR || parts.year > today.getUTCFullYear()) {
    return {
      kind: 'YEAR',
      message: `year of issue ${parts.year} is not between ${FIRST_YEAR} and ${today.getUTCFullYear()}`,
    };
  }
  const expected = mod11_2CheckChar(value.slice(0, 22));
  if (value[22] !== expected) {
    return { kind: 'CHECKSUM', message: `check character should be ${expected}, got ${value[22]}` };
  }
  return null;
}
