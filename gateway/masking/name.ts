/**
 * Personal name shown as `张*`: the first character (usually the surname) and one star for each
 * other character (DOMAIN.md, 脱敏). A one-character value is starred whole, since keeping it
 * would show the full name.
 */
export function maskName(value: string): string {
  const chars = Array.from(value);
  if (chars.length <= 1) return '*'.repeat(chars.length);
  return chars[0] + '*'.repeat(chars.length - 1);
}
