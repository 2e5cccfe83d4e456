/**
 * Identifiers of sharing applications (SA), requests (SR) and grants (GR): the submission date
 * first, so that key order (which the connections page by) is roughly filing order, then random
 * hex, so that identifiers cannot be guessed or enumerated from one another.
 */
import { randomBytes } from 'node:crypto';
import { chinaDate } from './clock';

export type RecordKind = 'SA' | 'SR' | 'GR';

export function newRecordId(kind: RecordKind, now: Date): string {
  return `${kind}-${chinaDate(now).replace(/-/g, '')}-${randomBytes(6).toString('hex').toUpperCase()}`;
}
