/**
 * Tokens whose signature and claims were verified, until they expire, so a client sending the
 * same token on every request costs one signature check, not one per request. Only the
 * cryptographic half is remembered: the application's registry status is checked every time
 * (verify-token.ts, checkApplication). Bounded, oldest out first.
 */
import type { VerifiedClaims } from './token-claims';

export class VerifiedTokens {
  private readonly entries = new Map<string, VerifiedClaims>();

  /** @param capacity tokens remembered at most. */
  constructor(private readonly capacity: number = 10_000) {}

  get(token: string, nowMs: number): VerifiedClaims | undefined {
    const claims = this.entries.get(token);
    if (claims === undefined) return undefined;
    if (claims.expiresAt.getTime() <= nowMs) {
      this.entries.delete(token);
      return undefined;
    }
    return claims;
  }

  remember(token: string, claims: VerifiedClaims): void {
    if (this.capacity <= 0) return;
    if (this.entries.size >= this.capacity)
      this.entries.delete(this.entries.keys().next().value as string);
    this.entries.set(token, claims);
  }
}
