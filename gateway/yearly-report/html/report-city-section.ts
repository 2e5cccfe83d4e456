/**
 * The city's pages of the report (全市概况): totals, refusal reasons, the monthly trend, the
 * rankings, and every department's evaluation score; only the city's report carries them.
 */
import { barChart, barHeight, lineChart, RANKING_CHART_ROWS } from './report-charts';
import type { Context } from './report-context';
import {
  applicationRows,
  catalogueRows,
  errorReportRows,
  grantRows,
  inventoryRows,
} from './report-figure-rows';
import type { Header } from './report-markup';
import { figures, heading, points, table } from './report-markup';

export function citySection(ctx: Context): string {
  const { report, charts, name } = ctx;
  const { totals, byMonth, rankings } = report.city;
  const trend = charts.add(
    'city-trend',
    '全市月度趋势 Monthly trend',
    lineChart(
      byMonth,
      [
        { name: '调用 Calls', data: byMonth.map((m) => m.callsByOthers) },
        {
          name: '收到申请 Applications',
          yAxisIndex: 1,
          data: byMonth.map((m) => m.applicationsReceived),
        },
        {
          name: '收到纠错 Error reports',
          yAxisIndex: 1,
          data: byMonth.map((m) => m.errorReportsReceived),
        },
      ],
      true,
    ),
    90,
  );
  const ranking = (
    chart: string,
    zh: string,
    en: string,
    rows: readonly { department: string; value: number }[],
    asPercent = false,
  ): string => {
    const shown = rows.slice(0, RANKING_CHART_ROWS);
    const values = shown.map((r) => (asPercent ? Math.round(r.value * 1000) / 10 : r.value));
    const more =
      rows.length > shown.length
        ? `<p class="muted">前 ${shown.length} 名；完整排名见 Excel 附表。 First ${shown.length}; the full ranking is in the Excel appendix.</p>`
        : '';
    return `${heading(3, zh, en)}${charts.add(
      chart,
      `${zh} ${en}`,
      barChart(
        shown.map((r) => name(r.department)),
        values,
        asPercent ? '%' : '',
        asPercent ? 100 : undefined,
      ),
      barHeight(shown.length),
    )}${more}`;
  };
  return `<section class="page" id="city">
${heading(2, '全市概况', 'The city')}
${heading(3, '合计', 'Totals')}
<div class="grid">
${figures([
  ['部门间调用', 'Calls between departments', totals.calls],
  ['提供字段', 'Fields served', totals.fieldsServed],
  ['共享关系（使用方—提供方）', 'Sharing relations', totals.sharingRelations],
])}
${table(
  [
    ['目录 Catalogue', 'Data items'],
    ['数量', 'Count', 'num'],
  ],
  catalogueRows(totals.catalogue).map(([zh, en, v]) => [`${zh} ${en}`, v]),
)}
${table(
  [
    ['共享申请 Applications', 'Requests'],
    ['数量', 'Count', 'num'],
  ],
  applicationRows(totals.applications).map(([zh, en, v]) => [`${zh} ${en}`, v]),
)}
${table(
  [
    ['授权 Grants', 'Grants'],
    ['数量', 'Count', 'num'],
  ],
  grantRows(totals.grants).map(([zh, en, v]) => [`${zh} ${en}`, v]),
)}
${table(
  [
    ['数据纠错 Error reports', 'Reports'],
    ['数量', 'Count', 'num'],
  ],
  errorReportRows(totals.errorReports).map(([zh, en, v]) => [`${zh} ${en}`, v]),
)}
${table(
  [
    ['系统清查 Inventory', 'Systems'],
    ['数量', 'Count', 'num'],
  ],
  inventoryRows(totals.inventory).map(([zh, en, v]) => [`${zh} ${en}`, v]),
)}
</div>
${heading(3, '不予共享理由', 'Reasons given for refusals')}
${table(
  [
    ['理由', 'Reason'],
    ['次数', 'Count', 'num'],
  ],
  totals.applications.refusalReasons.map((r) => [r.reason, r.count]),
)}
${heading(3, '月度趋势', 'Month by month')}
${trend}
${ranking('city-rank-calls-by-others', '数据被调用排名', 'Ranked by calls from other departments', rankings.byCallsByOthers)}
${ranking('city-rank-calls-to-others', '调用他部门数据排名', 'Ranked by calls to other departments', rankings.byCallsToOthers)}
${ranking('city-rank-reply-rate', '申请按时答复率排名', 'Ranked by applications answered on time', rankings.byReplyRate, true)}
</section>
${evaluationSection(ctx)}`;
}

function evaluationSection({ report, charts, name }: Context): string {
  const { config, scores } = report.evaluation;
  const headers: Header[] = [
    ['名次', 'Rank', 'num'],
    ['部门', 'Department'],
    ['总分', 'Total', 'num'],
    ...config.indicators.map((i): Header => [i.name, `${i.id} (${i.weight})`, 'num']),
  ];
  const rows = scores.map((s) => [
    s.rank,
    name(s.department),
    points(s.total),
    ...config.indicators.map((i) => {
      const got = s.indicators.find((x) => x.id === i.id);
      return got && got.value !== null ? points(got.points) : null;
    }),
  ]);
  return `<section class="page" id="evaluation">
${heading(2, '年度评估得分', 'Evaluation scores')}
${table(headers, rows)}
${charts.add(
  'city-scores',
  '评估总分 Total scores',
  barChart(
    scores.map((s) => name(s.department)),
    scores.map((s) => s.total),
    '',
    100,
  ),
  barHeight(scores.length),
)}
</section>`;
}
