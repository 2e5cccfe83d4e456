/**
 * One department's page of the report: data provided and to whom, applications, grants, error
 * reports, data used, flagged systems, the monthly chart and its evaluation score.
 */
import { purposeByCode } from '../../../domain/departments';
import { classesPie, lineChart } from './report-charts';
import type { Context } from './report-context';
import {
  applicationRows,
  catalogueRows,
  errorReportRows,
  grantRows,
  inventoryRows,
} from './report-figure-rows';
import { e, figures, heading, num, percent, points, table } from './report-markup';
import type { DepartmentReport, DepartmentScore } from '../report-model';

const KIND_NAMES: Readonly<Record<string, string>> = {
  OWNER: '数据提供部门 Data owner',
  CONSUMER: '数据使用部门 Data consumer',
  PLATFORM: '平台管理部门 Platform',
};

function purposeName(purpose: string): string {
  if (purpose === '') return '未声明 None declared';
  const known = purposeByCode(purpose);
  return known ? `${known.name} ${purpose}` : purpose;
}

function scoreBlock(ctx: Context, score: DepartmentScore | undefined): string {
  if (!score) return '<p class="muted">未参与评估 Not evaluated</p>';
  const { config } = ctx.report.evaluation;
  const rows = score.indicators.map((i) => {
    const definition = config.indicators.find((d) => d.id === i.id);
    return [
      definition ? `${definition.name}（${i.id}）` : i.id,
      i.value === null ? '不适用 n/a' : { decimal: percent(i.value) },
      i.value === null ? null : points(i.points),
      i.detail,
    ];
  });
  // A department's report may carry its own score alone: the rank is then among the city's.
  const of = ctx.report.department === null ? ` / ${num(ctx.report.evaluation.scores.length)}` : '';
  return `<p>总分 Total <strong>${e(score.total.toFixed(2))}</strong>，名次 Rank <strong>${num(score.rank)}</strong>${of}</p>
${table(
  [
    ['指标', 'Indicator'],
    ['值', 'Value', 'num'],
    ['得分', 'Points', 'num'],
    ['计算', 'Detail'],
  ],
  rows,
)}`;
}

export function departmentSection(ctx: Context, d: DepartmentReport): string {
  const { charts, name } = ctx;
  const p = d.provided;
  const score = ctx.report.evaluation.scores.find((s) => s.department === d.code);
  const flagged = d.inventory.flagged.map((f) => [
    f.id,
    f.name,
    [
      f.zombieCandidate ? '疑似僵尸 Zombie candidate' : '',
      f.notConnected ? '应接未接 Not connected' : '',
    ]
      .filter(Boolean)
      .join('；'),
    f.reasons.join('；'),
  ]);
  return `<section class="page department" id="dept-${e(d.code)}" data-department="${e(d.code)}">
${heading(2, d.name, `${d.code} · ${KIND_NAMES[d.kind] ?? d.kind}`)}
${heading(3, '提供数据', 'Data provided')}
<div class="grid">
${table(
  [
    ['目录 Catalogue', 'Data items'],
    ['数量', 'Count', 'num'],
  ],
  catalogueRows(p.catalogue).map(([zh, en, v]) => [`${zh} ${en}`, v]),
)}
${figures([
  ['被其他部门调用', 'Calls by others', p.callsByOthers],
  ['使用部门', 'Consumers', p.consumers],
  ['提供字段', 'Fields served', p.fieldsServed],
  ['其中脱敏', 'Of which masked', p.fieldsMasked],
  ['拒绝提供字段', 'Fields denied', p.fieldsDenied],
  ['被使用的数据项', 'Distinct fields used', p.distinctFieldsUsed],
])}
</div>
${charts.add('department-classes', `${d.name} 共享属性 Sharing classes`, classesPie(p.catalogue), 60, d.code)}
${heading(3, '主要使用部门', 'Top consumers')}
${table(
  [
    ['部门', 'Department'],
    ['调用', 'Calls', 'num'],
  ],
  p.byConsumer.slice(0, 10).map((c) => [name(c.department), c.calls]),
)}
${heading(3, '收到的共享申请', 'Applications received')}
<div class="grid">
${figures(applicationRows(d.applications))}
${table(
  [
    ['不予共享理由', 'Reason for refusal'],
    ['次数', 'Count', 'num'],
  ],
  d.applications.refusalReasons.map((r) => [r.reason, r.count]),
)}
</div>
<div class="grid">
<div>${heading(3, '授权', 'Grants given')}${figures(grantRows(d.grants))}</div>
<div>${heading(3, '数据纠错', 'Error reports received')}${figures(errorReportRows(d.errorReports))}</div>
</div>
${heading(3, '使用其他部门数据', 'Data used from other departments')}
${figures([
  ['调用其他部门', 'Calls to others', d.used.calls],
  ['所用数据的提供部门', 'Owners called', d.used.owners],
  ['获得字段', 'Fields received', d.used.fieldsServed],
])}
<div class="grid">
${table(
  [
    ['提供部门', 'Owner'],
    ['调用', 'Calls', 'num'],
  ],
  d.used.byOwner.map((o) => [name(o.department), o.calls]),
)}
${table(
  [
    ['用途', 'Purpose'],
    ['字段', 'Fields', 'num'],
  ],
  d.used.byPurpose.map((u) => [purposeName(u.purpose), u.fieldsServed]),
)}
</div>
${heading(3, '系统清查', 'Inventory of systems')}
${figures(inventoryRows(d.inventory))}
${table(
  [
    ['系统编号', 'System'],
    ['名称', 'Name'],
    ['标记', 'Flag'],
    ['原因', 'Reasons'],
  ],
  flagged,
  '无被标记的系统 No system flagged',
)}
${heading(3, '月度情况', 'Month by month')}
${charts.add(
  'department-monthly',
  `${d.name} 月度调用 Monthly calls`,
  lineChart(
    d.byMonth,
    [
      { name: '被调用 Calls by others', data: d.byMonth.map((m) => m.callsByOthers) },
      { name: '调用他部门 Calls to others', data: d.byMonth.map((m) => m.callsToOthers) },
    ],
    false,
  ),
  80,
  d.code,
)}
${heading(3, '评估得分', 'Evaluation score')}
${scoreBlock(ctx, score)}
</section>`;
}
