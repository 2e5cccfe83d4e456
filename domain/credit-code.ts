/**
 * Unified social credit code (统一社会信用代码), GB 32100-2015: registration authority (1),
 * entity type (1), administrative division (6), organisation code (9, per GB 11714) and a
 * MOD 31 check character over a 31-symbol alphabet without I, O, Z, S, V.
 */
export const CREDIT_CODE_ALPHABET = '0123456789ABCDEFGHJKLMNPQRTUWXY';
const WEIGHTS = [1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28];
const ORG_WEIGHTS = [3, 7, 9, 10, 5, 8, 4, 2];

export interface CreditCodeProblem {
  kind: 'LENGTH' | 'FORMAT' | 'CHECKSUM';
  message: string;
}

export function creditCodeCheckChar(first17: string): string {
  let sum = 0;
  for (let i = 0; i < 17; i++) sum += CREDIT_CODE_ALPHABET.indexOf(first17[i]) * WEIGHTS[i];
  const check = 31 - (sum % 31);
  return CREDIT_CODE_ALPHABET[check === 31 ? 0 : check];
}

/** GB 11714 check character for the eight-character body of an organisation code. */
export function organisationCodeCheckChar(body8: string): string {
  let sum = 0;
  for (let i = 0; i < 8; i++) sum += CREDIT_CODE_ALPHABET.indexOf(body8[i]) * ORG_WEIGHTS[i];
  const check = 11 - (sum % 11);
  return check === 10 ? 'X' : check === 11 ? '0' : String(check);
}

export function creditCodeProblem(value: string): CreditCodeProblem | null {
  if (value.length !== 18) {
    return { kind: 'LENGTH', message: `a credit code has 18 characters, got ${value.length}` };
  }
  for (const ch of value) {
    if (!CREDIT_CODE_ALPHABET.includes(ch)) {
      return {
        kind: 'FORMAT',
        message: `"${ch}" is not allowed in a credit code (digits and capital letters except I, O, Z, S, V)`,
      };
    }
  }
  const expected = creditCodeCheckChar(value.slice(0, 17));
  if (value[17] !== expected) {
    return { kind: 'CHECKSUM', message: `check character should be ${expected}, got ${value[17]}` };
  }
  return null;
}

export function isValidCreditCode(value: string): boolean {
  return creditCodeProblem(value) === null;
}

/**
 * Builds a valid code from its parts; `organisationBody` is the first eight characters of the
 * organisation code, whose GB 11714 check character is added here.
 */
export function buildCreditCode(
  authority: string,
  entityType: string,
  regionCode: string,
  organisationBody: string,
): string {
  const org = organisationBody + organisationCodeCheckChar(organisationBody);
  const first17 = authority + entityType + regionCode + org;
  return first17 + creditCodeCheckChar(first17);
}
