/**
 * The region-dashboard operation: a county or town with its place in the hierarchy, its
 * statistics and its city-part counts, and the spatial subgraph's share of it.
 */
import type { DashboardFixture } from './bench-fixtures';
import type { BenchOperation } from './bench-operations';
import { arr, count, Json, obj } from './response-data';

const REGION = `code
    name
    nameEn
    level
    parent { code name }
    children { code name }`;

const REGION_DASHBOARD = `query RegionDashboard($code: ID!, $from: String!) {
  region(code: $code) {
    ${REGION}
    indicators(from: $from) {
      indicator { code name unit }
      periodType
      observations { period value unit status releasedOn }
    }
    cityPartCounts { class total byStatus { status count } }
  }
}`;

const REGION_DASHBOARD_SPATIAL = `query RegionDashboardSpatial($code: ID!) {
  region(code: $code) {
    ${REGION}
  }
}`;

function checkRegion(region: Json | null, f: DashboardFixture): string | null {
  if (!region) return `region ${f.regionCode} is null`;
  if (region.code !== f.regionCode)
    return `region.code is ${String(region.code)}, expected ${f.regionCode}`;
  if (!obj(region.parent)) return `region ${f.regionCode} has no parent`;
  if (f.level === 'COUNTY' && count(region.children) < 1)
    return `county ${f.regionCode} has no towns`;
  return null;
}

function checkDashboard(data: unknown, f: DashboardFixture): string | null {
  const region = obj(obj(data)?.region);
  const problem = checkRegion(region, f);
  if (problem || !region) return problem;
  const series = arr(region.indicators);
  if (!series || !series.every((s) => count(obj(s)?.observations) >= 0))
    return `region ${f.regionCode}: malformed indicator series`;
  // A series may be empty from `from` on (e.g. a year not yet released as final), not all of a county's.
  if (f.level === 'COUNTY' && !series.some((s) => count(obj(s)?.observations) > 0))
    return `county ${f.regionCode}: no indicator series with observations`;
  const total = (arr(region.cityPartCounts) ?? []).reduce<number>(
    (sum, c) => sum + Number(obj(c)?.total ?? 0),
    0,
  );
  if (total !== f.cityParts)
    return `region ${f.regionCode}: expected ${f.cityParts} city parts in the counts, got ${total}`;
  return null;
}

export function regionDashboard(dashboards: DashboardFixture[]): BenchOperation {
  const counties = dashboards.filter((d) => d.level === 'COUNTY').length;
  return {
    name: 'region-dashboard',
    description:
      `\`region(code:)\` with its parent and towns (spatial), every indicator series from ${dashboards[0].from} on (macro-economy) and city-part counts by class and status (city-parts). ` +
      `Rotates over ${dashboards.length} regions (${counties} counties, ${dashboards.length - counties} towns)`,
    gateway: {
      variants: dashboards.map((f) => ({
        body: {
          operationName: 'RegionDashboard',
          query: REGION_DASHBOARD,
          variables: { code: f.regionCode, from: f.from },
        },
        check: (data) => checkDashboard(data, f),
      })),
    },
    direct: {
      subgraph: 'spatial',
      scope: 'the region, its parent and towns only (no indicators, no city-part counts)',
      variants: dashboards.map((f) => ({
        body: {
          operationName: 'RegionDashboardSpatial',
          query: REGION_DASHBOARD_SPATIAL,
          variables: { code: f.regionCode },
        },
        check: (data) => checkRegion(obj(obj(data)?.region), f),
      })),
    },
  };
}
