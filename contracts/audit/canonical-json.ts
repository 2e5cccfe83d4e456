/**
 * The one serialisation that audit hashes and signatures are computed over, so that anyone can
 * re-implement the verifier from this description alone:
 *
 *   - JSON (RFC 8259) with no insignificant whitespace;
 *   - object members sorted by key, comparing keys as sequences of UTF-16 code units (the order
 *     of JavaScript's default `Array.prototype.sort`, which is also RFC 8785 §3.2.3's order);
 *   - strings escaped exactly as ECMAScript `JSON.stringify` escapes them (RFC 8785 §3.2.2.2):
 *     `"` `\` and U+0000..U+001F escaped, \b \f \n \r \t in short form, other control
 *     characters as \u00xx in lower-case hex, lone surrogates as \udxxx, everything else
 *     literal; the result is encoded as UTF-8 before hashing;
 *   - numbers restricted to safe integers (|n| ≤ 2^53 − 1) written in plain decimal, so no
 *     implementation has to agree on floating-point formatting;
 *   - `null`, `true`, `false` literal; arrays keep their order; `undefined`, functions,
 *     non-finite or fractional numbers, and other non-plain values are rejected rather than
 *     silently dropped, because a hash over a lossy encoding would not be evidence.
 *
 * This is RFC 8785 (JCS) restricted to integers, so a JCS library gives the same bytes.
 */

export type CanonicalValue =
  null | boolean | number | string | CanonicalValue[] | { readonly [key: string]: CanonicalValue };

export interface CanonicalOptions {
  /**
   * `integers` (audit records and checkpoints) or `finite`: any finite number, written as
   * ECMAScript's Number::toString writes it, which is RFC 8785 §3.2.2.3 (used for variables,
   * whose hash only this code has to reproduce). @default integers
   */
  readonly numbers?: 'integers' | 'finite';
}

export function canonicalJson(value: unknown, options: CanonicalOptions = {}): string {
  const finite = options.numbers === 'finite';
  // Records are built with their members in order (record-chain.ts): then the engine's own
  // serialiser writes exactly these bytes, several times faster than the walk below.
  if (writtenAsIs(value, finite)) return JSON.stringify(value);
  return write(value, [], finite);
}

/**
 * Whether JSON.stringify writes `value` canonically as it is: plain objects whose members come
 * in canonical order, arrays without holes, strings, booleans, null, and numbers as allowed.
 * Anything else (unsorted members, a value to refuse) goes to the walk, which sorts or throws.
 */
function writtenAsIs(value: unknown, finite: boolean): boolean {
  if (value === null) return true;
  switch (typeof value) {
    case 'string':
    case 'boolean':
      return true;
    case 'number':
      return finite ? Number.isFinite(value) : Number.isSafeInteger(value) && !Object.is(value, -0);
    case 'object': {
      if (Array.isArray(value)) {
        for (let i = 0; i < value.length; i++)
          if (!(i in value) || !writtenAsIs(value[i], finite)) return false;
        return true;
      }
      const proto = Object.getPrototypeOf(value);
      if (proto !== Object.prototype && proto !== null) return false;
      const keys = Object.keys(value);
      const record = value as Record<string, unknown>;
      for (let i = 0; i < keys.length; i++) {
        if (i > 0 && !(keys[i - 1] < keys[i])) return false;
        if (!writtenAsIs(record[keys[i]], finite)) return false;
      }
      return true;
    }
    default:
      return false;
  }
}

/** The path is kept as a stack and only joined for an error message: records are hashed on every request. */
function where(path: (string | number)[]): string {
  return `$${path.map((p) => (typeof p === 'number' ? `[${p}]` : `.${p}`)).join('')}`;
}

function write(value: unknown, path: (string | number)[], finite: boolean): string {
  if (value === null) return 'null';
  switch (typeof value) {
    case 'boolean':
      return value ? 'true' : 'false';
    case 'string':
      return JSON.stringify(value);
    case 'number':
      if (finite) {
        if (!Number.isFinite(value))
          throw new TypeError(`canonical JSON cannot represent ${value} at ${where(path)}`);
        return JSON.stringify(value);
      }
      if (!Number.isSafeInteger(value))
        throw new TypeError(
          `canonical JSON allows only safe integers, got ${value} at ${where(path)}`,
        );
      // -0 would print as "0" in JSON.stringify but is a different value: refuse to be ambiguous.
      if (Object.is(value, -0))
        throw new TypeError(`canonical JSON does not allow -0 at ${where(path)}`);
      return String(value);
    case 'object': {
      if (Array.isArray(value)) {
        let out = '[';
        for (let i = 0; i < value.length; i++) {
          path.push(i);
          out += (i ? ',' : '') + write(value[i], path, finite);
          path.pop();
        }
        return `${out}]`;
      }
      const proto = Object.getPrototypeOf(value);
      if (proto !== Object.prototype && proto !== null)
        throw new TypeError(
          `canonical JSON allows only plain objects, got ${proto?.constructor?.name ?? 'object'} at ${where(path)}`,
        );
      const keys = Object.keys(value).sort();
      const record = value as Record<string, unknown>;
      let out = '{';
      for (let i = 0; i < keys.length; i++) {
        path.push(keys[i]);
        out += `${i ? ',' : ''}${JSON.stringify(keys[i])}:${write(record[keys[i]], path, finite)}`;
        path.pop();
      }
      return `${out}}`;
    }
    default:
      throw new TypeError(`canonical JSON cannot represent ${typeof value} at ${where(path)}`);
  }
}
