/**
 * The checkpoint public keys a command verifies with, found as `npm run audit:verify` finds
 * them: --public-key FILE (repeatable), else AUDIT_PUBLIC_KEY_FILE (comma-separated), else the
 * development key <DATA_DIR>/keys/audit-signing.pub.pem.
 */
import { KeyObject } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { DEV_PUBLIC_KEY_FILE, parsePublicKey } from '../../../contracts/audit/audit-keys';
import { dataDir, DatabaseEnv } from '../../../contracts/database/database';

export function readPublicKeys(
  flagged: readonly string[] | undefined,
  env: DatabaseEnv & Record<string, string | undefined>,
): KeyObject[] {
  const files = flagged?.length
    ? flagged
    : env.AUDIT_PUBLIC_KEY_FILE
      ? env.AUDIT_PUBLIC_KEY_FILE.split(',')
          .map((f) => f.trim())
          .filter(Boolean)
      : [path.join(dataDir(env), 'keys', DEV_PUBLIC_KEY_FILE)];
  return files.map((file) => {
    if (!fs.existsSync(file))
      throw new Error(
        `public key file not found: ${file} (pass --public-key or set AUDIT_PUBLIC_KEY_FILE)`,
      );
    return parsePublicKey(fs.readFileSync(file, 'utf8'), file);
  });
}
