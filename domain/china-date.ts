/** Today's date by the calendar in China (UTC+8, no daylight saving): when decisions and certificates take effect. */
export function chinaToday(now: Date = new Date()): string {
  return new Date(now.getTime() + 8 * 3_600_000).toISOString().slice(0, 10);
}
