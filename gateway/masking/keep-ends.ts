/**
 * Keeps the first `head` and last `tail` characters of a value and stars the rest, one star per
 * hidden character, so the masked value keeps its length and masking it again changes nothing
 * (stars stay stars). A value too short to hide anything while keeping both ends is starred
 * whole: a mask that reveals the full value would not be one.
 */
export function keepEnds(value: string, head: number, tail: number): string {
  // Code points, not UTF-16 units: certificate numbers and names may hold CJK Extension B characters.
  const chars = Array.from(value);
  if (chars.length <= head + tail) return '*'.repeat(chars.length);
  return (
    chars.slice(0, head).join('') +
    '*'.repeat(chars.length - head - tail) +
    chars.slice(chars.length - tail).join('')
  );
}
