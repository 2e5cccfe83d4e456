import { idNumberCheckChar } from '../../../domain/id-number';
import {
  buildCertificateNumber,
  certificateNumberProblem,
  mod11_2CheckChar,
  parseCertificateNumber,
} from '../certificate-number';

const TODAY = new Date('2025-06-01T00:00:00Z');

describe('electronic certificate identifier', () => {
  it('computes the same MOD 11-2 check character as GB 11643 over 17 digits', () => {
    for (const first17 of ['32060219900101123', '32068219851231002', '11010519491231002']) {
      expect(mod11_2CheckChar(first17)).toBe(idNumberCheckChar(first17));
    }
  });

  it('builds a 23-character identifier that parses back into its parts and passes validation', () => {
    const parts = { typeCode: '1002', regionCode: '320600', year: 2016, serial: 1234 };
    const number = buildCertificateNumber(parts);
    expect(number).toMatch(/^10023206002016000012340?[\dX]$/);
    expect(number).toHaveLength(23);
    expect(parseCertificateNumber(number)).toEqual(parts);
    expect(certificateNumberProblem(number, TODAY)).toBeNull();
  });

  it('refuses a serial that does not fit in eight digits', () => {
    expect(() =>
      buildCertificateNumber({
        typeCode: '1001',
        regionCode: '320602',
        year: 2020,
        serial: 100_000_000,
      }),
    ).toThrow(/serial/);
  });

  const valid = buildCertificateNumber({
    typeCode: '2001',
    regionCode: '320623',
    year: 2017,
    serial: 6,
  });
  const withBody = (body: string) => body + mod11_2CheckChar(body);

  it.each([
    ['LENGTH', valid.slice(0, 22)],
    ['FORMAT', `${valid.slice(0, 5)}A${valid.slice(6)}`],
    ['TYPE', withBody(`9999${valid.slice(4, 22)}`)],
    ['REGION', withBody(`2001110101${valid.slice(10, 22)}`)],
    ['REGION', withBody(`2001320600${valid.slice(10, 22)}`.replace('2001320600', '2001320699'))],
    ['YEAR', withBody(`2001320623${'1970'}${valid.slice(14, 22)}`)],
    ['YEAR', withBody(`2001320623${'2030'}${valid.slice(14, 22)}`)],
    ['CHECKSUM', valid.slice(0, 22) + (valid[22] === '0' ? '1' : '0')],
  ])('reports %s for %s', (kind, value) => {
    expect(certificateNumberProblem(value, TODAY)?.kind).toBe(kind);
  });
});
