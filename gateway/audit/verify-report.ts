/** The verifier's report as text for a person: what was checked, then each finding, then the verdict. */
import type { VerifyReport } from './verify-database';

export function formatVerifyReport(report: VerifyReport, source: string): string {
  const lines: string[] = [];
  const range =
    report.from || report.to
      ? `${report.from?.toISOString() ?? 'the beginning'} to ${report.to?.toISOString() ?? 'the end'}`
      : 'the whole log';
  lines.push(`Shujutong audit log verification`);
  lines.push(`  database:    ${source}`);
  lines.push(`  range:       ${range}`);
  lines.push(
    `  public keys: ${report.keyIds.length ? report.keyIds.join(', ') : 'none (every checkpoint fails)'}`,
  );
  lines.push(
    `  checked:     ${report.records} records in ${report.chains.length} chain(s), ${report.documentsChecked} document(s)`,
  );
  lines.push('');
  for (const c of report.chains) {
    const span =
      c.records > 0 ? `seq ${c.firstSeq}..${c.lastSeq} (${c.records} records)` : 'no records';
    const covered =
      c.lastCheckpointSeq !== null
        ? `signed through seq ${c.lastCheckpointSeq}`
        : 'no valid checkpoint within it';
    const uncovered =
      c.lastSeq !== null && c.lastCheckpointSeq !== null && c.lastSeq > c.lastCheckpointSeq
        ? `, ${c.lastSeq - c.lastCheckpointSeq} record(s) after it`
        : '';
    const mine = report.findings.filter((x) => x.chain === c.chain);
    const count = Math.max(c.findings, mine.length);
    lines.push(
      `chain ${c.chain}: ${span}; ${c.checkpoints} checkpoint(s), ${covered}${uncovered} — ${count === 0 ? 'OK' : `${count} finding(s)`}`,
    );
    for (const f of mine) lines.push(`  ${f.kind.toUpperCase()}: ${f.message}`);
  }
  const other = report.findings.filter((f) => !report.chains.some((c) => c.chain === f.chain));
  for (const f of other) lines.push(`  ${f.kind.toUpperCase()} (chain ${f.chain}): ${f.message}`);
  if (report.findingCount > report.findings.length)
    lines.push(`  … and ${report.findingCount - report.findings.length} more finding(s) not shown`);
  lines.push('');
  lines.push(
    report.findingCount === 0
      ? 'VERIFIED: every chain is intact and matches its signed checkpoints.'
      : `NOT VERIFIED: ${report.findingCount} finding(s). The first finding in each chain names the first record where it breaks.`,
  );
  return lines.join('\n');
}
