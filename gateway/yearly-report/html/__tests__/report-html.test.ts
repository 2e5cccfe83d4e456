import crypto from 'node:crypto';
import { sampleReport, HOSTILE_MARKUP } from '../../../../test/e2e/yearly-report/sample-report';
import { jsonForScript, measureInWords, renderReport, renderReportHtml } from '../report-html';

interface Script {
  readonly attributes: string;
  readonly text: string;
}

function scriptsOf(html: string): Script[] {
  return [...html.matchAll(/<script([^>]*)>([\s\S]*?)<\/script>/g)].map((m) => ({
    attributes: m[1],
    text: m[2],
  }));
}

/** The markup with every script's content left out (ECharts' own code names URLs in strings). */
function markupOf(html: string): string {
  return html.replace(/(<script[^>]*>)[\s\S]*?<\/script>/g, '$1</script>');
}

/** The text around the first `needle` (null when absent): failures show it, not a megabyte of page. */
function around(text: string, needle: string | RegExp): string | null {
  const at = typeof needle === 'string' ? text.indexOf(needle) : text.search(needle);
  return at < 0 ? null : text.slice(Math.max(0, at - 80), at + 80);
}

const escapeText = (text: string) =>
  text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/'/g, '&#39;');

const sha256 = (text: string) =>
  `sha256-${crypto.createHash('sha256').update(text, 'utf8').digest('base64')}`;

const chartsOf = (html: string): { chart: string; department: string | null }[] =>
  [
    ...markupOf(html).matchAll(
      /<div class="chart[^"]*" data-chart="([^"]+)"( data-department="([^"]+)")?/g,
    ),
  ].map((m) => ({ chart: m[1], department: m[3] ?? null }));

describe('the yearly report as HTML', () => {
  const report = sampleReport();
  const rendered = renderReport(report);
  const { html } = rendered;

  it('is a whole Chinese document in UTF-8 titled for the city and the year', () => {
    expect(html.startsWith('<!doctype html>\n<html lang="zh-CN">')).toBe(true);
    expect(html).toContain('<meta charset="utf-8">');
    expect(html).toContain('<title>南通市政务信息资源共享年度报告 2026</title>');
    expect(html.trimEnd().endsWith('</html>')).toBe(true);
  });

  it('names nothing outside the document: no link element, no src, every href an anchor in the page', () => {
    const markup = markupOf(html);
    expect(around(markup, /<link\b/i)).toBeNull();
    expect(around(markup, /\ssrc\s*=/i)).toBeNull();
    expect(around(markup, /@import|url\(/i)).toBeNull();
    const hrefs = [...markup.matchAll(/\shref\s*=\s*"([^"]*)"/gi)].map((m) => m[1]);
    expect(hrefs.length).toBeGreaterThan(0);
    for (const href of hrefs) {
      expect(href).toMatch(/^#/);
      expect(markup).toContain(`id="${href.slice(1)}"`);
    }
  });

  it('inlines ECharts and draws the charts from a JSON data block', () => {
    const scripts = scriptsOf(html);
    expect(scripts.map((s) => s.attributes)).toEqual([
      ' type="application/json" id="report-charts"',
      '',
      '',
    ]);
    expect(scripts[1].text).toContain('echarts');
    expect(scripts[1].text.length).toBeGreaterThan(500_000);
    expect(scripts[2].text).toContain("renderer: 'canvas'");
    expect(scripts[2].text).toContain('DOMContentLoaded');
  });

  it('gives the SHA-256 of every executable inline script, and declares them in its own policy', () => {
    const executable = scriptsOf(html).filter((s) => !s.attributes.includes('application/json'));
    expect(rendered.scriptHashes).toEqual(executable.map((s) => sha256(s.text)));
    for (const hash of rendered.scriptHashes) expect(hash).toMatch(/^sha256-[A-Za-z0-9+/]{43}=$/);
    const style = /<style>([\s\S]*?)<\/style>/.exec(html)![1];
    expect(rendered.styleHashes).toEqual([sha256(style)]);
    expect(rendered.contentSecurityPolicy).toMatch(/^default-src 'none'; /);
    expect(rendered.contentSecurityPolicy).not.toContain('unsafe');
    for (const hash of [...rendered.scriptHashes, ...rendered.styleHashes])
      expect(rendered.contentSecurityPolicy).toContain(`'${hash}'`);
    expect(html).toContain(
      `<meta http-equiv="Content-Security-Policy" content="${rendered.contentSecurityPolicy.replace(/'/g, '&#39;')}">`,
    );
  });

  it('has no inline event handler and no style attribute, which the policy would refuse', () => {
    const markup = markupOf(html);
    expect(around(markup, /\son[a-z]+\s*=/i)).toBeNull();
    expect(around(markup, /\sstyle\s*=/i)).toBeNull();
  });

  it('keeps its script hashes from one report to the next, so the gateway’s policy can be fixed', () => {
    const other = renderReport(sampleReport({ year: 2025, department: 'tax' }));
    expect(other.scriptHashes).toEqual(rendered.scriptHashes);
    expect(other.styleHashes).toEqual(rendered.styleHashes);
  });

  it('has the city’s charts and two charts for every department, each with data', () => {
    const charts = chartsOf(html);
    const city = charts.filter((c) => c.department === null).map((c) => c.chart);
    expect(city).toEqual([
      'city-trend',
      'city-rank-calls-by-others',
      'city-rank-calls-to-others',
      'city-rank-reply-rate',
      'city-scores',
    ]);
    for (const d of report.departments)
      expect(charts.filter((c) => c.department === d.code).map((c) => c.chart)).toEqual([
        'department-classes',
        'department-monthly',
      ]);
    const data = JSON.parse(scriptsOf(html)[0].text);
    const keys = [...markupOf(html).matchAll(/data-chart-key="([^"]+)"/g)].map((m) => m[1]);
    expect(Object.keys(data).sort()).toEqual([...keys].sort());
    for (const key of keys) expect(data[key].animation).toBe(false);
  });

  it('prints every figure section for each department, each on a new page', () => {
    expect(html).toContain('.page { break-before: page; }');
    expect(html).toContain('@page { size: A4; margin: 15mm; }');
    const sections = [...html.matchAll(/<section class="page department" id="dept-([^"]+)"/g)].map(
      (m) => m[1],
    );
    expect(sections).toEqual(report.departments.map((d) => d.code));
    const police = html.slice(html.indexOf('id="dept-public-security"'));
    for (const heading of [
      '提供数据',
      '主要使用部门',
      '收到的共享申请',
      '授权',
      '使用其他部门数据',
      '数据纠错',
      '系统清查',
      '月度情况',
      '评估得分',
    ])
      expect(police).toContain(`>${heading} <small>`);
    expect(police).toContain('申请用途与所需数据项不匹配');
    expect(police).toContain('流动人口登记系统（旧版）');
    expect(police).toContain('全年无调用记录，疑似“僵尸”系统');
    expect(police).toContain('行政执法 LAW_ENFORCEMENT');
  });

  it('prints the evaluation method: each indicator’s weight, measure in words, rule without data and description', () => {
    const method = html.slice(html.indexOf('id="evaluation-method"'), html.indexOf('id="dept-'));
    expect(method).toContain('schema/evaluation-indicators.json (2026.1)');
    for (const indicator of report.evaluation.config.indicators) {
      expect(method).toContain(`${indicator.name}（${indicator.id}）`);
      expect(method).toContain(escapeText(measureInWords(indicator)));
      expect(method).toContain(escapeText(indicator.description));
    }
    expect(measureInWords(report.evaluation.config.indicators[3])).toBe(
      '按时答复申请 ÷ 收到共享申请（applications.answeredOnTime / applications.received）',
    );
    expect(method).toContain('不参与此项');
    expect(method).toContain('满分 Full marks');
  });

  it('prints the evaluation table: rank, department, total and each indicator’s points', () => {
    const table = html.slice(
      html.indexOf('id="evaluation"'),
      html.indexOf('id="evaluation-method"'),
    );
    const first = report.evaluation.scores[0];
    const name = report.departments.find((d) => d.code === first.department)!.name;
    expect(table).toContain(
      `<td class="num">1</td><td>${name}</td><td class="num">${first.total.toFixed(2)}</td>`,
    );
  });

  it('notes on the cover when the usage figures had not caught up, and only then', () => {
    expect(around(html, '审计汇总尚未更新完毕')).toBeNull();
    expect(renderReportHtml(sampleReport({ usageUpToDate: false }))).toContain(
      '审计汇总尚未更新完毕',
    );
  });

  it('makes a department’s report for that department alone, without the city', () => {
    const page = renderReportHtml(sampleReport({ department: 'public-security' }));
    expect(page).toContain('<title>公安局 政务信息资源共享年度报告 2026</title>');
    expect(around(page, 'id="city"')).toBeNull();
    expect(chartsOf(page).map((c) => c.chart)).toEqual([
      'department-classes',
      'department-monthly',
    ]);
    // Its rank is among the city's, without a count of the one score it carries.
    expect(page).toMatch(/名次 Rank <strong>2<\/strong><\/p>/);
    // Other departments are named from the city's register.
    expect(page).toContain('<td>税务局</td>');
  });
});

describe('the yearly report with hostile text', () => {
  const html = renderReportHtml(sampleReport({ hostile: true }));
  const markup = markupOf(html);

  it('prints names, reasons, purposes, systems and descriptions as text, never as markup', () => {
    expect(around(markup, '<img')).toBeNull();
    expect(around(html, 'onerror=alert(1)>')).toBeNull();
    const escaped = '&lt;/script&gt;&lt;img src=x onerror=alert(1)&gt;';
    // Department name (heading, tables), purpose, flagged reason, indicator description, detail.
    expect(html.split(escaped).length - 1).toBeGreaterThanOrEqual(6);
  });

  it('keeps the script elements as rendered: hostile text neither ends nor adds one', () => {
    expect(html.match(/<script/g)).toHaveLength(3);
    expect(html.match(/<\/script>/g)).toHaveLength(3);
  });

  it('embeds the hostile name in the chart data with < and > escaped, and it reads back unchanged', () => {
    const data = /<script type="application\/json" id="report-charts">([\s\S]*?)<\/script>/.exec(
      html,
    )![1];
    expect(data).not.toMatch(/[<>&]/);
    expect(data).toContain('\\u003c/script\\u003e\\u003cimg src=x onerror=alert(1)\\u003e');
    expect(JSON.stringify(JSON.parse(data))).toContain(JSON.stringify(HOSTILE_MARKUP).slice(1, -1));
  });

  it('escapes the separators JavaScript once read as line ends, as well as markup', () => {
    expect(jsonForScript({ a: '<\u2028&\u2029>' })).toBe(
      '{"a":"\\u003c\\u2028\\u0026\\u2029\\u003e"}',
    );
  });
});
