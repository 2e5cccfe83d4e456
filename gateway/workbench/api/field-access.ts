/**
 * What one field means to one caller right now, for the workbench's documentation pane: the
 * field's sharing class, owner, condition and mask, and the caller's access, read from the
 * policy's own decision (gateway/policy decideField), never from a second copy of the rules.
 */
import type { SharingLevel } from '../../../domain/catalogue/classification';
import { departmentByCode } from '../../../domain/departments';
import type { FieldRule } from '../../../contracts/field-rules';
import {
  decideField,
  DenialReason,
  FieldDecision,
  PolicyCaller,
} from '../../policy/field-decision';
import { grantCovers, GrantSnapshot } from '../../policy/grant';
import { grantInForce } from './caller-purposes';
import { accessSummary } from './access-summary';

/**
 * - OWNER: the caller's department owns the data and reads it in full;
 * - CLEAR / MASKED: served, in the clear or masked (脱敏);
 * - NEEDS_GRANT: withheld, no grant in force covers it (NO_GRANT, GRANT_EXPIRED);
 * - NEEDS_PURPOSE: a grant covers it, for other purposes than the declared one, or none was declared;
 * - NOT_SHARED: 不予共享, nobody but the owner;
 * - UNAVAILABLE: grants could not be loaded, so conditional data is withheld (fail closed);
 * - CASE_ONLY: only item grants cover it: it serves a request bound to an open case (办件).
 */
export type FieldAccess =
  | 'OWNER'
  | 'CLEAR'
  | 'MASKED'
  | 'NEEDS_GRANT'
  | 'NEEDS_PURPOSE'
  | 'NOT_SHARED'
  | 'UNAVAILABLE'
  | 'CASE_ONLY';

export interface FieldAccessEntry {
  readonly level: SharingLevel;
  /** The owner department's code (the first, for a field several own). */
  readonly owner: string | null;
  readonly ownerName: string | null;
  readonly condition: string | null;
  readonly mask: string | null;
  readonly access: FieldAccess;
  /** The policy's reason when the field is withheld; null when it is served. */
  readonly reason: DenialReason | null;
  /** Purposes of the caller's grants in force that cover the field, sorted. */
  readonly grantPurposes: readonly string[];
  /** One line, Chinese then English. */
  readonly summary: string;
}

const DENIED_ACCESS: Readonly<Record<DenialReason, FieldAccess>> = {
  NO_GRANT: 'NEEDS_GRANT',
  GRANT_EXPIRED: 'NEEDS_GRANT',
  PURPOSE_REQUIRED: 'NEEDS_PURPOSE',
  PURPOSE_NOT_GRANTED: 'NEEDS_PURPOSE',
  NOT_SHARED: 'NOT_SHARED',
  POLICY_UNAVAILABLE: 'UNAVAILABLE',
  CASE_REQUIRED: 'CASE_ONLY',
  CASE_CLOSED: 'CASE_ONLY',
  NOT_IN_ITEM: 'CASE_ONLY',
  NOT_CONSENTED: 'CASE_ONLY',
  SUBJECT_NOT_ON_CASE: 'CASE_ONLY',
};

/** The access a decision amounts to (pure mapping; the decision is the policy's). */
export function accessOf(decision: FieldDecision): FieldAccess {
  if (decision.outcome === 'DENY') return DENIED_ACCESS[decision.reason];
  if (decision.basis === 'OWNER') return 'OWNER';
  return decision.outcome === 'MASK' ? 'MASKED' : 'CLEAR';
}

function grantPurposes(
  coordinate: string,
  caller: PolicyCaller,
  grants: GrantSnapshot,
  now: number,
): string[] {
  if (grants.status !== 'LOADED') return [];
  const codes = new Set<string>();
  for (const g of grants.grants)
    if (grantInForce(g, caller, now) && grantCovers(g, coordinate))
      g.purposes.forEach((p) => codes.add(p));
  return [...codes].sort();
}

export function fieldAccess(
  rule: FieldRule,
  caller: PolicyCaller,
  grants: GrantSnapshot,
  now: number,
): FieldAccessEntry {
  const decision = decideField(rule, caller, grants, now);
  const access = accessOf(decision);
  const owner = rule.owners[0] ?? null;
  const ownerName = owner ? (departmentByCode(owner)?.name ?? owner) : null;
  const purposes = grantPurposes(rule.coordinate, caller, grants, now);
  const reason = decision.outcome === 'DENY' ? decision.reason : null;
  return {
    level: rule.level,
    owner,
    ownerName,
    condition: rule.condition,
    mask: rule.mask,
    access,
    reason,
    grantPurposes: purposes,
    summary: accessSummary({
      access,
      reason,
      mask: decision.outcome === 'MASK' ? decision.mask : rule.mask,
      owner,
      ownerName,
      grantPurposes: purposes,
      byGrant: decision.outcome !== 'DENY' && decision.basis === 'GRANT',
    }),
  };
}
