/**
 * The certificates legal entities of the demo city hold: a business licence for every market
 * entity (company, individual business, cooperative), a food business permit for those selling
 * or serving food, construction permits for builders. Derived from the world alone, so every
 * holder is an entity in the legal-entity database, and a licence is withdrawn on the day the
 * register says the entity was revoked, cancelled or moved out.
 */
import { EntityKind, EntitySeed, personAt, WorldOptions } from '../../domain/demo/world';
import { Rng } from '../../domain/demo/random';
import { regionByCode, townsOf } from '../../domain/regions';
import { ROADS, ENTERPRISE_WORDS } from '../../domain/demo/vocabulary';
import {
  addDays,
  addYears,
  dayWithin,
  DEMO_AS_OF,
  earlierOf,
  laterOf,
} from '../../domain/demo/calendar';
import { entityStatusChangedOn } from '../legal-entity/entity-record';
import { CertificateRow, certificateRow, Issuance, printedDate } from './certificate-row';
import { issuingAuthority } from './issuing-authorities';
import {
  constructionPermitNumber,
  FoodOperatorCategory,
  foodPermitNumber,
} from './licence-numbers';

/** 三证合一: licences of entities registered before October 2015 were replaced by 2017. */
const UNIFIED_LICENCE_FROM = '2015-10-01';
const FOOD_PERMIT_YEARS = 5;
const FOOD_PERMIT_LAPSE = 0.12;

const MARKET_ENTITY_KINDS: readonly EntityKind[] = [
  'COMPANY',
  'INDIVIDUAL_BUSINESS',
  'COOPERATIVE',
];

const LICENCE_TYPE_NAMES: Partial<Record<EntityKind, string>> = {
  COMPANY: '有限责任公司(自然人投资或控股)',
  INDIVIDUAL_BUSINESS: '个体工商户',
  COOPERATIVE: '农民专业合作社',
};

const WITHDRAWAL_REASONS: Record<string, string> = {
  REVOKED: '市场主体被吊销营业执照',
  CANCELLED: '市场主体注销登记，证照缴销',
  MOVED_OUT: '市场主体迁出本市，由迁入地登记机关换发',
};

function holder(e: EntitySeed) {
  return { kind: 'LEGAL_ENTITY' as const, key: e.creditCode, name: e.name };
}

/** The last day on which the entity could still be issued anything. */
function activeUntil(
  world: WorldOptions,
  e: EntitySeed,
): { until: string; withdrawn: { on: string; reason: string } | null } {
  const changed = entityStatusChangedOn(world, e);
  if (!changed) return { until: DEMO_AS_OF, withdrawn: null };
  return { until: changed, withdrawn: { on: changed, reason: WITHDRAWAL_REASONS[e.status] } };
}

function businessLicence(world: WorldOptions, e: EntitySeed): CertificateRow | null {
  if (!MARKET_ENTITY_KINDS.includes(e.kind)) return null;
  const rng = new Rng(world.seed, 'business-licence', e.index);
  const { until, withdrawn } = activeUntil(world, e);
  // 营业期限: most companies register without a limit; individual businesses have none.
  const limited =
    e.kind === 'COMPANY' ? rng.chance(0.35) : e.kind === 'COOPERATIVE' ? rng.chance(0.5) : false;
  const termEnd = limited ? addDays(addYears(e.establishedOn, rng.pick([10, 20, 30])), -1) : null;
  // Most entities whose term ran out while trading changed it to 长期 (变更登记); the rest lapsed.
  const validTo = termEnd !== null && termEnd < until && rng.chance(0.85) ? null : termEnd;
  const reissued =
    e.establishedOn < UNIFIED_LICENCE_FROM
      ? dayWithin(rng, UNIFIED_LICENCE_FROM, '2018-01-01')
      : e.establishedOn;
  // An entity that had closed or whose term had ended before the replacement kept its old licence.
  const issued =
    reissued <= until && (validTo === null || reissued <= validTo) ? reissued : e.establishedOn;
  const representative = personAt(world, e.legalRepresentativeIndex);
  return certificateRow(rng, {
    type: 'BUSINESS_LICENCE',
    serial: e.index,
    licenceNumber: e.creditCode,
    holder: holder(e),
    address: e.address.fullText,
    issuer: issuingAuthority('market-regulation', e.regionCode),
    issuedOn: issued,
    validFrom: e.establishedOn,
    validTo,
    status: withdrawn && { recorded: 'REVOKED', ...withdrawn },
    surface: [
      { name: '类型', value: LICENCE_TYPE_NAMES[e.kind] ?? e.kind },
      {
        name: e.kind === 'INDIVIDUAL_BUSINESS' ? '经营者' : '法定代表人',
        value: representative.name,
      },
      {
        name: e.kind === 'INDIVIDUAL_BUSINESS' ? '资金数额' : '注册资本',
        value: `${e.registeredCapitalWan}万元整`,
      },
      { name: '成立日期', value: printedDate(e.establishedOn) },
      {
        name: '营业期限',
        value: validTo ? `${printedDate(e.establishedOn)}至${printedDate(validTo)}` : '长期',
      },
      { name: '经营范围', value: e.businessScope },
    ],
  });
}

/** Who needs a food business permit, and as which kind of operator (主体业态). */
function foodOperator(rng: Rng, e: EntitySeed): FoodOperatorCategory | null {
  if (e.kind !== 'COMPANY' && e.kind !== 'INDIVIDUAL_BUSINESS') return null;
  if (e.industry === '餐饮') return 2;
  if (e.industry === '食品') return 1;
  // General retailers often sell pre-packaged food as well.
  if (e.industry === '商贸' && rng.chance(0.3)) return 1;
  return null;
}

const FOOD_ACTIVITIES: Record<FoodOperatorCategory, string> = {
  1: '预包装食品（含冷藏冷冻食品）销售，散装食品（不含冷藏冷冻食品）销售',
  2: '热食类食品制售，冷食类食品制售',
  3: '热食类食品制售',
};

const FOOD_CATEGORY_NAMES: Record<FoodOperatorCategory, string> = {
  1: '食品销售经营者',
  2: '餐饮服务经营者',
  3: '单位食堂',
};

function foodBusinessPermit(world: WorldOptions, e: EntitySeed): CertificateRow | null {
  const rng = new Rng(world.seed, 'food-permit', e.index);
  const category = foodOperator(rng, e);
  if (category === null) return null;
  const { until, withdrawn } = activeUntil(world, e);
  // 食品经营许可 replaced the separate catering and distribution permits in October 2015.
  const start = laterOf(e.establishedOn, '2015-10-01');
  if (start >= until) return null;
  let issued = dayWithin(rng, start, earlierOf(addDays(start, 180), until));
  let validTo = addDays(addYears(issued, FOOD_PERMIT_YEARS), -1);
  while (validTo < until && !rng.chance(FOOD_PERMIT_LAPSE)) {
    issued = dayWithin(rng, addDays(validTo, -60), validTo);
    validTo = addDays(addYears(issued, FOOD_PERMIT_YEARS), -1);
  }
  const representative = personAt(world, e.legalRepresentativeIndex);
  return certificateRow(rng, {
    type: 'FOOD_BUSINESS_PERMIT',
    serial: e.index,
    licenceNumber: foodPermitNumber(category, e.regionCode, e.index),
    holder: holder(e),
    address: e.address.fullText,
    issuer: issuingAuthority('administrative-approval', e.regionCode),
    issuedOn: issued,
    validTo,
    // A permit that had already lapsed when the entity closed stays as it was: expired.
    status:
      withdrawn && validTo >= withdrawn.on
        ? {
            recorded: 'REVOKED',
            on: withdrawn.on,
            reason: '经营者主体资格终止，食品经营许可证注销',
          }
        : null,
    surface: [
      { name: '经营者名称', value: e.name },
      { name: '法定代表人（负责人）', value: representative.name },
      { name: '主体业态', value: FOOD_CATEGORY_NAMES[category] },
      { name: '经营项目', value: FOOD_ACTIVITIES[category] },
    ],
  });
}

/** A builder holds one to three permits, one per project (施工许可证 is per project). */
function constructionPermits(world: WorldOptions, e: EntitySeed): CertificateRow[] {
  if (e.industry !== '建筑工程') return [];
  const rng = new Rng(world.seed, 'construction-permit', e.index);
  const { until } = activeUntil(world, e);
  const start = laterOf(e.establishedOn, '2012-01-01');
  if (start >= until) return [];
  const count = 1 + rng.int(3);
  const towns = townsOf(e.regionCode);
  const permits: CertificateRow[] = [];
  for (let k = 0; k < count; k++) {
    const issued = dayWithin(rng, start, until);
    const town = rng.pick(towns);
    const road = rng.pick(ROADS);
    const project = `${rng.pick(ENTERPRISE_WORDS)}${rng.pick(['花园', '广场', '科技园', '商务中心', '安置房'])}${rng.between(1, 12)}#楼`;
    // Unused within three months and not extended: the issuer withdraws the permit (建筑法 第九条).
    const lapsedOn = addDays(issued, 92);
    const lapsed = rng.chance(0.03) && lapsedOn < DEMO_AS_OF;
    const issuance: Issuance = {
      type: 'CONSTRUCTION_PERMIT',
      serial: e.index * 4 + k,
      licenceNumber: constructionPermitNumber(e.regionCode, issued, rng.between(1, 99)),
      holder: holder(e),
      address: `江苏省南通市${regionByCode(e.regionCode)?.name ?? ''}${town.name}${road}${rng.between(1, 399)}号地块`,
      issuer: issuingAuthority('administrative-approval', e.regionCode),
      issuedOn: issued,
      validTo: null,
      status: lapsed
        ? {
            recorded: 'REVOKED',
            on: lapsedOn,
            reason: '领证后三个月内未开工且未申请延期，施工许可证废止',
          }
        : null,
      surface: [
        { name: '建设单位', value: e.name },
        { name: '工程名称', value: project },
        { name: '建设规模', value: `${rng.between(2, 60) * 500}平方米` },
        { name: '合同价格', value: `${rng.between(200, 20_000)}万元` },
        { name: '合同工期', value: `${rng.between(6, 36) * 30}天` },
      ],
    };
    permits.push(certificateRow(rng, issuance));
  }
  return permits;
}

export function entityCertificates(world: WorldOptions, e: EntitySeed): CertificateRow[] {
  const rows = [
    businessLicence(world, e),
    foodBusinessPermit(world, e),
    ...constructionPermits(world, e),
  ];
  return rows.filter((r): r is CertificateRow => r !== null);
}
