/**
 * CPU time a process has used, from /proc/<pid>/stat. On a shared machine requests per second
 * move with everyone else's load, but the CPU a gateway spends per request hardly does: it is
 * the steadier measure of how much work each gateway does for the same answer.
 */
import fs from 'node:fs';

/** USER_HZ: the unit of utime and stime; 100 on every mainstream Linux build. */
const CLOCK_TICKS_PER_SECOND = 100;

/** User plus system CPU seconds of `pid`, or null where /proc is not readable (not Linux, process gone). */
export function cpuSeconds(pid: number): number | null {
  try {
    const stat = fs.readFileSync(`/proc/${pid}/stat`, 'utf8');
    // The command name (field 2) may contain spaces and parentheses: count from its closing one.
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    const utime = Number(fields[11]);
    const stime = Number(fields[12]);
    return Number.isFinite(utime) && Number.isFinite(stime)
      ? (utime + stime) / CLOCK_TICKS_PER_SECOND
      : null;
  } catch {
    return null;
  }
}

/** Total CPU seconds of several processes, or null if any cannot be read. */
export function totalCpuSeconds(pids: readonly number[]): number | null {
  let total = 0;
  for (const pid of pids) {
    const s = cpuSeconds(pid);
    if (s === null) return null;
    total += s;
  }
  return total;
}
