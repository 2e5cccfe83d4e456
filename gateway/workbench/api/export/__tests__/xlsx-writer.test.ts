import ExcelJS from 'exceljs';
import { DATA_SHEET, NOTES_SHEET, xlsxBuffer } from '../xlsx-writer';

describe('the Excel writer', () => {
  it('writes a bold, frozen header, the rows as typed values, and the notes on a second sheet', async () => {
    const buffer = await xlsxBuffer(
      {
        columns: ['people.nodes.name', 'people.nodes.phone', 'people.totalCount'],
        rows: [
          ['张*', null, 2],
          ['=cmd|calc', null, 2],
        ],
      },
      [
        {
          kind: 'WITHHELD',
          path: 'people.nodes.0.phone',
          coordinate: 'Person.phone',
          detail: 'NO_GRANT',
          message: 'Person.phone is conditionally shared',
        },
      ],
      { title: 'People', created: new Date('2026-12-06T10:00:00Z') },
    );
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load(buffer as unknown as ArrayBuffer);
    const data = workbook.getWorksheet(DATA_SHEET)!;
    expect(data.getRow(1).values).toEqual([
      undefined,
      'people.nodes.name',
      'people.nodes.phone',
      'people.totalCount',
    ]);
    expect(data.getRow(1).font?.bold).toBe(true);
    expect(data.views[0]).toMatchObject({ state: 'frozen', ySplit: 1 });
    expect(data.getCell('A2').value).toBe('张*');
    expect(data.getCell('B2').value).toBeNull();
    expect(data.getCell('C2').value).toBe(2);
    // Text stays text: no formula is made of what a data subject typed.
    expect(data.getCell('A3').value).toBe('=cmd|calc');
    expect(data.getCell('A3').formula).toBeUndefined();
    const notes = workbook.getWorksheet(NOTES_SHEET)!;
    expect(notes.getRow(2).values).toEqual([
      undefined,
      'WITHHELD',
      'people.nodes.0.phone',
      'Person.phone',
      'NO_GRANT',
      'Person.phone is conditionally shared',
    ]);
  });
});
