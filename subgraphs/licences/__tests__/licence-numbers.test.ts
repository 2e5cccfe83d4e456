import { isValidCreditCode } from '../../../domain/credit-code';
import { COUNTY_REGIONS } from '../../../domain/regions';
import { Department, issuingAuthority } from '../issuing-authorities';
import {
  constructionPermitNumber,
  foodPermitNumber,
  marriageRegistrationNumber,
  mod11_10CheckDigit,
  realEstateTitleNumber,
} from '../licence-numbers';

describe('printed licence numbers', () => {
  it('formats a food business permit number as JY + 14 digits ending in an ISO 7064 MOD 11,10 check digit', () => {
    const number = foodPermitNumber(2, '320602', 1234);
    expect(number).toMatch(/^JY2320602001234\d$/);
    expect(number.slice(-1)).toBe(mod11_10CheckDigit('2320602001234'));
  });

  it('computes the ISO 7064 MOD 11,10 check digit of an example worked by hand', () => {
    // p: 10 → 9 → 1 → 9 → 6 over 0, 7, 9, 4; check = (11 − 6) mod 10 = 5.
    expect(mod11_10CheckDigit('0794')).toBe('5');
  });

  it('names the city in a Chongchuan title number and the county elsewhere', () => {
    expect(realEstateTitleNumber('320602', 2019, 12345)).toBe('苏(2019)南通市不动产权第0012345号');
    expect(realEstateTitleNumber('320623', 2020, 7)).toBe('苏(2020)如东县不动产权第0000007号');
    expect(realEstateTitleNumber('320612', 2020, 7)).toBe(
      '苏(2020)南通市通州区不动产权第0000007号',
    );
  });

  it('formats marriage registration and construction permit numbers', () => {
    expect(marriageRegistrationNumber('320681', 2015, 42)).toBe('J320681-2015-000042');
    expect(constructionPermitNumber('320685', '2021-03-15', 7)).toBe('320685202103150701');
  });
});

describe('issuing authorities', () => {
  const departments: Department[] = [
    'public-security',
    'traffic-police',
    'civil-affairs',
    'natural-resources',
    'market-regulation',
    'administrative-approval',
  ];

  it('gives every authority a valid organ-of-state credit code in its own region', () => {
    for (const county of COUNTY_REGIONS) {
      for (const d of departments) {
        const issuer = issuingAuthority(d, county.code);
        expect(isValidCreditCode(issuer.creditCode)).toBe(true);
        expect(issuer.creditCode.slice(0, 2)).toBe('11');
        expect(issuer.creditCode.slice(2, 8)).toBe(issuer.regionCode);
      }
    }
  });

  it('names district bureaus after the city and county bureaus on their own', () => {
    expect(issuingAuthority('public-security', '320602').name).toBe('南通市公安局崇川分局');
    expect(issuingAuthority('public-security', '320623').name).toBe('如东县公安局');
    expect(issuingAuthority('market-regulation', '320614').name).toBe('南通市海门区市场监督管理局');
    expect(issuingAuthority('traffic-police', '320681').regionCode).toBe('320600');
  });
});
