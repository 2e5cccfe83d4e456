/**
 * 免证办 Certificate verification: does the certificate with this number belong to this holder,
 * and is it in force? Answered with a status and nothing else, so an approval can accept a
 * certificate the applicant no longer has to bring without the verifier reading the holder's
 * details or the certificate's face.
 *
 * The order of the checks is the security rule: the holder is compared before the status is
 * looked at, so a caller who does not name the holder learns only "not this holder", never
 * whether the certificate is valid, expired or withdrawn. A number that names no certificate is
 * NOT_FOUND: telling it from HOLDER_MISMATCH reveals only that the certificate exists, which
 * Query.certificate already shares unconditionally. Both verdicts are lookup misses for the
 * gateway (contracts/audit/lookup-verdicts.ts), so guessing the holder of a known certificate
 * through this field spends the same daily budget as guessing through person(idNumber:).
 */
import { badUserInput, requireCreditCode, requireIdNumber } from '../kit/user-input';
import { certificateNumberProblem } from './certificate-number';
import { CertificateStatus, effectiveStatus } from './certificate-status';
import { HolderKind } from './certificate-types';
import { CertificateRow } from './store';

export type VerificationStatus = CertificateStatus | 'NOT_FOUND' | 'HOLDER_MISMATCH';

/** The holder the caller claims: a person by ID number or a legal entity by credit code. */
export interface ClaimedHolder {
  readonly kind: HolderKind;
  readonly key: string;
}

export interface VerifyCertificateArgs {
  number: string;
  holderIdNumber?: string | null;
  holderCreditCode?: string | null;
}

/**
 * The well-formed certificate number and claimed holder, or BAD_USER_INPUT naming the argument:
 * exactly one holder, and every key passing its national check (GB 11643, GB 32100, the
 * certificate identifier's MOD 11-2). A malformed key is refused, never answered NOT_FOUND.
 */
export function verificationRequest(args: VerifyCertificateArgs): {
  number: string;
  holder: ClaimedHolder;
} {
  const hasId = args.holderIdNumber !== null && args.holderIdNumber !== undefined;
  const hasCode = args.holderCreditCode !== null && args.holderCreditCode !== undefined;
  if (hasId === hasCode) {
    throw badUserInput(
      hasId ? 'holderCreditCode' : 'holderIdNumber',
      'name exactly one holder: holderIdNumber (a person) or holderCreditCode (a legal entity)',
      { problem: 'ONE_HOLDER' },
    );
  }
  const problem = certificateNumberProblem(args.number);
  if (problem) throw badUserInput('number', problem.message, { problem: problem.kind });
  const holder: ClaimedHolder = hasId
    ? { kind: 'PERSON', key: requireIdNumber('holderIdNumber', args.holderIdNumber!) }
    : { kind: 'LEGAL_ENTITY', key: requireCreditCode('holderCreditCode', args.holderCreditCode!) };
  return { number: args.number, holder };
}

/** The verdict for a certificate (null: none has this number) and a claimed holder, on `today` (China time). */
export function verificationStatus(
  certificate: CertificateRow | null,
  holder: ClaimedHolder,
  today: string,
): VerificationStatus {
  if (!certificate) return 'NOT_FOUND';
  // Holder first: a non-holder must not learn the status (see above).
  if (certificate.holder_kind !== holder.kind || certificate.holder_key !== holder.key)
    return 'HOLDER_MISMATCH';
  return effectiveStatus(certificate.recorded_status, certificate.valid_to, today);
}
