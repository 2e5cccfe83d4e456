/** Certificate or licence number: the first two and last two characters stay. */
import { keepEnds } from './keep-ends';

export function maskCertificateNumber(value: string): string {
  return keepEnds(value, 2, 2);
}
