/**
 * The numbers printed on certificates (证照编号), in each issuer's own format. Only the ID-based
 * ones (ID card, driving licence) and the business licence's credit code are national
 * standards; the layouts below follow the published patterns, with serials made up for the
 * demo and, where a check digit exists, an ISO 7064 check whose exact algorithm is not verified.
 */
import { countyTitle } from './issuing-authorities';

function pad(n: number, width: number): string {
  return String(n).padStart(width, '0');
}

/** 结婚证字号: J + registering county + year + serial, e.g. J320602-2015-001234. */
export function marriageRegistrationNumber(
  countyCode: string,
  year: number,
  serial: number,
): string {
  return `J${countyCode}-${year}-${pad(serial % 1_000_000, 6)}`;
}

/** 不动产权证号: 苏(2019)南通市不动产权第0012345号; districts other than Chongchuan name themselves. */
export function realEstateTitleNumber(countyCode: string, year: number, serial: number): string {
  const place = countyCode === '320602' ? '南通市' : countyTitle(countyCode);
  return `苏(${year})${place}不动产权第${pad(serial % 10_000_000, 7)}号`;
}

/** ISO 7064 MOD 11,10: a single decimal check digit. */
export function mod11_10CheckDigit(digits: string): string {
  let p = 10;
  for (const ch of digits) {
    const s = (p + (ch.charCodeAt(0) - 48)) % 10 || 10;
    p = (2 * s) % 11;
  }
  return String((11 - p) % 10);
}

/** Food business operator category (主体业态) as the permit number's first digit. */
export type FoodOperatorCategory = 1 | 2 | 3; // 1 食品销售经营者, 2 餐饮服务经营者, 3 单位食堂

/** 食品经营许可证编号: JY + category (1) + county (6) + serial (6) + check digit (1). */
export function foodPermitNumber(
  category: FoodOperatorCategory,
  countyCode: string,
  serial: number,
): string {
  const digits = `${category}${countyCode}${pad(serial % 1_000_000, 6)}`;
  return `JY${digits}${mod11_10CheckDigit(digits)}`;
}

/** 施工许可证编号: county (6) + date of issue YYYYMMDD (8) + serial of the day (2) + sub-item 01 (2). */
export function constructionPermitNumber(
  countyCode: string,
  issuedOn: string,
  serialOfDay: number,
): string {
  return `${countyCode}${issuedOn.replace(/-/g, '')}${pad(serialOfDay % 100, 2)}01`;
}
