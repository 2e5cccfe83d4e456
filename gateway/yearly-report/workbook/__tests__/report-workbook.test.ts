import ExcelJS from 'exceljs';
import {
  HOSTILE_FORMULA,
  HOSTILE_MARKUP,
  sampleReport,
} from '../../../../test/e2e/yearly-report/sample-report';
import type { YearlyReport } from '../../report-model';
import {
  guardedText,
  HEADER_ROWS,
  renderReportWorkbook,
  reportTables,
  SHEETS,
} from '../report-workbook';

async function open(report: YearlyReport): Promise<ExcelJS.Workbook> {
  const workbook = new ExcelJS.Workbook();
  // exceljs's types predate Node's generic Buffer; it reads a Buffer as it is.
  await workbook.xlsx.load((await renderReportWorkbook(report)) as unknown as ArrayBuffer);
  return workbook;
}

const sheet = (workbook: ExcelJS.Workbook, name: string): ExcelJS.Worksheet => {
  const found = workbook.getWorksheet(name);
  if (!found) throw new Error(`no sheet "${name}"`);
  return found;
};

const dataRows = (s: ExcelJS.Worksheet) => s.rowCount - HEADER_ROWS;

/** Every text cell of the workbook, with where it is. */
function texts(workbook: ExcelJS.Workbook): { where: string; text: string }[] {
  const found: { where: string; text: string }[] = [];
  workbook.eachSheet((s) =>
    s.eachRow((row) =>
      row.eachCell((cell) => {
        if (typeof cell.value === 'string')
          found.push({ where: `${s.name}!${cell.address}`, text: cell.value });
      }),
    ),
  );
  return found;
}

describe('the yearly report’s Excel appendix', () => {
  const report = sampleReport();
  let workbook: ExcelJS.Workbook;
  beforeAll(async () => {
    workbook = await open(report);
  });

  it('has a sheet for every table of the city’s report, named within Excel’s 31 characters', () => {
    expect(workbook.worksheets.map((s) => s.name)).toEqual(Object.values(SHEETS));
    for (const s of workbook.worksheets) expect(s.name.length).toBeLessThanOrEqual(31);
    expect(workbook.creator).toBe('Shujutong 数据通');
    expect(workbook.title).toBe('南通市 政务信息资源共享年度报告 2026 附表');
  });

  it('heads each sheet with a Chinese row over an English one, frozen in place', () => {
    for (const s of workbook.worksheets) {
      expect(s.views[0]).toMatchObject({ state: 'frozen', ySplit: HEADER_ROWS });
      expect(s.getRow(1).font?.bold).toBe(true);
      expect(s.getRow(2).font?.bold).toBe(true);
      for (let c = 1; c <= s.columnCount; c += 1)
        expect(s.getColumn(c).width).toBeGreaterThanOrEqual(8);
    }
    const provided = sheet(workbook, SHEETS.provided);
    expect(provided.getRow(1).values).toEqual(
      expect.arrayContaining(['部门代码', '部门', '被其他部门调用']),
    );
    expect(provided.getRow(2).values).toEqual(
      expect.arrayContaining(['Department code', 'Department', 'Calls by others']),
    );
  });

  it('holds one row per item of the model in every table', () => {
    const ds = report.departments;
    const count = (f: (d: (typeof ds)[number]) => number) => ds.reduce((n, d) => n + f(d), 0);
    const expected: Record<string, number> = {
      [SHEETS.cityMonthly]: 12,
      [SHEETS.cityRefusals]: report.city.totals.applications.refusalReasons.length,
      [SHEETS.rankings]:
        report.city.rankings.byCallsByOthers.length +
        report.city.rankings.byCallsToOthers.length +
        report.city.rankings.byReplyRate.length,
      [SHEETS.scores]: report.evaluation.scores.length,
      [SHEETS.indicatorScores]:
        report.evaluation.scores.length * report.evaluation.config.indicators.length,
      [SHEETS.indicators]: report.evaluation.config.indicators.length,
      [SHEETS.provided]: ds.length,
      [SHEETS.consumers]: count((d) => d.provided.byConsumer.length),
      [SHEETS.applications]: ds.length,
      [SHEETS.refusals]: count((d) => d.applications.refusalReasons.length),
      [SHEETS.grants]: ds.length,
      [SHEETS.usedByOwner]: count((d) => d.used.byOwner.length),
      [SHEETS.usedByPurpose]: count((d) => d.used.byPurpose.length),
      [SHEETS.errorReports]: ds.length,
      [SHEETS.inventory]: ds.length,
      [SHEETS.flagged]: count((d) => d.inventory.flagged.length),
      [SHEETS.monthly]: 12 * ds.length,
    };
    for (const [name, rows] of Object.entries(expected)) {
      expect([name, dataRows(sheet(workbook, name))]).toEqual([name, rows]);
      expect(rows).toBeGreaterThan(0);
    }
  });

  it('writes the figures as numbers, each under its department', () => {
    const consumers = sheet(workbook, SHEETS.consumers);
    const police = report.departments.find((d) => d.code === 'public-security')!;
    const rows = consumers
      .getRows(HEADER_ROWS + 1, dataRows(consumers))!
      .filter((r) => r.getCell(1).value === 'public-security')
      .map((r) => [r.getCell(3).value, r.getCell(5).value]);
    expect(rows).toEqual(police.provided.byConsumer.map((c) => [c.department, c.calls]));
    const totals = sheet(workbook, SHEETS.cityTotals);
    const calls = totals
      .getRows(HEADER_ROWS + 1, dataRows(totals))!
      .find((r) => r.getCell(1).value === 'calls')!;
    expect(calls.getCell(2).value).toBe('部门间调用');
    expect(calls.getCell(3).value).toBe(report.city.totals.calls);
  });

  it('shows indicator values as per cent and leaves an indicator that does not apply empty', () => {
    const scores = sheet(workbook, SHEETS.indicatorScores);
    expect(scores.getColumn(5).numFmt).toBe('0.0%');
    const rows = scores.getRows(HEADER_ROWS + 1, dataRows(scores))!;
    const excluded = rows.find(
      (r) => r.getCell(1).value === 'tax' && r.getCell(3).value === 'catalogue-shared',
    )!;
    expect(excluded.getCell(5).value).toBeNull();
  });

  it('leaves the city’s sheets out of a department’s appendix', async () => {
    const own = await open(sampleReport({ department: 'tax' }));
    const names = own.worksheets.map((s) => s.name);
    expect(names).not.toContain(SHEETS.cityTotals);
    expect(names).not.toContain(SHEETS.rankings);
    expect(dataRows(sheet(own, SHEETS.provided))).toBe(1);
    expect(own.title).toBe('税务局 政务信息资源共享年度报告 2026 附表');
  });
});

describe('the Excel appendix with hostile text', () => {
  it('stores a text that a spreadsheet would read as a formula behind an apostrophe, as text', async () => {
    const workbook = await open(sampleReport({ hostile: true }));
    const all = texts(workbook);
    const formulas = all.filter((t) => t.text.includes('HYPERLINK'));
    expect(formulas.length).toBeGreaterThanOrEqual(3); // a refusal reason (twice) and a system name
    for (const t of formulas) expect(t).toEqual({ where: t.where, text: `'${HOSTILE_FORMULA}` });
    for (const t of all) expect([t.where, /^[=+\-@\t\r]/.test(t.text)]).toEqual([t.where, false]);
    workbook.eachSheet((s) =>
      s.eachRow((row) =>
        row.eachCell((cell) => expect(cell.type).not.toBe(ExcelJS.ValueType.Formula)),
      ),
    );
    // Markup is only text to a spreadsheet: kept as it is.
    expect(all.some((t) => t.text === HOSTILE_MARKUP)).toBe(true);
  });

  it('guards every formula start the workbench’s CSV guards, and nothing else', () => {
    for (const start of ['=', '+', '-', '@', '\t', '\r'])
      expect(guardedText(`${start}1+1`)).toBe(`'${start}1+1`);
    expect(guardedText('公安局')).toBe('公安局');
    expect(guardedText("'quoted")).toBe("'quoted");
    expect(guardedText('x'.repeat(40_000))).toHaveLength(32_767);
  });

  it('names every table as Excel accepts a sheet: 31 characters at most, none of \\ / ? * [ ] :', () => {
    const tables = reportTables(sampleReport());
    for (const t of tables) {
      expect(t.name.length).toBeLessThanOrEqual(31);
      expect(t.name).not.toMatch(/[\\/?*[\]:]/);
    }
  });
});
