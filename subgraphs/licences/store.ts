/** Reads the certificate database. Every lookup goes through a per-request DataLoader. */
import { Knex } from 'knex';
import { groupLoader, rowLoader, SelectRows } from '../kit/batch';
import { CertificateRow } from './certificate-row';
import { HolderKind } from './certificate-types';

export type { CertificateRow } from './certificate-row';

/** Made once, not per request: batch.ts keeps the compiled SQL per select function. */
const HELD_BY: Record<HolderKind, SelectRows> = {
  PERSON: (q) => q.select('*').where('holder_kind', 'PERSON'),
  LEGAL_ENTITY: (q) => q.select('*').where('holder_kind', 'LEGAL_ENTITY'),
};

export function createLicencesStore(db: Knex) {
  const holdings = (kind: HolderKind) =>
    groupLoader<CertificateRow>(
      db,
      'certificates',
      'holder_key',
      ['issued_on', 'number'],
      HELD_BY[kind],
    );
  return {
    certificate: rowLoader<CertificateRow>(db, 'certificates', 'number'),
    /** Certificates held by residents, keyed by ID number, oldest first. */
    ofPerson: holdings('PERSON'),
    /** Certificates held by legal entities, keyed by credit code, oldest first. */
    ofLegalEntity: holdings('LEGAL_ENTITY'),
  };
}

export type LicencesStore = ReturnType<typeof createLicencesStore>;
