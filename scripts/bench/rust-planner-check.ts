/**
 * Whether a Hive Gateway process really plans with Hive Router's Rust query planner: the
 * planner is a native library (@graphql-hive/router-query-planner's
 * hive_router_query_planner.<platform>.node), so it shows in the process's memory maps once
 * loaded, and the JavaScript planner's gateway (`hive`) never loads it.
 */
import fs from 'node:fs';

const LIBRARY = /hive_router_query_planner\.[\w-]+\.node/;

/** The planner library's file name when `maps` (the text of /proc/<pid>/maps) shows it loaded. */
export function rustPlannerIn(maps: string): string | null {
  return LIBRARY.exec(maps)?.[0] ?? null;
}

export function rustPlannerNote(target: string, pid: number): string {
  let maps: string;
  try {
    maps = fs.readFileSync(`/proc/${pid}/maps`, 'utf8');
  } catch {
    return `${target}: could not read /proc/${pid}/maps to see which query planner it runs.`;
  }
  const library = rustPlannerIn(maps);
  return library
    ? `${target}: the Rust query planner is loaded (${library} is mapped into its process).`
    : `${target}: no Rust query planner in its process (its JavaScript planner).`;
}
