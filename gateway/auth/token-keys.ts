/**
 * The platform's token keys: configured (JWT_PRIVATE_KEY / JWT_PUBLIC_KEY, PEM text or a file
 * path), or, for development only, an Ed25519 pair made on first start under `<DATA_DIR>/keys`.
 * Asymmetric keys, so the gateway that verifies holds no key that can sign.
 *
 * jose v6 is published only as ES modules. Our CommonJS output and tsx load it with a plain
 * `require` because Node 20.19+ (and 22.12+) can require ES modules without a flag; older Node
 * 20/22 releases cannot. Jest's module runtime cannot either (before Node 24.9), so jest.config.js
 * compiles jose with swc (transformIgnorePatterns). A dynamic `import()` is no way out: TypeScript
 * compiles it to `require` under module=commonjs, and jest refuses real dynamic imports without
 * --experimental-vm-modules.
 */
import { createPrivateKey, createPublicKey, generateKeyPairSync, KeyObject } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { calculateJwkThumbprint, JWK } from 'jose';
import { TokenSettings } from './token-settings';

/** Ed25519 (EdDSA) or P-256 (ES256): small keys, small signatures, no RSA padding pitfalls. */
export type TokenAlgorithm = 'EdDSA' | 'ES256';

export interface VerificationKey {
  readonly alg: TokenAlgorithm;
  readonly publicKey: KeyObject;
  /** RFC 7638 thumbprint of the public key, sent as `kid` so a key change is visible in tokens. */
  readonly kid: string;
}

export interface SigningKey extends VerificationKey {
  readonly privateKey: KeyObject;
}

export interface TokenKeys {
  /** Null when only a public key is configured (a gateway that verifies but never issues). */
  readonly signing: SigningKey | null;
  readonly verification: VerificationKey;
  readonly source: 'configured' | 'dev';
}

export const DEV_PRIVATE_KEY_FILE = 'jwt-dev-ed25519.pem';

/** PEM text as given, with `\n` escapes (common in .env files) restored; anything else is a file path. */
function pemText(variable: string, value: string): string {
  if (value.includes('-----BEGIN')) return value.replace(/\\n/g, '\n');
  try {
    return fs.readFileSync(path.resolve(value), 'utf8');
  } catch (err) {
    throw new Error(
      `${variable} is neither PEM text nor a readable file: ${(err as Error).message}`,
    );
  }
}

export function algorithmOf(key: KeyObject, variable: string): TokenAlgorithm {
  if (key.asymmetricKeyType === 'ed25519') return 'EdDSA';
  if (key.asymmetricKeyType === 'ec' && key.asymmetricKeyDetails?.namedCurve === 'prime256v1')
    return 'ES256';
  throw new Error(
    `${variable} must be an Ed25519 or EC P-256 key, got ${key.asymmetricKeyType}${key.asymmetricKeyDetails?.namedCurve ? ` (${key.asymmetricKeyDetails.namedCurve})` : ''}`,
  );
}

function parseKey(variable: string, value: string, kind: 'private' | 'public'): KeyObject {
  const text = pemText(variable, value);
  try {
    return kind === 'private' ? createPrivateKey(text) : createPublicKey(text);
  } catch (err) {
    throw new Error(`${variable} is not a ${kind} key in PEM: ${(err as Error).message}`);
  }
}

async function verificationKey(publicKey: KeyObject, variable: string): Promise<VerificationKey> {
  const alg = algorithmOf(publicKey, variable);
  const kid = await calculateJwkThumbprint(publicKey.export({ format: 'jwk' }) as JWK);
  return { alg, publicKey, kid };
}

function samePublicKey(a: KeyObject, b: KeyObject): boolean {
  return a
    .export({ format: 'der', type: 'spki' })
    .equals(b.export({ format: 'der', type: 'spki' }));
}

/**
 * Reads (or, the first time, makes) the dev key. Made under a temporary name and linked into
 * place, so two processes starting together end up with the same key, not half of each.
 */
export function devPrivateKey(dir: string): { key: KeyObject; created: boolean } {
  const file = path.join(dir, DEV_PRIVATE_KEY_FILE);
  let created = false;
  if (!fs.existsSync(file)) {
    fs.mkdirSync(dir, { recursive: true });
    const { privateKey, publicKey } = generateKeyPairSync('ed25519');
    const tmp = `${file}.${process.pid}.tmp`;
    fs.writeFileSync(tmp, privateKey.export({ format: 'pem', type: 'pkcs8' }), { mode: 0o600 });
    try {
      fs.linkSync(tmp, file);
      created = true;
      // For handing to a gateway that should only verify; the private file stays the source.
      fs.writeFileSync(
        path.join(dir, DEV_PRIVATE_KEY_FILE.replace('.pem', '.pub.pem')),
        publicKey.export({ format: 'pem', type: 'spki' }),
      );
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code !== 'EEXIST') throw err;
    } finally {
      fs.rmSync(tmp, { force: true });
    }
  }
  return { key: createPrivateKey(fs.readFileSync(file, 'utf8')), created };
}

export async function loadTokenKeys(settings: TokenSettings): Promise<TokenKeys> {
  if (settings.privateKey || settings.publicKey) {
    const privateKey = settings.privateKey
      ? parseKey('JWT_PRIVATE_KEY', settings.privateKey, 'private')
      : null;
    const publicKey = settings.publicKey
      ? parseKey('JWT_PUBLIC_KEY', settings.publicKey, 'public')
      : createPublicKey(privateKey!);
    if (privateKey && !samePublicKey(createPublicKey(privateKey), publicKey))
      throw new Error('JWT_PUBLIC_KEY is not the public half of JWT_PRIVATE_KEY');
    const verification = await verificationKey(
      publicKey,
      settings.publicKey ? 'JWT_PUBLIC_KEY' : 'JWT_PRIVATE_KEY',
    );
    return {
      signing: privateKey ? { ...verification, privateKey } : null,
      verification,
      source: 'configured',
    };
  }
  if (!settings.devKeysAllowed) {
    throw new Error(
      'no token key configured: set JWT_PUBLIC_KEY (to verify) and JWT_PRIVATE_KEY (to issue); dev keys are not made when NODE_ENV=production',
    );
  }
  const { key } = devPrivateKey(settings.devKeyDir);
  const verification = await verificationKey(createPublicKey(key), 'the dev key');
  return { signing: { ...verification, privateKey: key }, verification, source: 'dev' };
}
