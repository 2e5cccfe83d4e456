/**
 * What the statistics bureau knows about a demo figure besides its value: how many units
 * reported to it (enterprise surveys), its sampling error (sample surveys), and the bureau's
 * internal review: mostly clean, a few queried, revised or imputed, with the reviewer's note.
 */
import { Rng } from '../../domain/demo/random';
import { WorldOptions } from '../../domain/demo/world';
import { RegionSeed } from '../../domain/regions';
import { countyProfile } from './county-profiles';
import { FIRST_YEAR, REPORTING_UNITS, SAMPLING_ERROR } from './demo-economy-paths';
import { round, symmetric, townShare } from './demo-year-figures';

export type QualityFlag = 'NORMAL' | 'QUERIED' | 'REVISED' | 'IMPUTED';

export function reportingUnits(
  world: WorldOptions,
  code: string,
  region: RegionSeed,
  year: number,
): number | null {
  const frame = REPORTING_UNITS[code];
  if (!frame) return null;
  let scale = 1;
  if (region.level === 'COUNTY') scale = frame.scale(countyProfile(region.code));
  if (region.level === 'TOWN')
    scale =
      frame.scale(countyProfile(region.parentCode as string)) * townShare(world, region) * 0.9;
  const noise =
    1 + 0.05 * symmetric(new Rng(world.seed, `macro-units:${code}:${region.code}`, year));
  return Math.max(
    1,
    Math.round(frame.base2019 * scale * (1 + frame.growth) ** (year - FIRST_YEAR) * noise),
  );
}

export function samplingError(
  world: WorldOptions,
  code: string,
  region: RegionSeed,
  year: number,
): number | null {
  const levels = SAMPLING_ERROR[code];
  if (!levels) return null;
  return round(
    levels[region.level] *
      (1 + 0.3 * symmetric(new Rng(world.seed, `macro-sampling:${code}:${region.code}`, year))),
    2,
  );
}

const QUERY_NOTES = [
  '部分规上企业报表数据与税务开票数据差异较大，已发函核查',
  '个别项目入库资料不全，待基层统计站补充佐证材料',
  '环比波动异常，已要求填报单位书面说明原因',
];
const REVISION_NOTES = [
  '经统计执法检查，更正个别企业虚报数据',
  '根据年度快报数据修订',
  '根据经济普查结果修订',
];
const IMPUTATION_NOTE = '乡镇报表缺报，按上年结构推算';

/** The bureau's internal review of a figure: mostly clean, a few queried, revised or imputed. */
export function qualityOf(
  world: WorldOptions,
  code: string,
  region: RegionSeed,
  periodKey: number,
): [QualityFlag, string | null] {
  const rng = new Rng(world.seed, `macro-quality:${code}:${region.code}`, periodKey);
  const r = rng.next();
  if (region.level === 'TOWN' && r < 0.05) return ['IMPUTED', IMPUTATION_NOTE];
  if (r > 0.98) return ['QUERIED', rng.pick(QUERY_NOTES)];
  if (r > 0.97) return ['REVISED', rng.pick(REVISION_NOTES)];
  return ['NORMAL', null];
}
