/** Free text is hidden whole: it can name anyone and anything, so no part of it is safe to keep. */
export const FREE_TEXT_MASK = '***';

export function maskFreeText(_value: string): string {
  return FREE_TEXT_MASK;
}
