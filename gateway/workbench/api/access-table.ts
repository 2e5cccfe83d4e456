/**
 * GET /workbench/api/access's answer: every field coordinate the policy has a rule for, with the
 * caller's access for the declared purpose (field-access.ts). Built once per department,
 * application, purpose and version of the department's grants, and kept until a grant starts or
 * stops applying (the same bound the policy's own plan cache keeps), so the documentation pane
 * costs a lookup, not a pass over every rule.
 */
import type { FieldRule } from '../../../contracts/field-rules';
import { GrantSnapshot, nextGrantChange } from '../../policy/grant';
import type { PolicyCaller } from '../../policy/field-decision';
import type { PolicyEngine } from '../../policy';
import { PlanCache } from '../../policy/plan-cache';
import { fieldAccess, FieldAccessEntry } from './field-access';

export interface AccessTable {
  readonly purpose: string | null;
  readonly fields: Readonly<Record<string, FieldAccessEntry>>;
}

/** Sorted by coordinate, so the answer reads the same every time. */
export function accessTable(
  rules: ReadonlyMap<string, FieldRule>,
  caller: PolicyCaller,
  grants: GrantSnapshot,
  now: number,
): AccessTable {
  const fields: Record<string, FieldAccessEntry> = {};
  for (const coordinate of [...rules.keys()].sort())
    fields[coordinate] = fieldAccess(rules.get(coordinate)!, caller, grants, now);
  return { purpose: caller.purpose ?? null, fields };
}

interface Cached {
  /** The serialised answer. */
  readonly json: string;
  /** Epoch ms at which a grant starts or stops applying; null: never. */
  readonly validUntil: number | null;
}

export interface AccessTables {
  /** The answer as JSON text. */
  json(engine: PolicyEngine, caller: PolicyCaller, grants: GrantSnapshot, now: number): string;
}

/** @param size tables kept (two generations, least recently used dropped). @default 200 */
export function accessTables(size = 200): AccessTables {
  const cache = new PlanCache<Cached>(size);
  let cachedFor: PolicyEngine | null = null;
  return {
    json(engine, caller, grants, now) {
      // A new supergraph brings new rules: nothing decided under the old ones holds.
      if (engine !== cachedFor) {
        cache.clear();
        cachedFor = engine;
      }
      const build = () => JSON.stringify(accessTable(engine.rules, caller, grants, now));
      // Without grants nothing is cached: the next request may load them.
      if (grants.status !== 'LOADED') return build();
      const key = JSON.stringify([
        caller.department,
        caller.application,
        caller.purpose,
        grants.version,
      ]);
      const hit = cache.get(key, (c) => c.validUntil === null || now < c.validUntil);
      if (hit) return hit.json;
      const json = build();
      const mine = grants.grants.filter((g) => g.department === caller.department);
      cache.set(key, { json, validUntil: nextGrantChange(mine, now) });
      return json;
    },
  };
}
