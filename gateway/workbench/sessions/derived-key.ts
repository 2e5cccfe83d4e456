/**
 * Keys the workbench derives from the secret every gateway instance shares (HKDF-SHA256, one
 * label per use), so any instance accepts what another issued, and a key serving one purpose
 * (CSRF tokens) can never be replayed for another (sealing the sign-in state).
 */
import { hkdfSync } from 'node:crypto';

export type KeyPurpose = 'csrf-token' | 'oidc-state' | 'oidc-logout';

export function derivedKey(secret: Buffer, purpose: KeyPurpose): Buffer {
  if (secret.length < 16) throw new Error('the shared secret is too short to derive keys from');
  return Buffer.from(
    hkdfSync('sha256', secret, Buffer.alloc(0), `shujutong workbench ${purpose} v1`, 32),
  );
}
