/**
 * Masks one field's value by its MaskKind (the `mask` of its `@sharing` rule). Lists are masked
 * element by element and objects leaf by leaf (a GeoPoint under COORDINATES keeps its shape with
 * rounded numbers). Null stays null. Masking a masked value gives the same value, so a value
 * reached twice in one response, or masked by a subgraph already, is not damaged.
 *
 * A string mask cannot be applied to a number or boolean without changing its type, and
 * returning it in clear would defeat the mask: such a value is withheld (null) instead.
 */
import type { MaskKind } from '../../domain/catalogue/classification';
import { maskAddress } from './address';
import { maskCertificateNumber } from './certificate-number';
import { maskCoordinateText, roundCoordinate } from './coordinates';
import { maskDate } from './date';
import { maskFreeText } from './free-text';
import { maskIdNumber } from './id-number';
import { maskName } from './name';
import { maskPhone } from './phone';

const TEXT_MASKS: Readonly<Record<MaskKind, (value: string) => string>> = {
  ID_NUMBER: maskIdNumber,
  PHONE: maskPhone,
  NAME: maskName,
  ADDRESS: maskAddress,
  DATE: maskDate,
  CERTIFICATE_NUMBER: maskCertificateNumber,
  COORDINATES: maskCoordinateText,
  FREE_TEXT: maskFreeText,
};

function maskLeaf(kind: MaskKind, value: unknown): unknown {
  if (typeof value === 'string') return TEXT_MASKS[kind](value);
  if (typeof value === 'number' && kind === 'COORDINATES') return roundCoordinate(value);
  return null;
}

export function maskValue(kind: MaskKind, value: unknown): unknown {
  if (value === null || value === undefined) return null;
  if (Array.isArray(value)) return value.map((v) => maskValue(kind, v));
  if (typeof value === 'object') {
    const out: Record<string, unknown> = {};
    for (const [key, v] of Object.entries(value)) {
      // __typename names the schema type, not the data subject: keep it so clients can still dispatch on it.
      out[key] = key === '__typename' ? v : maskValue(kind, v);
    }
    return out;
  }
  return maskLeaf(kind, value);
}
