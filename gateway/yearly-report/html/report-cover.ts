/**
 * The report's cover page: title, when and by whom it was made, the indicators' version, a
 * warning when the audit rollup lagged, and the table of contents.
 */
import type { Context } from './report-context';
import { reportTitle } from './report-context';
import { e, heading } from './report-markup';

/** An ISO 8601 instant as China time (the report's clock), e.g. 2027-01-05 10:30. */
function chinaTime(iso: string): string {
  const ms = Date.parse(iso);
  if (Number.isNaN(ms)) return iso;
  return `${new Date(ms + 8 * 3_600_000).toISOString().slice(0, 16).replace('T', ' ')}（北京时间）`;
}

export function cover({ report, name }: Context): string {
  const note = report.usageUpToDate
    ? ''
    : `<p class="note">注意：生成本报告时审计汇总尚未更新完毕，调用次数可能少于实际。<br>Note: the audit rollup had not caught up when this report was made; call figures may be short of the actual ones.</p>`;
  const toc = [
    ...(report.department === null ? [['city', '全市概况 The city']] : []),
    ['evaluation-method', '评估方法 Evaluation method'],
    ...report.departments.map((d) => [`dept-${d.code}`, d.name]),
  ]
    .map(([id, label]) => `<li><a href="#${e(id)}">${e(label)}</a></li>`)
    .join('');
  return `<section class="cover">
<h1>${e(reportTitle(report, name))} <small>Government Information Sharing — Yearly Report ${report.year}</small></h1>
<dl>
<dt>生成时间 Generated</dt><dd>${e(chinaTime(report.generatedAt))} · ${e(report.generatedAt)}</dd>
<dt>统计截至 As of</dt><dd>${e(report.asOf)}</dd>
<dt>制作 Made by</dt><dd>${e(report.madeBy)}</dd>
<dt>评估指标 Indicators</dt><dd>${e(report.evaluation.config.title)} ${e(report.evaluation.config.version)}</dd>
</dl>
${note}
<nav class="toc">${heading(3, '目录', 'Contents')}<ol>${toc}</ol></nav>
</section>`;
}
