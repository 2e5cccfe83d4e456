/**
 * The report page's one stylesheet, A4 print first: the same text for every report, so its CSP
 * hash is fixed. Chart heights are classes because the policy allows no style attributes.
 */

export const FONT = "'Noto Sans CJK SC', 'Noto Sans SC', sans-serif";
/** A4 (210 mm) less 15 mm margins each side is 180 mm: charts keep 10 mm to spare. */
const CHART_WIDTH_MM = 170;
/** Chart heights are classes (no style attributes under the CSP): 50 mm to 260 mm in 10 mm steps. */
export const HEIGHTS_MM = Array.from({ length: 22 }, (_, i) => 50 + i * 10);

export const STYLE = `
@page { size: A4; margin: 15mm; }
:root { color-scheme: light; --ink: #1f2933; --muted: #52606d; --line: #bcccdc; --head: #e6eef7; --warn: #9c4221; }
* { box-sizing: border-box; }
html { background: #fff; }
body { margin: 0 auto; max-width: 180mm; padding: 8mm 0; font: 10.5pt/1.55 ${FONT}; color: var(--ink); background: #fff; }
h1 { font-size: 22pt; line-height: 1.3; margin: 30mm 0 4mm; }
h2 { font-size: 15pt; margin: 8mm 0 3mm; padding-bottom: 1mm; border-bottom: 1.5pt solid var(--ink); }
h3 { font-size: 12pt; margin: 6mm 0 2mm; }
h1 small, h2 small, h3 small { display: block; font-size: 55%; font-weight: 400; color: var(--muted); }
h2, h3 { break-after: avoid; }
p { margin: 2mm 0; }
.muted { color: var(--muted); font-size: 9pt; }
.note { border-left: 3pt solid var(--warn); padding: 2mm 3mm; margin: 4mm 0; color: var(--warn); }
table { border-collapse: collapse; width: 100%; margin: 2mm 0 4mm; font-size: 9.5pt; }
thead { display: table-header-group; }
tr { break-inside: avoid; }
th, td { border: 0.5pt solid var(--line); padding: 1mm 2mm; text-align: left; vertical-align: top; overflow-wrap: anywhere; }
th { background: var(--head); font-weight: 600; }
th small { display: block; font-weight: 400; color: var(--muted); font-size: 8pt; }
td.num, th.num { text-align: right; font-variant-numeric: tabular-nums; white-space: nowrap; }
.grid { display: grid; grid-template-columns: 1fr 1fr; gap: 0 6mm; align-items: start; }
.grid table { break-inside: avoid; }
.chart { width: ${CHART_WIDTH_MM}mm; margin: 2mm auto 5mm; break-inside: avoid; }
${HEIGHTS_MM.map((h) => `.chart.h${h} { height: ${h}mm; }`).join('\n')}
@media print { .cover { min-height: 240mm; } }
.cover dl { display: grid; grid-template-columns: 36mm 1fr; gap: 1mm 4mm; margin: 10mm 0; }
.cover dt { color: var(--muted); }
.cover dd { margin: 0; }
.toc ol { padding-left: 6mm; }
.toc a { color: inherit; text-decoration: none; }
.page { break-before: page; }
`;
