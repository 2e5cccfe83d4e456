/**
 * The audit HMAC key, which turns an ID number into the hash the trail stores (keyed-hash.ts):
 * without it "who looked at my data" cannot find a person. Read from the gateway's variables
 * (AUDIT_HMAC_KEY, AUDIT_HMAC_KEY_FILE, or in development the key in <DATA_DIR>/keys, made by
 * whichever of gateway and subgraph starts first), so both hash a person alike. This subgraph
 * never sees the signing key: it reads the trail, it does not write it.
 */
import { readAuditKeySources } from '../../contracts/audit/audit-config';
import { AuditKeySources, loadAuditHmacKey } from '../../contracts/audit/audit-keys';
import type { AuditKey } from '../../contracts/audit/keyed-hash';

export type SubjectKeySource = () => AuditKey;

/**
 * Loads the key on first use and keeps it. A development key file written at the same moment by
 * the gateway (EEXIST) is read on a second try.
 */
export function subjectKeyFrom(
  sources: AuditKeySources,
  warn: (line: string) => void = console.error,
): SubjectKeySource {
  let key: AuditKey | null = null;
  return () => {
    if (key) return key;
    let loaded;
    try {
      loaded = loadAuditHmacKey(sources);
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code !== 'EEXIST') throw err;
      loaded = loadAuditHmacKey(sources);
    }
    for (const file of loaded.generated)
      warn(
        `[audit] development audit HMAC key written: ${file} (configure AUDIT_HMAC_KEY in production)`,
      );
    key = loaded.hmac;
    return key;
  };
}

/** subjectKeyFrom the key sources in `env` (tests, and the module's default). */
export function subjectKeyFromEnv(
  env: Readonly<Record<string, string | undefined>> = process.env,
  warn: (line: string) => void = console.error,
): SubjectKeySource {
  return subjectKeyFrom(readAuditKeySources(env), warn);
}

/** A fixed key (tests, tools). */
export function fixedSubjectKey(key: AuditKey): SubjectKeySource {
  return () => key;
}
