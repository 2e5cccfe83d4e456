/**
 * 脱敏: how sensitive values are shown to a department that may see a field but not in clear.
 * One function per MaskKind of `schema/sharing-directives.graphql`; `maskValue` applies the one a
 * field's `@sharing(mask:)` names to a whole response value. All are pure and idempotent.
 */
export { maskValue } from './mask-value';
export { maskIdNumber } from './id-number';
export { maskPhone } from './phone';
export { maskName } from './name';
export { maskAddress } from './address';
export { maskDate } from './date';
export { maskCertificateNumber } from './certificate-number';
export { maskCoordinateText, roundCoordinate } from './coordinates';
export { maskFreeText, FREE_TEXT_MASK } from './free-text';
