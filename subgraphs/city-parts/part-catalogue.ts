/**
 * The component classes (大类) and the subclasses (小类) this database manages, after the
 * digital city management standard (GB/T 30428.2, which took over CJ/T 214's component list).
 * The six classes and their codes 01-06 follow the standard; the subclass numbers below were
 * not checked against its tables (0101 上水井盖 and 0103 雨水井盖 are the ones we are sure of),
 * so treat them as illustrative.
 */

export type CityPartClass =
  | 'PUBLIC_UTILITIES'
  | 'ROADS_AND_TRAFFIC'
  | 'CITY_APPEARANCE'
  | 'LANDSCAPING'
  | 'HOUSING_AND_LAND'
  | 'OTHER';

export const CLASS_CODES: Readonly<Record<CityPartClass, string>> = Object.freeze({
  PUBLIC_UTILITIES: '01', // 公用设施
  ROADS_AND_TRAFFIC: '02', // 道路交通
  CITY_APPEARANCE: '03', // 市容环境
  LANDSCAPING: '04', // 园林绿化
  HOUSING_AND_LAND: '05', // 房屋土地
  OTHER: '06', // 其他设施
});

export const CITY_PART_CLASSES = Object.keys(CLASS_CODES) as CityPartClass[];

const CLASS_BY_CODE = new Map(CITY_PART_CLASSES.map((c) => [CLASS_CODES[c], c]));

export function classByCode(code: string): CityPartClass | undefined {
  return CLASS_BY_CODE.get(code);
}

/**
 * Who answers for a component: an enterprise (a utility or a contracted maintainer, taken
 * from the demo city's companies), or a public body named after the county it serves.
 */
export type CustodianRule =
  { kind: 'ENTERPRISE' } | { kind: 'PUBLIC_BODY'; name: (countyName: string) => string };

export interface CitySubclass {
  /** Four digits: class code + subclass number. */
  code: string;
  name: string;
  nameEn: string;
  class: CityPartClass;
  /** Relative frequency in the demo city. */
  weight: number;
  custodian: CustodianRule;
}

const ENTERPRISE: CustodianRule = { kind: 'ENTERPRISE' };
const body = (name: (countyName: string) => string): CustodianRule => ({
  kind: 'PUBLIC_BODY',
  name,
});
const housing = body((c) => `${c}住房和城乡建设局`);
const cityManagement = body((c) => `${c}城市管理局`);
const greening = body((c) => `${c}园林绿化管理所`);
const trafficPolice = body(() => '南通市公安局交通警察支队');

export const SUBCLASSES: readonly CitySubclass[] = Object.freeze([
  {
    code: '0101',
    name: '上水井盖',
    nameEn: 'Water supply manhole cover',
    class: 'PUBLIC_UTILITIES',
    weight: 8,
    custodian: ENTERPRISE,
  },
  {
    code: '0102',
    name: '污水井盖',
    nameEn: 'Sewer manhole cover',
    class: 'PUBLIC_UTILITIES',
    weight: 6,
    custodian: housing,
  },
  {
    code: '0103',
    name: '雨水井盖',
    nameEn: 'Storm drain manhole cover',
    class: 'PUBLIC_UTILITIES',
    weight: 8,
    custodian: housing,
  },
  {
    code: '0105',
    name: '电力井盖',
    nameEn: 'Power manhole cover',
    class: 'PUBLIC_UTILITIES',
    weight: 4,
    custodian: ENTERPRISE,
  },
  {
    code: '0111',
    name: '燃气井盖',
    nameEn: 'Gas manhole cover',
    class: 'PUBLIC_UTILITIES',
    weight: 3,
    custodian: ENTERPRISE,
  },
  {
    code: '0117',
    name: '消火栓',
    nameEn: 'Fire hydrant',
    class: 'PUBLIC_UTILITIES',
    weight: 4,
    custodian: body((c) => `${c}消防救援大队`),
  },
  {
    code: '0120',
    name: '路灯',
    nameEn: 'Street lamp',
    class: 'PUBLIC_UTILITIES',
    weight: 12,
    custodian: ENTERPRISE,
  },
  {
    code: '0201',
    name: '公交站亭',
    nameEn: 'Bus shelter',
    class: 'ROADS_AND_TRAFFIC',
    weight: 4,
    custodian: ENTERPRISE,
  },
  {
    code: '0204',
    name: '交通信号灯',
    nameEn: 'Traffic signal',
    class: 'ROADS_AND_TRAFFIC',
    weight: 3,
    custodian: trafficPolice,
  },
  {
    code: '0205',
    name: '交通标志牌',
    nameEn: 'Traffic sign',
    class: 'ROADS_AND_TRAFFIC',
    weight: 5,
    custodian: trafficPolice,
  },
  {
    code: '0207',
    name: '道路护栏',
    nameEn: 'Road guard rail',
    class: 'ROADS_AND_TRAFFIC',
    weight: 4,
    custodian: housing,
  },
  {
    code: '0301',
    name: '公共厕所',
    nameEn: 'Public toilet',
    class: 'CITY_APPEARANCE',
    weight: 2,
    custodian: cityManagement,
  },
  {
    code: '0302',
    name: '垃圾箱',
    nameEn: 'Litter bin',
    class: 'CITY_APPEARANCE',
    weight: 10,
    custodian: ENTERPRISE,
  },
  {
    code: '0306',
    name: '户外广告设施',
    nameEn: 'Outdoor advertising structure',
    class: 'CITY_APPEARANCE',
    weight: 3,
    custodian: ENTERPRISE,
  },
  {
    code: '0401',
    name: '古树名木',
    nameEn: 'Heritage tree',
    class: 'LANDSCAPING',
    weight: 1,
    custodian: greening,
  },
  {
    code: '0402',
    name: '行道树',
    nameEn: 'Street tree',
    class: 'LANDSCAPING',
    weight: 12,
    custodian: ENTERPRISE,
  },
  {
    code: '0408',
    name: '园林座椅',
    nameEn: 'Park bench',
    class: 'LANDSCAPING',
    weight: 4,
    custodian: greening,
  },
  {
    code: '0501',
    name: '报刊亭',
    nameEn: 'News kiosk',
    class: 'HOUSING_AND_LAND',
    weight: 1,
    custodian: ENTERPRISE,
  },
  {
    code: '0504',
    name: '工地围挡',
    nameEn: 'Construction site hoarding',
    class: 'HOUSING_AND_LAND',
    weight: 1,
    custodian: ENTERPRISE,
  },
  {
    code: '0601',
    name: '监控电子眼',
    nameEn: 'Surveillance camera',
    class: 'OTHER',
    weight: 3,
    custodian: body(() => '南通市公安局'),
  },
  {
    code: '0603',
    name: '电子显示屏',
    nameEn: 'Electronic display board',
    class: 'OTHER',
    weight: 1,
    custodian: cityManagement,
  },
] satisfies CitySubclass[]);

const SUBCLASS_BY_CODE = new Map(SUBCLASSES.map((s) => [s.code, s]));

export function subclassByCode(code: string): CitySubclass | undefined {
  return SUBCLASS_BY_CODE.get(code);
}
