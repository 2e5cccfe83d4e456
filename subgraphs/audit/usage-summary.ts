/**
 * Summarises audit records into usage counts (pure; usage-rollup.ts stores them): per period (each
 * China-time day, and again its month, so a year is read from 12 month rows rather than 365 day
 * rows), consuming department, application, purpose and field, the requests in which the field was
 * served (in clear or masked), masked and denied, with the first and last; and per month,
 * consuming department, resource and owner, the requests and the fields served, masked and
 * denied. Counts add up, so summaries of separate batches are merged by adding.
 *
 * A record without a department (refused before authentication) is not anyone's use of data and
 * is left out; it stays in the access log. Root fields (Query.person) are entry points, not data
 * of a resource: they count per field but not per resource.
 */
import { createHash } from 'node:crypto';
import { chinaDay } from './time-window';

export interface RecordUsage {
  /** Stored form, UTC `YYYY-MM-DD HH:MM:SS.mmm`. */
  readonly time: string;
  readonly department: string | null;
  readonly application: string | null;
  readonly purpose: string | null;
  /** As recorded: served may or may not list the masked ones again; both count as served. */
  readonly served: readonly string[];
  readonly masked: readonly string[];
  readonly denied: readonly string[];
}

/** The resource (type) a field belongs to and its owner department; null for a root field. */
export type ResourceOf = (
  coordinate: string,
) => { readonly resource: string; readonly owner: string } | null;

export interface FieldUsageRow {
  readonly key: string;
  /** A China-time day `YYYY-MM-DD` or month `YYYY-MM`. */
  readonly period: string;
  readonly department: string;
  /** '' for none: the key columns are never null. */
  readonly application: string;
  readonly purpose: string;
  readonly coordinate: string;
  served: number;
  masked: number;
  denied: number;
  firstTime: string;
  lastTime: string;
}

export interface ResourceUsageRow {
  readonly key: string;
  readonly month: string;
  readonly department: string;
  readonly resource: string;
  readonly owner: string;
  requests: number;
  served: number;
  masked: number;
  denied: number;
}

export interface UsageSummary {
  readonly fields: FieldUsageRow[];
  readonly resources: ResourceUsageRow[];
}

/** The unique key of a usage row: SHA-256 of its grouping columns (free text up to 500 characters). */
export function usageKey(parts: readonly string[]): string {
  return keyOfGroup(JSON.stringify(parts));
}

function keyOfGroup(group: string): string {
  return createHash('sha256').update(group).digest('hex');
}

export function summariseUsage(
  records: readonly RecordUsage[],
  resourceOf: ResourceOf,
): UsageSummary {
  const fields = new Map<string, FieldUsageRow>();
  const resources = new Map<string, ResourceUsageRow>();
  for (const r of records) {
    if (r.department === null || r.department === '') continue;
    const day = chinaDay(r.time);
    const month = day.slice(0, 7);
    const application = r.application ?? '';
    const purpose = r.purpose ?? '';
    const masked = new Set(r.masked);
    const served = new Set([...r.served, ...r.masked]);
    const denied = new Set(r.denied);
    const touchedResources = new Map<string, ResourceUsageRow>();
    for (const coordinate of new Set([...served, ...denied])) {
      for (const period of [day, month]) {
        // Rows are found by their grouping columns and hashed once, when first met: a batch of
        // a people page's records names the same few dozen fields thousands of times.
        const group = JSON.stringify([period, r.department, application, purpose, coordinate]);
        let row = fields.get(group);
        if (!row) {
          row = {
            key: keyOfGroup(group),
            period,
            department: r.department,
            application,
            purpose,
            coordinate,
            served: 0,
            masked: 0,
            denied: 0,
            firstTime: r.time,
            lastTime: r.time,
          };
          fields.set(group, row);
        }
        if (served.has(coordinate)) row.served++;
        if (masked.has(coordinate)) row.masked++;
        if (denied.has(coordinate)) row.denied++;
        if (r.time < row.firstTime) row.firstTime = r.time;
        if (r.time > row.lastTime) row.lastTime = r.time;
      }

      const of = resourceOf(coordinate);
      if (!of) continue;
      const resourceGroup = JSON.stringify([month, r.department, of.resource, of.owner]);
      let res = resources.get(resourceGroup);
      if (!res) {
        res = {
          key: keyOfGroup(resourceGroup),
          month,
          department: r.department,
          resource: of.resource,
          owner: of.owner,
          requests: 0,
          served: 0,
          masked: 0,
          denied: 0,
        };
        resources.set(resourceGroup, res);
      }
      touchedResources.set(resourceGroup, res);
      if (served.has(coordinate)) res.served++;
      if (masked.has(coordinate)) res.masked++;
      if (denied.has(coordinate)) res.denied++;
    }
    for (const res of touchedResources.values()) res.requests++;
  }
  return { fields: [...fields.values()], resources: [...resources.values()] };
}
