/**
 * Names of the Nantong authorities that decide licences and penalties or keep red and black
 * lists. Districts carry the city prefix (南通市崇川区市场监督管理局); the county and the
 * county-level cities stand alone (如东县市场监督管理局). Document-number abbreviations are
 * illustrative, not the authorities' registered ones.
 */
import { regionByCode } from '../../domain/regions';

export type AuthorityKind =
  | 'market-regulation'
  | 'ecology'
  | 'emergency-management'
  | 'urban-management'
  | 'tax'
  | 'agriculture'
  | 'transport'
  | 'housing'
  | 'court';

const SUFFIX: Record<AuthorityKind, string> = {
  'market-regulation': '市场监督管理局',
  ecology: '生态环境局',
  'emergency-management': '应急管理局',
  'urban-management': '城市管理局',
  tax: '税务局',
  agriculture: '农业农村局',
  transport: '交通运输局',
  housing: '住房和城乡建设局',
  court: '人民法院',
};

/** Short forms used in decision document numbers (决定书文号). */
const DOCUMENT_ABBREVIATION: Record<AuthorityKind, string> = {
  'market-regulation': '市监',
  ecology: '环',
  'emergency-management': '应急',
  'urban-management': '城管',
  tax: '税',
  agriculture: '农',
  transport: '交',
  housing: '建',
  court: '法',
};

const COUNTY_ABBREVIATION: Record<string, string> = {
  '320602': '崇',
  '320612': '通州',
  '320614': '海门',
  '320623': '东',
  '320681': '启',
  '320682': '皋',
  '320685': '海安',
};

function countyTitle(countyCode: string): string {
  const region = regionByCode(countyCode);
  if (!region || region.level !== 'COUNTY')
    throw new Error(`"${countyCode}" is not a Nantong county-level code`);
  return region.name.endsWith('区') ? `南通市${region.name}` : region.name;
}

export function authorityName(kind: AuthorityKind, countyCode: string): string {
  // Tax offices are branches of the State Taxation Administration, named after it.
  return kind === 'tax'
    ? `国家税务总局${countyTitle(countyCode)}${SUFFIX[kind]}`
    : `${countyTitle(countyCode)}${SUFFIX[kind]}`;
}

/** e.g. 崇市监罚〔2023〕128号 */
export function decisionNumber(
  kind: AuthorityKind,
  countyCode: string,
  year: number,
  serial: number,
): string {
  return `${COUNTY_ABBREVIATION[countyCode] ?? '通'}${DOCUMENT_ABBREVIATION[kind]}罚〔${year}〕${serial}号`;
}
