/**
 * The Nantong authorities that issue the catalogued certificates. Names follow the local
 * pattern (districts are prefixed 南通市, the county and county-level cities stand alone);
 * credit codes are built as for organs of state (registration authority 1, type 1) with an
 * illustrative organisation body, not the authorities' real codes.
 */
import { buildCreditCode } from '../../domain/credit-code';
import { CITY_CODE, regionByCode } from '../../domain/regions';

export interface Issuer {
  name: string;
  creditCode: string;
  regionCode: string;
}

export type Department =
  | 'public-security'
  | 'traffic-police'
  | 'civil-affairs'
  | 'natural-resources'
  | 'market-regulation'
  | 'administrative-approval';

const DEPARTMENT_NUMBERS: Record<Department, string> = {
  'public-security': '11',
  'traffic-police': '12',
  'civil-affairs': '21',
  'natural-resources': '31',
  'market-regulation': '41',
  'administrative-approval': '51',
};

function countyName(code: string): string {
  const region = regionByCode(code);
  if (!region || region.level !== 'COUNTY')
    throw new Error(`"${code}" is not a Nantong county-level code`);
  return region.name;
}

/** 南通市崇川区 for a district; 如东县, 启东市 for the county and county-level cities. */
export function countyTitle(code: string): string {
  const name = countyName(code);
  return name.endsWith('区') ? `南通市${name}` : name;
}

function issuer(department: Department, regionCode: string, name: string): Issuer {
  const body = `01${DEPARTMENT_NUMBERS[department]}${regionCode.slice(2, 6)}`;
  return { name, regionCode, creditCode: buildCreditCode('1', '1', regionCode, body) };
}

/** The authority in `countyCode` (or, for city-level departments, the city) that issues for `department`. */
export function issuingAuthority(department: Department, countyCode: string): Issuer {
  const name = countyName(countyCode);
  const district = name.endsWith('区');
  switch (department) {
    case 'public-security':
      // District bureaus are branches (分局) of the city bureau; county bureaus stand alone.
      return issuer(
        department,
        countyCode,
        district ? `南通市公安局${name.slice(0, -1)}分局` : `${name}公安局`,
      );
    case 'traffic-police':
      // Driving licences are issued city-wide by the vehicle administration of the traffic police.
      return issuer(department, CITY_CODE, '江苏省南通市公安局交通警察支队');
    case 'natural-resources':
      // Chongchuan's real-estate register is kept by the city bureau itself.
      return countyCode === '320602'
        ? issuer(department, CITY_CODE, '南通市自然资源和规划局')
        : issuer(department, countyCode, `${countyTitle(countyCode)}自然资源和规划局`);
    case 'civil-affairs':
      return issuer(department, countyCode, `${countyTitle(countyCode)}民政局`);
    case 'market-regulation':
      return issuer(department, countyCode, `${countyTitle(countyCode)}市场监督管理局`);
    case 'administrative-approval':
      return issuer(department, countyCode, `${countyTitle(countyCode)}行政审批局`);
  }
}
