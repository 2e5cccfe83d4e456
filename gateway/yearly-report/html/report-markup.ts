/**
 * The report's HTML building blocks, bilingual headings and tables: every text that goes through
 * them is escaped, because department names, reasons and purposes are other people's free text.
 */
import { escapeHtml } from '../../workbench/sessions/html-page';

export const e = escapeHtml;
const NUMBER = new Intl.NumberFormat('zh-CN');
export const num = (n: number): string => NUMBER.format(n);
export const percent = (value: number): string => `${(value * 100).toFixed(1)}%`;

/** A bilingual heading: Chinese first, English small beneath. */
export function heading(level: 1 | 2 | 3, zh: string, en: string, id?: string): string {
  const anchor = id ? ` id="${e(id)}"` : '';
  return `<h${level}${anchor}>${e(zh)} <small>${e(en)}</small></h${level}>`;
}

/** A cell: text is escaped, numbers formatted and right-aligned, null shown as a dash. */
export type Cell = string | number | null | Decimal;
/** A number printed with fixed decimals (points, totals), right-aligned as numbers are. */
export interface Decimal {
  readonly decimal: string;
}
export const points = (n: number): Decimal => ({ decimal: n.toFixed(2) });
export type Header = readonly [zh: string, en: string, numeric?: 'num'];

export function table(
  headers: readonly Header[],
  rows: readonly (readonly Cell[])[],
  empty = '无 None',
): string {
  const head = headers
    .map(([zh, en, n]) => `<th${n ? ' class="num"' : ''}>${e(zh)}<small>${e(en)}</small></th>`)
    .join('');
  const body =
    rows.length === 0
      ? `<tr><td colspan="${headers.length}" class="muted">${e(empty)}</td></tr>`
      : rows
          .map(
            (row) =>
              `<tr>${row
                .map((cell) =>
                  typeof cell === 'number'
                    ? `<td class="num">${num(cell)}</td>`
                    : cell === null
                      ? '<td class="num">—</td>'
                      : typeof cell === 'string'
                        ? `<td>${e(cell)}</td>`
                        : `<td class="num">${e(cell.decimal)}</td>`,
                )
                .join('')}</tr>`,
          )
          .join('');
  return `<table><thead><tr>${head}</tr></thead><tbody>${body}</tbody></table>`;
}

/** Named figures as a two-column table. */
export function figures(rows: readonly (readonly [zh: string, en: string, value: Cell])[]): string {
  return table(
    [
      ['项目', 'Figure'],
      ['数值', 'Value', 'num'],
    ],
    rows.map(([zh, en, value]) => [`${zh} ${en}`, value]),
  );
}
