/** Mobile number shown as `138****8000`: carrier prefix and last four stay (DOMAIN.md, 脱敏). */
import { keepEnds } from './keep-ends';

export function maskPhone(value: string): string {
  return keepEnds(value, 3, 4);
}
