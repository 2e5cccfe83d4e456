/**
 * JSON for a `<script type="application/json">` data block: it must not contain "</script>" or
 * "<!--", and escaping every < keeps any value inert (U+2028/2029 for old parsers' sake).
 */
export function scriptSafeJson(value: unknown): string {
  return JSON.stringify(value)
    .replace(/</g, '\\u003c')
    .replace(/\u2028/g, '\\u2028')
    .replace(/\u2029/g, '\\u2029');
}
