/**
 * Where each value of a JSON text starts, by JSON pointer (RFC 6901), so a problem found in the
 * parsed catalogue file can be reported at its line and column. A scanner, not a validator: the
 * text has already parsed with JSON.parse.
 */
import { pointerSegment } from '../../domain/catalogue/catalogue-problem';

export interface TextPosition {
  /** 1-based */
  readonly line: number;
  readonly column: number;
}

export function jsonPositions(text: string): Map<string, TextPosition> {
  const positions = new Map<string, TextPosition>();
  let i = 0;
  let line = 1;
  let lineStart = 0;
  const skipSpace = () => {
    while (i < text.length && /\s/.test(text[i])) {
      if (text[i] === '\n') {
        line += 1;
        lineStart = i + 1;
      }
      i += 1;
    }
  };
  const readString = (): string => {
    const start = i;
    i += 1;
    while (i < text.length && text[i] !== '"') i += text[i] === '\\' ? 2 : 1;
    i += 1;
    return JSON.parse(text.slice(start, i)) as string;
  };
  const value = (pointer: string): void => {
    skipSpace();
    positions.set(pointer, { line, column: i - lineStart + 1 });
    const c = text[i];
    if (c === '{' || c === '[') {
      const object = c === '{';
      i += 1;
      for (let index = 0; ; index += 1) {
        skipSpace();
        if (text[i] === (object ? '}' : ']')) break;
        let key = String(index);
        if (object) {
          key = readString();
          skipSpace();
          i += 1; // the colon
        }
        value(`${pointer}/${pointerSegment(key)}`);
        skipSpace();
        if (text[i] === ',') i += 1;
      }
      i += 1;
    } else if (c === '"') readString();
    else while (i < text.length && /[^\s,\]}]/.test(text[i])) i += 1;
  };
  value('');
  return positions;
}

/**
 * The position of `pointer`, or of its nearest ancestor present in the text (a missing
 * attribute is reported at the object that lacks it).
 */
export function positionOf(
  positions: ReadonlyMap<string, TextPosition>,
  pointer: string,
): TextPosition {
  for (let p = pointer; ; p = p.slice(0, p.lastIndexOf('/'))) {
    const at = positions.get(p);
    if (at) return at;
    if (p === '') return { line: 1, column: 1 };
  }
}
