import fs from 'node:fs';
import ExcelJS from 'exceljs';
import { loadCatalogueDeclaration } from '../../../../contracts/catalogue/catalogue-file';
import {
  buildResourceCatalogue,
  CatalogueEntry,
} from '../../../../contracts/catalogue/resource-catalogue';
import { SUPERGRAPH_PATH } from '../../../../contracts/schema-files';
import { catalogueCsv } from '../catalogue-csv';
import { csvCell, UTF8_BOM } from '../../csv-text';
import { catalogueFile } from '../catalogue-export';
import { CATALOGUE_COLUMNS } from '../catalogue-table';
import {
  CATALOGUE_SHEET,
  catalogueXlsx,
  CJK_FONT,
  FIRST_DATA_ROW,
  HEADER_ROW,
} from '../catalogue-xlsx';

const catalogue = buildResourceCatalogue(
  fs.readFileSync(SUPERGRAPH_PATH, 'utf8'),
  loadCatalogueDeclaration(),
);
const population = catalogue.items({ owner: 'public-security' });
const hostile: CatalogueEntry = {
  ...population[0],
  coordinate: 'Person.zzz',
  description: '=HYPERLINK("http://evil.example","点我")',
  condition: '+1 "quoted", and\nmore',
};

/** Every row of the sheet as the text of its cells (merged cells read as their master's value). */
async function sheetRows(buffer: Buffer): Promise<{ sheet: ExcelJS.Worksheet; rows: string[][] }> {
  const workbook = new ExcelJS.Workbook();
  await workbook.xlsx.load(buffer as unknown as ArrayBuffer);
  const sheet = workbook.getWorksheet(CATALOGUE_SHEET)!;
  const rows: string[][] = [];
  for (let r = 1; r <= sheet.rowCount; r += 1)
    rows.push(CATALOGUE_COLUMNS.map((_, c) => String(sheet.getCell(r, c + 1).value ?? '')));
  return { sheet, rows };
}

describe('the catalogue as an Excel workbook', () => {
  it('is laid out as the guide table: title, two header rows, one row per item under its resource', async () => {
    const { sheet, rows } = await sheetRows(
      await catalogueXlsx(population, {
        title: '南通市政务信息资源目录（公安局）',
        created: new Date(),
      }),
    );
    expect(rows[0][0]).toBe('南通市政务信息资源目录（公安局）');
    expect(rows[1].slice(0, 6)).toEqual([
      '信息资源分类',
      '信息资源分类',
      '信息资源分类',
      '信息资源分类',
      '信息资源名称',
      '信息资源代码',
    ]);
    expect(rows[HEADER_ROW - 1]).toEqual(CATALOGUE_COLUMNS.map((c) => c.header));
    expect(rows[HEADER_ROW - 1]).toEqual(
      expect.arrayContaining([
        '类',
        '项',
        '目',
        '细目',
        '提供方代码',
        '共享方式类型',
        '开放类型',
        '更新周期',
        '发布日期',
        '关联资源代码',
      ]),
    );
    expect(rows.length - (FIRST_DATA_ROW - 1)).toBe(population.length);
    const col = (header: string) => CATALOGUE_COLUMNS.findIndex((c) => c.header === header);
    const birth = rows.find((r) => r[col('信息项名称')] === 'Person.birthDate')!;
    // A resource's columns are merged down its rows, so every row reads them.
    expect(birth[col('信息资源名称')]).toBe('人口基本信息');
    expect(birth[col('信息资源代码')]).toBe('101001001/000001');
    expect(birth[col('类')]).toBe('1 基础信息资源类');
    expect(birth[col('细目')]).toBe('001 人口基本信息');
    expect(birth[col('共享类型')]).toBe('有条件共享');
    expect(birth[col('开放类型')]).toBe('不予开放');
    expect(birth[col('脱敏方式')]).toMatch(/^日期脱敏/);
    expect(birth[col('信息资源提供方')]).toBe('公安局');
    // Items stay grouped: every row of a resource follows the previous one.
    const codes = rows.slice(FIRST_DATA_ROW - 1).map((r) => r[col('信息资源代码')]);
    expect(codes).toEqual([...codes].sort());
    expect(sheet.views[0]).toMatchObject({ state: 'frozen', ySplit: HEADER_ROW });
    expect(sheet.getCell(FIRST_DATA_ROW, 1).font?.name).toBe(CJK_FONT);
    expect(sheet.getColumn(col('信息资源摘要') + 1).width).toBeGreaterThan(30);
  });

  it('keeps text that looks like a formula as text', async () => {
    const { sheet } = await sheetRows(
      await catalogueXlsx([hostile], { title: 't', created: new Date() }),
    );
    const c = CATALOGUE_COLUMNS.findIndex((x) => x.header === '信息项描述') + 1;
    expect(sheet.getCell(FIRST_DATA_ROW, c).type).toBe(ExcelJS.ValueType.String);
    expect(sheet.getCell(FIRST_DATA_ROW, c).value).toBe(hostile.description);
  });
});

describe('the catalogue as CSV', () => {
  it('starts with a UTF-8 BOM, then the headers and one row per data item (RFC 4180)', () => {
    const text = catalogueCsv(population).toString('utf8');
    expect(text.startsWith(UTF8_BOM)).toBe(true);
    const [header, ...rows] = text.slice(1).split('\r\n');
    expect(header).toBe(CATALOGUE_COLUMNS.map((c) => csvCell(c.header)).join(','));
    expect(rows.filter(Boolean)).toHaveLength(population.length);
    expect(rows.find((r) => r.split(',').includes('Person.birthDate'))).toContain(
      '101001001/000001',
    );
  });

  it('neutralises formula injection and escapes quotes and line breaks', () => {
    expect(csvCell('=1+1')).toBe(`'=1+1`);
    for (const start of ['+', '-', '@', '\t']) expect(csvCell(`${start}x`)).toBe(`'${start}x`);
    expect(csvCell('\rx')).toBe(`"'\rx"`);
    expect(csvCell('say "hi"')).toBe('"say ""hi"""');
    expect(csvCell('a,b\nc')).toBe('"a,b\nc"');
    const text = catalogueCsv([hostile]).toString('utf8');
    expect(text).toContain(`"'=HYPERLINK(""http://evil.example"",""点我"")"`);
    expect(text).toContain(`"'+1 ""quoted"", and\nmore"`);
  });
});

describe('the export file', () => {
  const at = new Date('2025-03-03T20:00:00Z'); // 04:00 on 4 March in China

  it('is named for the catalogue, the owner and the day in China, in ASCII and UTF-8', async () => {
    const file = await catalogueFile(population, 'csv', 'public-security', at);
    expect(file.contentType).toBe('text/csv; charset=utf-8');
    expect(file.disposition).toBe(
      `attachment; filename="resource-catalogue_public-security_2025-03-04.csv"; filename*=UTF-8''${encodeURIComponent('南通市政务信息资源目录_公安局_2025-03-04.csv')}`,
    );
    const whole = await catalogueFile(population, 'json', null, at);
    expect(whole.disposition).toContain('filename="resource-catalogue_all_2025-03-04.json"');
    expect(JSON.parse(whole.body.toString('utf8'))).toMatchObject({
      title: '南通市政务信息资源目录（全部部门）',
      generatedOn: '2025-03-04',
      owner: null,
      items: expect.arrayContaining([expect.objectContaining({ coordinate: 'Person.birthDate' })]),
    });
  });
});
