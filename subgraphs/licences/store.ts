/** Reads the certificate database. Every lookup goes through a per-request DataLoader. */
import DataLoader from 'dataloader';
import { Knex } from 'knex';
import { groupLoader, rowLoader, SelectRows } from '../kit/batch';
import { ColumnPruning } from '../kit/selected-columns';
import { CertificateRow } from './certificate-row';
import { HolderKind } from './certificate-types';

export type { CertificateRow } from './certificate-row';

/** How one column set is read for each kind of holder (made once per set: batch.ts keeps the compiled SQL per select function). */
export type HoldingReads = Readonly<Record<HolderKind, SelectRows>>;

function holdingReads(columns: readonly string[] | null): HoldingReads {
  const pick = (q: Knex.QueryBuilder) => (columns ? q.select([...columns]) : q.select('*'));
  return {
    PERSON: (q) => pick(q).where('holder_kind', 'PERSON'),
    LEGAL_ENTITY: (q) => pick(q).where('holder_kind', 'LEGAL_ENTITY'),
  };
}

/**
 * A holder's certificates are read with the columns the selection under `certificates` needs:
 * each Certificate field names what its resolver (resolvers.ts) reads.
 */
export const CERTIFICATE_LISTS = new ColumnPruning<HoldingReads>({
  columnsByField: {
    number: ['number'],
    type: ['type'],
    typeCode: ['type'],
    typeName: ['type'],
    licenceNumber: ['licence_number'],
    holder: ['holder_kind', 'holder_key'],
    holderName: ['holder_name'],
    address: ['address'],
    issuer: ['issuer_name', 'issuer_credit_code', 'issuer_region_code'],
    issuedOn: ['issued_on'],
    validFrom: ['valid_from'],
    validTo: ['valid_to'],
    status: ['recorded_status', 'valid_to'],
    statusChangedOn: ['status_changed_on'],
    statusReason: ['status_reason'],
    issuingOfficer: ['issuing_officer'],
    surface: ['surface'],
  },
  // The loader's key and order, and what the type and status arguments filter on.
  always: ['holder_key', 'issued_on', 'number', 'type', 'recorded_status', 'valid_to'],
  shape: holdingReads,
});

const EVERY_COLUMN = CERTIFICATE_LISTS.forColumns(null);

export function createLicencesStore(db: Knex) {
  const lists = new Map<SelectRows, DataLoader<string, CertificateRow[]>>();
  const holdings = (select: SelectRows) => {
    let loader = lists.get(select);
    if (!loader)
      lists.set(
        select,
        (loader = groupLoader<CertificateRow>(
          db,
          'certificates',
          'holder_key',
          ['issued_on', 'number'],
          select,
        )),
      );
    return loader;
  };
  return {
    certificate: rowLoader<CertificateRow>(db, 'certificates', 'number'),
    /**
     * Certificates held by residents, keyed by ID number, oldest first; read with `reads`
     * (CERTIFICATE_LISTS), so a row holds only the columns its selection needs.
     */
    ofPerson: (reads: HoldingReads = EVERY_COLUMN) => holdings(reads.PERSON),
    /** Certificates held by legal entities, keyed by credit code, oldest first; as ofPerson. */
    ofLegalEntity: (reads: HoldingReads = EVERY_COLUMN) => holdings(reads.LEGAL_ENTITY),
  };
}

export type LicencesStore = ReturnType<typeof createLicencesStore>;
