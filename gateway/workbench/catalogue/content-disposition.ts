/**
 * Content-Disposition for a download (RFC 6266): `attachment`, an ASCII `filename` for old
 * clients, and `filename*` (RFC 8187) carrying the Chinese name in UTF-8, which browsers prefer.
 * Only characters that are safe unquoted in the extended value are left as they are, so no name
 * can break out of the header (quotes, semicolons, CR/LF: header injection).
 */

/** RFC 8187 attr-char: everything else is percent-encoded. */
const ATTR_CHAR = /[A-Za-z0-9!#$&+\-.^_`|~]/;

export function encodeExtValue(text: string): string {
  let out = '';
  for (const ch of text)
    out += ATTR_CHAR.test(ch)
      ? ch
      : [...Buffer.from(ch, 'utf8')]
          .map((b) => `%${b.toString(16).toUpperCase().padStart(2, '0')}`)
          .join('');
  return out;
}

/** The name reduced to letters, digits, dot, hyphen and underscore. */
export function asciiFilename(name: string): string {
  return name.replace(/[^A-Za-z0-9._-]/g, '_');
}

export function attachment(asciiName: string, utf8Name: string): string {
  return `attachment; filename="${asciiFilename(asciiName)}"; filename*=UTF-8''${encodeExtValue(utf8Name)}`;
}
