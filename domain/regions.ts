/**
 * Nantong's administrative divisions. County-level codes are GB/T 2260 (Haimen became a
 * district in 2020 as 320614; Gangzha merged into Chongchuan the same year). Town-level
 * (乡镇/街道) names are real; their nine-digit codes follow the GB/T 10114 structure
 * (county code + 001-099 for subdistricts, 100-199 for towns) but were not checked against the
 * statistical bureau's published list, so treat them as illustrative.
 */
export type RegionLevel = 'CITY' | 'COUNTY' | 'TOWN';

export interface RegionSeed {
  code: string;
  name: string;
  nameEn: string;
  level: RegionLevel;
  parentCode: string | null;
  /** CGCS2000 (EPSG:4490), practically WGS84: [longitude, latitude]. */
  centroid: [number, number];
  /** [minLon, minLat, maxLon, maxLat] */
  bbox: [number, number, number, number];
}

export const CITY_CODE = '320600';

interface CountyDef {
  code: string;
  name: string;
  nameEn: string;
  centroid: [number, number];
  halfSpan: number;
  subdistricts: string[];
  towns: string[];
}

const COUNTIES: CountyDef[] = [
  {
    code: '320602',
    name: '崇川区',
    nameEn: 'Chongchuan District',
    centroid: [120.86, 32.01],
    halfSpan: 0.1,
    subdistricts: [
      '城东街道',
      '和平桥街道',
      '任港街道',
      '新城桥街道',
      '虹桥街道',
      '学田街道',
      '钟秀街道',
      '文峰街道',
      '观音山街道',
      '狼山镇街道',
      '幸福街道',
      '唐闸镇街道',
      '天生港镇街道',
      '秦灶街道',
    ],
    towns: [],
  },
  {
    code: '320612',
    name: '通州区',
    nameEn: 'Tongzhou District',
    centroid: [121.07, 32.07],
    halfSpan: 0.16,
    subdistricts: ['金沙街道', '先锋街道'],
    towns: [
      '兴仁镇',
      '二甲镇',
      '东社镇',
      '三余镇',
      '十总镇',
      '石港镇',
      '刘桥镇',
      '平潮镇',
      '五接镇',
      '川姜镇',
      '西亭镇',
    ],
  },
  {
    code: '320614',
    name: '海门区',
    nameEn: 'Haimen District',
    centroid: [121.18, 31.89],
    halfSpan: 0.15,
    subdistricts: ['海门街道', '三厂街道', '滨江街道'],
    towns: ['常乐镇', '悦来镇', '四甲镇', '余东镇', '正余镇', '包场镇', '临江镇', '海永镇'],
  },
  {
    code: '320623',
    name: '如东县',
    nameEn: 'Rudong County',
    centroid: [121.19, 32.33],
    halfSpan: 0.2,
    subdistricts: ['掘港街道', '城中街道'],
    towns: [
      '大豫镇',
      '曹埠镇',
      '岔河镇',
      '双甸镇',
      '新店镇',
      '河口镇',
      '袁庄镇',
      '马塘镇',
      '丰利镇',
      '栟茶镇',
      '洋口镇',
      '长沙镇',
    ],
  },
  {
    code: '320681',
    name: '启东市',
    nameEn: 'Qidong',
    centroid: [121.66, 31.81],
    halfSpan: 0.18,
    subdistricts: [],
    towns: [
      '汇龙镇',
      '南阳镇',
      '北新镇',
      '王鲍镇',
      '合作镇',
      '海复镇',
      '近海镇',
      '寅阳镇',
      '惠萍镇',
      '东海镇',
      '吕四港镇',
      '启隆镇',
    ],
  },
  {
    code: '320682',
    name: '如皋市',
    nameEn: 'Rugao',
    centroid: [120.57, 32.37],
    halfSpan: 0.17,
    subdistricts: ['如城街道', '城南街道', '城北街道'],
    towns: [
      '东陈镇',
      '丁堰镇',
      '白蒲镇',
      '下原镇',
      '九华镇',
      '石庄镇',
      '长江镇',
      '吴窑镇',
      '江安镇',
      '搬经镇',
      '磨头镇',
    ],
  },
  {
    code: '320685',
    name: '海安市',
    nameEn: "Hai'an",
    centroid: [120.47, 32.53],
    halfSpan: 0.15,
    subdistricts: ['海安街道'],
    towns: ['城东镇', '曲塘镇', '李堡镇', '角斜镇', '雅周镇', '南莫镇', '白甸镇', '墩头镇'],
  },
];

function round(n: number): number {
  return Math.round(n * 1e6) / 1e6;
}

function box([lon, lat]: [number, number], half: number): [number, number, number, number] {
  return [round(lon - half), round(lat - half), round(lon + half), round(lat + half)];
}

function buildRegions(): RegionSeed[] {
  const out: RegionSeed[] = [
    {
      code: CITY_CODE,
      name: '南通市',
      nameEn: 'Nantong',
      level: 'CITY',
      parentCode: '320000',
      centroid: [120.89, 32.0],
      bbox: [120.2, 31.6, 121.95, 32.72],
    },
  ];
  for (const c of COUNTIES) {
    out.push({
      code: c.code,
      name: c.name,
      nameEn: c.nameEn,
      level: 'COUNTY',
      parentCode: CITY_CODE,
      centroid: c.centroid,
      bbox: box(c.centroid, c.halfSpan),
    });
    const towns = [
      ...c.subdistricts.map((name, i) => ({
        name,
        code: `${c.code}${String(i + 1).padStart(3, '0')}`,
      })),
      ...c.towns.map((name, i) => ({
        name,
        code: `${c.code}${String(100 + i + 1).padStart(3, '0')}`,
      })),
    ];
    towns.forEach((t, i) => {
      // Towns are placed on a ring around the county seat so that nearby searches have structure.
      const angle = (2 * Math.PI * i) / towns.length;
      const r = c.halfSpan * (i < c.subdistricts.length ? 0.25 : 0.65);
      const centroid: [number, number] = [
        round(c.centroid[0] + r * Math.cos(angle)),
        round(c.centroid[1] + r * Math.sin(angle)),
      ];
      out.push({
        code: t.code,
        name: t.name,
        nameEn: t.name,
        level: 'TOWN',
        parentCode: c.code,
        centroid,
        bbox: box(centroid, c.halfSpan / 6),
      });
    });
  }
  return out;
}

export const REGIONS: readonly RegionSeed[] = Object.freeze(buildRegions());
export const COUNTY_REGIONS: readonly RegionSeed[] = REGIONS.filter((r) => r.level === 'COUNTY');
export const TOWN_REGIONS: readonly RegionSeed[] = REGIONS.filter((r) => r.level === 'TOWN');

const BY_CODE = new Map(REGIONS.map((r) => [r.code, r]));

export function regionByCode(code: string): RegionSeed | undefined {
  return BY_CODE.get(code);
}

export function townsOf(countyCode: string): RegionSeed[] {
  return TOWN_REGIONS.filter((t) => t.parentCode === countyCode);
}

/** The GB/T 2260 codes of Nantong: the city and its seven county-level divisions. */
export function isNantongDivisionCode(code: string): boolean {
  const r = BY_CODE.get(code);
  return r !== undefined && r.level !== 'TOWN';
}
