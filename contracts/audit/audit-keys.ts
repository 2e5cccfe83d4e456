/**
 * The two audit secrets, from configuration or, on a development machine, generated on first
 * start into the data folder (data/keys/): the HMAC key for subject and variable hashes, and
 * the Ed25519 key pair that signs checkpoints. A dev key beside the data it protects is no
 * protection against whoever holds the disk, so production (NODE_ENV=production) must
 * configure both and start-up fails, naming the variable, when it does not.
 */
import {
  createPrivateKey,
  createPublicKey,
  generateKeyPairSync,
  KeyObject,
  randomBytes,
} from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { CheckpointSigner, publicKeyId } from './checkpoint';
import { AuditKey, auditKey } from './keyed-hash';

export const DEV_HMAC_KEY_FILE = 'audit-hmac.key';
export const DEV_SIGNING_KEY_FILE = 'audit-signing.pem';
export const DEV_PUBLIC_KEY_FILE = 'audit-signing.pub.pem';

export interface AuditKeySources {
  /** `AUDIT_HMAC_KEY`: the key itself, base64. */
  readonly hmacKey?: string;
  /** `AUDIT_HMAC_KEY_FILE`: a file holding the key, base64. */
  readonly hmacKeyFile?: string;
  /** `AUDIT_SIGNING_KEY_FILE`: Ed25519 private key, PKCS#8 PEM. */
  readonly signingKeyFile?: string;
  /** Where dev keys are generated and found (`<DATA_DIR>/keys`). */
  readonly keysDir: string;
  /** Whether missing keys may be generated into keysDir. */
  readonly allowDevKeys: boolean;
}

export interface AuditKeys {
  readonly hmac: AuditKey;
  readonly signer: CheckpointSigner;
  readonly publicKey: KeyObject;
  /** Files written by this call (dev keys generated now), for a start-up log line. */
  readonly generated: readonly string[];
}

function decodeKey(text: string, variable: string): AuditKey {
  const trimmed = text.trim();
  if (!/^[A-Za-z0-9+/=_-]+$/.test(trimmed)) throw new Error(`${variable} must be base64`);
  try {
    return auditKey(Buffer.from(trimmed, 'base64'));
  } catch (err) {
    throw new Error(`${variable}: ${(err as Error).message}`);
  }
}

function readFileFor(variable: string, file: string): string {
  try {
    return fs.readFileSync(file, 'utf8');
  } catch (err) {
    throw new Error(
      `${variable}: cannot read ${file} (${(err as NodeJS.ErrnoException).code ?? (err as Error).message})`,
    );
  }
}

/** Writes a new secret file readable by its owner only; never replaces an existing one. */
function writeSecret(file: string, content: string): void {
  fs.mkdirSync(path.dirname(file), { recursive: true, mode: 0o700 });
  fs.writeFileSync(file, content, { mode: 0o600, flag: 'wx' });
}

export function parseSigningKey(
  pem: string,
  variable: string,
): { privateKey: KeyObject; publicKey: KeyObject } {
  let privateKey: KeyObject;
  try {
    privateKey = createPrivateKey(pem);
  } catch (err) {
    throw new Error(`${variable} is not a PEM private key: ${(err as Error).message}`);
  }
  if (privateKey.asymmetricKeyType !== 'ed25519')
    throw new Error(`${variable} must be an Ed25519 key, got ${privateKey.asymmetricKeyType}`);
  return { privateKey, publicKey: createPublicKey(privateKey) };
}

export function parsePublicKey(pem: string, source: string): KeyObject {
  let key: KeyObject;
  try {
    key = createPublicKey(pem);
  } catch (err) {
    throw new Error(`${source} is not a PEM public key: ${(err as Error).message}`);
  }
  if (key.asymmetricKeyType !== 'ed25519')
    throw new Error(`${source} must be an Ed25519 key, got ${key.asymmetricKeyType}`);
  return key;
}

function loadHmac(sources: AuditKeySources, generated: string[]): AuditKey {
  if (sources.hmacKey) return decodeKey(sources.hmacKey, 'AUDIT_HMAC_KEY');
  if (sources.hmacKeyFile)
    return decodeKey(
      readFileFor('AUDIT_HMAC_KEY_FILE', sources.hmacKeyFile),
      'AUDIT_HMAC_KEY_FILE',
    );
  const file = path.join(sources.keysDir, DEV_HMAC_KEY_FILE);
  if (fs.existsSync(file)) return decodeKey(readFileFor('AUDIT_HMAC_KEY_FILE', file), file);
  if (!sources.allowDevKeys)
    throw new Error(
      'AUDIT_HMAC_KEY or AUDIT_HMAC_KEY_FILE must be set (dev keys are not generated when NODE_ENV=production)',
    );
  writeSecret(file, `${randomBytes(32).toString('base64')}\n`);
  generated.push(file);
  return decodeKey(fs.readFileSync(file, 'utf8'), file);
}

/**
 * The HMAC key when one is configured (AUDIT_HMAC_KEY or its file), never a dev key read or
 * generated: for a gateway running without its trail, whose subject quotas still count hashes.
 */
export function configuredHmacKey(sources: AuditKeySources): AuditKey | null {
  return sources.hmacKey || sources.hmacKeyFile ? loadHmac(sources, []) : null;
}

function loadSigner(
  sources: AuditKeySources,
  generated: string[],
): { privateKey: KeyObject; publicKey: KeyObject } {
  if (sources.signingKeyFile)
    return parseSigningKey(
      readFileFor('AUDIT_SIGNING_KEY_FILE', sources.signingKeyFile),
      'AUDIT_SIGNING_KEY_FILE',
    );
  const file = path.join(sources.keysDir, DEV_SIGNING_KEY_FILE);
  if (!fs.existsSync(file)) {
    if (!sources.allowDevKeys)
      throw new Error(
        'AUDIT_SIGNING_KEY_FILE must be set (dev keys are not generated when NODE_ENV=production)',
      );
    const pair = generateKeyPairSync('ed25519');
    writeSecret(file, pair.privateKey.export({ type: 'pkcs8', format: 'pem' }).toString());
    generated.push(file);
  }
  const keys = parseSigningKey(fs.readFileSync(file, 'utf8'), file);
  // The verifier needs only this file; (re)writing it is harmless and keeps it in step.
  const publicFile = path.join(sources.keysDir, DEV_PUBLIC_KEY_FILE);
  const publicPem = keys.publicKey.export({ type: 'spki', format: 'pem' }).toString();
  if (!fs.existsSync(publicFile) || fs.readFileSync(publicFile, 'utf8') !== publicPem) {
    fs.writeFileSync(publicFile, publicPem, { mode: 0o644 });
    generated.push(publicFile);
  }
  return keys;
}

/**
 * Only the HMAC key, for a reader of the trail that hashes an identifier to look it up (the
 * audit subgraph's "who looked at my data") and must never sign anything. Same sources and dev
 * key file as the gateway's, so both hash a person alike.
 */
export function loadAuditHmacKey(sources: AuditKeySources): {
  hmac: AuditKey;
  generated: readonly string[];
} {
  const generated: string[] = [];
  return { hmac: loadHmac(sources, generated), generated };
}

export function loadAuditKeys(sources: AuditKeySources): AuditKeys {
  const generated: string[] = [];
  const hmac = loadHmac(sources, generated);
  const { privateKey, publicKey } = loadSigner(sources, generated);
  return { hmac, signer: { keyId: publicKeyId(publicKey), privateKey }, publicKey, generated };
}
