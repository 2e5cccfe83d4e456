/**
 * What the market regulation bureau holds about one demo entity: the world's registration facts
 * plus the annual-report figures and supervision data only this bureau keeps. A pure function of
 * (world, entity), so the seeder streams and every run produces the same register.
 */
import { EntityKind, EntitySeed, personAt, WorldOptions } from '../../domain/demo/world';
import { Rng } from '../../domain/demo/random';
import { addDays, DEMO_AS_OF, dayWithin, laterOf } from '../../domain/demo/calendar';

export type RiskClass = 'LOW' | 'MODERATE' | 'ELEVATED' | 'HIGH';

export interface LegalEntityRow {
  credit_code: string;
  name: string;
  entity_type: EntityKind;
  status: string;
  status_changed_on: string | null;
  registered_capital: number;
  paid_in_capital: number | null;
  employee_count: number | null;
  established_on: string;
  business_scope: string;
  industry_section: string;
  industry_trade: string;
  legal_rep_id_number: string;
  legal_rep_name: string;
  contact_phone: string | null;
  region_code: string;
  town_code: string;
  risk_class: RiskClass;
  inspection_note: string | null;
}

const INSPECTION_RESULTS: [string, number][] = [
  ['未发现问题', 70],
  ['未按规定公示年度报告，已责令限期改正', 12],
  ['通过登记的住所无法联系，列入经营异常名录', 6],
  ['经营范围超出登记事项，已责令整改', 7],
  ['广告用语不规范，已当场指导改正', 5],
];

const EMPLOYEES: Record<EntityKind, [number, number]> = {
  COMPANY: [3, 300],
  INDIVIDUAL_BUSINESS: [1, 6],
  COOPERATIVE: [5, 60],
  PRIVATE_NON_ENTERPRISE: [3, 40],
  PUBLIC_INSTITUTION: [10, 250],
};

/**
 * When a non-active entity was revoked, cancelled or moved out. A stream of its own, so the
 * licences seeder can revoke the business licence on the same day without the rest of this
 * record.
 */
export function entityStatusChangedOn(world: WorldOptions, e: EntitySeed): string | null {
  if (e.status === 'ACTIVE') return null;
  return dayWithin(
    new Rng(world.seed, 'entity-status', e.index),
    addDays(e.establishedOn, 1),
    DEMO_AS_OF,
  );
}

export function legalEntityRecord(world: WorldOptions, e: EntitySeed): LegalEntityRow {
  const rng = new Rng(world.seed, 'entity-register', e.index);
  const representative = personAt(world, e.legalRepresentativeIndex);
  const statusChangedOn = entityStatusChangedOn(world, e);

  // Only enterprises file annual reports with paid-in capital; about a third leave it out.
  const reportsCapital = (e.kind === 'COMPANY' || e.kind === 'COOPERATIVE') && rng.chance(0.65);
  const paidIn = reportsCapital
    ? Math.round(e.registeredCapitalWan * (0.2 + 0.8 * rng.next()) * 100) / 100
    : null;
  const [minStaff, maxStaff] = EMPLOYEES[e.kind];
  // Skewed towards small: most market entities are micro-enterprises.
  const employees = rng.chance(0.9)
    ? minStaff + Math.floor((maxStaff - minStaff) * rng.next() ** 3)
    : null;

  const phone = rng.chance(0.6)
    ? representative.phone
    : `0513-8${String(rng.int(10_000_000)).padStart(7, '0')}`;

  const risk: RiskClass =
    e.status === 'REVOKED'
      ? 'HIGH'
      : rng.weighted<RiskClass>([
          ['LOW', 60],
          ['MODERATE', 28],
          ['ELEVATED', 9],
          ['HIGH', 3],
        ]);
  const inspected = rng.chance(risk === 'LOW' ? 0.3 : 0.7);
  const note = inspected
    ? `${dayWithin(rng, laterOf(e.establishedOn, '2016-01-01'), statusChangedOn ?? DEMO_AS_OF)} 双随机抽查：${rng.weighted(INSPECTION_RESULTS)}`
    : null;

  return {
    credit_code: e.creditCode,
    name: e.name,
    entity_type: e.kind,
    status: e.status,
    status_changed_on: statusChangedOn,
    registered_capital: e.registeredCapitalWan,
    paid_in_capital: paidIn,
    employee_count: employees,
    established_on: e.establishedOn,
    business_scope: e.businessScope,
    industry_section: e.industryCode,
    industry_trade: e.industry,
    legal_rep_id_number: e.legalRepresentativeIdNumber,
    legal_rep_name: representative.name,
    contact_phone: phone,
    region_code: e.regionCode,
    town_code: e.townCode,
    risk_class: risk,
    inspection_note: note,
  };
}
