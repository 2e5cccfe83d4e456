/**
 * A certificate's status as callers see it. The database records only the issuer's acts
 * (VALID until revoked or suspended); expiry follows from validTo and the date of the request,
 * so a certificate lapses at midnight without a batch job rewriting rows, and a filter by
 * status always agrees with the status shown.
 */
export type RecordedStatus = 'VALID' | 'REVOKED' | 'SUSPENDED';
export type CertificateStatus = RecordedStatus | 'EXPIRED';

/** `validTo` is the last day in force, so the certificate is expired from the day after. */
export function effectiveStatus(
  recorded: RecordedStatus,
  validTo: string | null,
  today: string,
): CertificateStatus {
  if (recorded !== 'VALID') return recorded;
  return validTo !== null && validTo < today ? 'EXPIRED' : 'VALID';
}

export { chinaToday } from '../../domain/china-date';
