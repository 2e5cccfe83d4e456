/**
 * 公民身份号码 (GB 11643-1999) shown as `320602********1234`: the six-digit division code and the
 * last four stay, the birth date and sequence are hidden (DOMAIN.md, 脱敏).
 */
import { keepEnds } from './keep-ends';

export function maskIdNumber(value: string): string {
  return keepEnds(value, 6, 4);
}
