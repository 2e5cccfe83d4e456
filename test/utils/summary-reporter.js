/**
 * Closes a run with what was skipped and why, and one plain line of counts that CI reads:
 * "tests: N passed, N failed, N skipped".
 */
class SummaryReporter {
  onRunComplete(_contexts, results) {
    const skipped = new Map();
    for (const file of results.testResults) {
      for (const t of file.testResults) {
        if (t.status !== 'pending') continue;
        const title = t.ancestorTitles.find((a) => a.includes('[skipped — needs '));
        if (!title) continue;
        const key = `${file.testFilePath.replace(process.cwd() + '/', '')}: ${title.slice(title.indexOf('[skipped'))}`;
        skipped.set(key, (skipped.get(key) || 0) + 1);
      }
    }
    const lines = [];
    if (skipped.size > 0) {
      lines.push('', 'Skipped suites (service not available):');
      for (const [key, n] of skipped) lines.push(`  ${key} (${n} tests)`);
    }
    lines.push(
      '',
      `tests: ${results.numPassedTests} passed, ${results.numFailedTests} failed, ${results.numPendingTests} skipped`,
    );
    process.stdout.write(lines.join('\n') + '\n');
  }
}
module.exports = SummaryReporter;
