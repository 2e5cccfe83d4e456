import { generateKeyPairSync } from 'node:crypto';
import { checkpointPayload, checkpointValidity, publicKeyId, signCheckpoint } from '../checkpoint';
import { testKeys } from '../../../test/utils/audit-fixtures';

const keys = testKeys();
const byId = new Map([[keys.signer.keyId, keys.publicKey]]);
const head = { chain: 'gw-1/x', seq: 42, hash: 'a'.repeat(64) };

describe('checkpoints', () => {
  it('verify with the signer’s public key', () => {
    const cp = signCheckpoint(head, new Date('2026-11-26T10:00:00.000Z'), keys.signer);
    expect(cp).toMatchObject({
      chain: 'gw-1/x',
      seq: 42,
      hash: head.hash,
      time: '2026-11-26T10:00:00.000Z',
      keyId: keys.signer.keyId,
    });
    expect(checkpointValidity(cp, byId)).toBe('valid');
  });

  it('sign the canonical JSON of type, version, chain, seq, hash, time and key id', () => {
    const cp = signCheckpoint(head, new Date('2026-11-26T10:00:00.000Z'), keys.signer);
    expect(checkpointPayload(cp).toString()).toBe(
      `{"chain":"gw-1/x","hash":"${head.hash}","keyId":"${keys.signer.keyId}","seq":42,"time":"2026-11-26T10:00:00.000Z","type":"shujutong-audit-checkpoint","v":1}`,
    );
  });

  it('fail when any signed value or the signature is changed', () => {
    const cp = signCheckpoint(head, new Date(), keys.signer);
    for (const forged of [
      { ...cp, seq: 43 },
      { ...cp, hash: 'b'.repeat(64) },
      { ...cp, chain: 'gw-2/x' },
      { ...cp, time: new Date(0).toISOString() },
    ]) {
      expect(checkpointValidity(forged, byId)).toBe('bad-signature');
    }
    const sig = Buffer.from(cp.signature, 'base64');
    sig[0] ^= 1;
    expect(checkpointValidity({ ...cp, signature: sig.toString('base64') }, byId)).toBe(
      'bad-signature',
    );
    expect(checkpointValidity({ ...cp, signature: 'not base64 at all!' }, byId)).toBe(
      'bad-signature',
    );
  });

  it('are not trusted when signed by a key that was not given', () => {
    const other = generateKeyPairSync('ed25519');
    const cp = signCheckpoint(head, new Date(), {
      keyId: publicKeyId(other.publicKey),
      privateKey: other.privateKey,
    });
    expect(checkpointValidity(cp, byId)).toBe('unknown-key');
    // Claiming the trusted key id does not help a forger.
    expect(checkpointValidity({ ...cp, keyId: keys.signer.keyId }, byId)).toBe('bad-signature');
  });
});
