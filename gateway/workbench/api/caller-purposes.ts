/**
 * The purposes (使用用途) an analyst can usefully declare: those named by the grants the policy
 * would serve the caller under right now. A purpose outside them opens nothing conditional (国发
 * 〔2016〕51号: shared data is used only for the purpose it was applied for), so the workbench
 * offers these and no others.
 */
import { purposeByCode } from '../../../domain/departments';
import { Grant, GrantHolder, grantAppliesTo, GrantSnapshot, grantTiming } from '../../policy/grant';

export interface PurposeEntry {
  readonly code: string;
  /** 中文名称 from domain/departments.ts; the code itself for a code the list does not know. */
  readonly name: string;
  readonly nameEn: string;
}

/** A grant the policy would rely on for this caller now: active, made to it, in its validity. */
export function grantInForce(grant: Grant, caller: GrantHolder, now: number): boolean {
  return (
    grant.status === 'ACTIVE' &&
    grantAppliesTo(grant, caller) &&
    grantTiming(grant, now) === 'CURRENT'
  );
}

export function purposeEntry(code: string): PurposeEntry {
  const known = purposeByCode(code);
  return { code, name: known?.name ?? code, nameEn: known?.nameEn ?? code };
}

/** The purposes of the caller's grants in force, each once, sorted by code. None when grants could not be loaded. */
export function purposesInForce(
  grants: GrantSnapshot,
  caller: GrantHolder,
  now: number,
): PurposeEntry[] {
  if (grants.status !== 'LOADED') return [];
  const codes = new Set<string>();
  for (const g of grants.grants)
    if (grantInForce(g, caller, now)) for (const p of g.purposes) codes.add(p);
  return [...codes].sort().map(purposeEntry);
}
