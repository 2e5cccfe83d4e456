/**
 * A misspelt setting must not be silently ignored: `SHARING_POLICY_MOD=reject` would leave the
 * policy in its default mode while the operator believes it refuses. Each process lists the
 * variables it reads; any other variable under one of our prefixes stops start-up, naming the
 * closest known variable.
 */

/** Why start-up refuses this environment; empty when every variable under `prefixes` is known. */
export function unknownVariableProblems(
  env: Readonly<Record<string, string | undefined>>,
  known: ReadonlySet<string>,
  prefixes: readonly string[],
): string[] {
  const problems: string[] = [];
  for (const name of Object.keys(env).sort()) {
    if (known.has(name) || !prefixes.some((p) => name.startsWith(p))) continue;
    const near = closestName(name, known);
    problems.push(
      near ? `${name} is not a setting: did you mean ${near}?` : `${name} is not a setting`,
    );
  }
  return problems;
}

/** Throws one error listing every unknown variable, so one start-up shows them all. */
export function rejectUnknownVariables(
  env: Readonly<Record<string, string | undefined>>,
  known: ReadonlySet<string>,
  prefixes: readonly string[],
): void {
  const problems = unknownVariableProblems(env, known, prefixes);
  if (problems.length > 0) throw new Error(problems.join('; '));
}

/** The known name within a third of the name's length in edits, nearest first; null when none is that close. */
export function closestName(name: string, known: Iterable<string>): string | null {
  let best: string | null = null;
  let bestDistance = Math.max(2, Math.floor(name.length / 3)) + 1;
  for (const candidate of known) {
    const d = editDistance(name, candidate, bestDistance);
    if (d < bestDistance) {
      best = candidate;
      bestDistance = d;
    }
  }
  return best;
}

/** Levenshtein distance, giving up (returning `limit`) once every path exceeds it. */
function editDistance(a: string, b: string, limit: number): number {
  if (Math.abs(a.length - b.length) >= limit) return limit;
  let previous = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    const current = [i];
    let rowMin = i;
    for (let j = 1; j <= b.length; j++) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      current[j] = Math.min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + cost);
      rowMin = Math.min(rowMin, current[j]);
    }
    if (rowMin >= limit) return limit;
    previous = current;
  }
  return Math.min(previous[b.length], limit);
}
