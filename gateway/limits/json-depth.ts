/**
 * How deeply a JSON text nests arrays and objects, read from its bytes without parsing it:
 * linear, with no recursion and no allocation. Deep nesting costs nothing to send (`[[[…]]]`
 * 50,000 levels in 100 KB) but every recursive consumer of the parsed value (variable
 * coercion, the audit's canonical JSON and keyed hash) would overflow its stack on it, so the
 * gateway refuses it with the body, before anything parses it.
 */
const QUOTE = 0x22;
const BACKSLASH = 0x5c;
const OPENERS = new Set([0x5b, 0x7b]);
const CLOSERS = new Set([0x5d, 0x7d]);

/** No variables of the API nest deeper than a handful of levels: room to spare. */
export const MAX_BODY_DEPTH = 64;

export function jsonDepth(text: Buffer | string): number {
  const bytes = typeof text === 'string' ? Buffer.from(text) : text;
  let depth = 0;
  let max = 0;
  let inString = false;
  for (let i = 0; i < bytes.length; i++) {
    const b = bytes[i];
    if (inString) {
      if (b === BACKSLASH) i++;
      else if (b === QUOTE) inString = false;
    } else if (b === QUOTE) inString = true;
    else if (OPENERS.has(b)) {
      if (++depth > max) max = depth;
    } else if (CLOSERS.has(b)) depth--;
  }
  return max;
}
