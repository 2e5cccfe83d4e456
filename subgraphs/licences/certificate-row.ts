/** A certificate as stored, and the parts every issuer fills in the same way. */
import { Rng } from '../../domain/demo/random';
import { FEMALE_GIVEN, MALE_GIVEN, SURNAMES } from '../../domain/demo/vocabulary';
import { buildCertificateNumber } from './certificate-number';
import { RecordedStatus } from './certificate-status';
import { certificateType, CertificateType, HolderKind } from './certificate-types';
import { Issuer } from './issuing-authorities';

export interface CertificateRow {
  number: string;
  type: CertificateType;
  licence_number: string;
  holder_kind: HolderKind;
  /** ID number of a person or credit code of a legal entity, by holder_kind. */
  holder_key: string;
  holder_name: string;
  address: string | null;
  issuer_name: string;
  issuer_credit_code: string;
  issuer_region_code: string;
  issued_on: string;
  valid_from: string;
  valid_to: string | null;
  recorded_status: RecordedStatus;
  status_changed_on: string | null;
  status_reason: string | null;
  issuing_officer: string;
  /** 照面信息 as a JSON array of { name, value }, in printed order. */
  surface: string;
}

export interface SurfaceItem {
  name: string;
  value: string;
}

export interface Issuance {
  type: CertificateType;
  /** Unique within the type: what makes the identifier unique. */
  serial: number;
  licenceNumber: string;
  holder: { kind: HolderKind; key: string; name: string };
  address: string | null;
  issuer: Issuer;
  issuedOn: string;
  validFrom?: string;
  validTo: string | null;
  status?: { recorded: Exclude<RecordedStatus, 'VALID'>; on: string; reason: string } | null;
  surface: SurfaceItem[];
}

/** 经办人: any plausible staff name; it is never shared outside the issuer. */
function officerName(rng: Rng): string {
  return (
    rng.weighted(SURNAMES) +
    rng.pick(rng.chance(0.5) ? MALE_GIVEN : FEMALE_GIVEN) +
    (rng.chance(0.6) ? rng.pick(MALE_GIVEN.concat(FEMALE_GIVEN)) : '')
  );
}

export function certificateRow(rng: Rng, i: Issuance): CertificateRow {
  const info = certificateType(i.type);
  return {
    number: buildCertificateNumber({
      typeCode: info.code,
      regionCode: i.issuer.regionCode,
      year: Number(i.issuedOn.slice(0, 4)),
      serial: i.serial,
    }),
    type: i.type,
    licence_number: i.licenceNumber,
    holder_kind: i.holder.kind,
    holder_key: i.holder.key,
    holder_name: i.holder.name,
    address: i.address,
    issuer_name: i.issuer.name,
    issuer_credit_code: i.issuer.creditCode,
    issuer_region_code: i.issuer.regionCode,
    issued_on: i.issuedOn,
    valid_from: i.validFrom ?? i.issuedOn,
    valid_to: i.validTo,
    recorded_status: i.status?.recorded ?? 'VALID',
    status_changed_on: i.status?.on ?? null,
    status_reason: i.status?.reason ?? null,
    issuing_officer: officerName(rng),
    surface: JSON.stringify(i.surface),
  };
}

/** 2015年3月1日, as dates are printed on certificates. */
export function printedDate(iso: string): string {
  return `${Number(iso.slice(0, 4))}年${Number(iso.slice(5, 7))}月${Number(iso.slice(8, 10))}日`;
}
