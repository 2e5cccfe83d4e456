import { HttpError } from '../../../../../contracts/http/http-error';
import { exportDelivery } from '../export-delivery';
import { chinaStamp, exportFile, exportFilename } from '../export-file';

const held = (body: unknown, status = 200) => ({
  status,
  headers: [['content-type', 'application/json']] as [string, string][],
  body: JSON.stringify(body),
});

describe('the export delivery', () => {
  it('refuses a mutation (and a subscription) before it runs, and names a query for its file', () => {
    const delivery = exportDelivery('csv');
    expect(delivery.kind).toBe('EXPORT_CSV');
    expect(() =>
      delivery.admit!({ query: 'mutation M { closeCase(number: "x") { number } }' }),
    ).toThrow(HttpError);
    try {
      delivery.admit!({
        query: 'query Q { a } mutation M { b }',
        operationName: 'M',
      });
      throw new Error('not refused');
    } catch (err) {
      expect(err).toMatchObject({
        status: 400,
        code: 'BAD_REQUEST',
        extensions: { problem: 'NOT_EXPORTABLE' },
      });
    }
    expect(() => delivery.admit!({ query: 'subscription S { a }' })).toThrow(HttpError);
    delivery.admit!({ query: 'query People { a } mutation M { b }', operationName: 'People' });
    expect(delivery.operationName()).toBe('People');
    // What does not parse or resolve is left to GraphQL to answer.
    expect(() => delivery.admit!({ query: '{ broken' })).not.toThrow();
    expect(() => delivery.admit!({ query: 'query A { a } query B { b }' })).not.toThrow();
    expect(() => delivery.admit!('not json')).not.toThrow();
    expect(exportDelivery('xlsx').kind).toBe('EXPORT_XLSX');
  });

  it('prepares rows and notes from a served response, and leaves errors-only responses to JSON', () => {
    const delivery = exportDelivery('csv');
    const prepared = delivery.prepare(
      held({
        data: { person: { name: '张*', phone: null } },
        errors: [
          {
            message: 'Person.phone is conditionally shared',
            path: ['person', 'phone'],
            extensions: { code: 'FORBIDDEN_FIELD', reason: 'NO_GRANT', coordinate: 'Person.phone' },
          },
        ],
        extensions: { sharingPolicy: { masked: [{ coordinate: 'Person.name', mask: 'NAME' }] } },
      }),
    );
    expect(prepared!.table).toEqual({
      columns: ['person.name', 'person.phone'],
      rows: [['张*', null]],
    });
    expect(prepared!.notes.map((n) => [n.kind, n.coordinate, n.detail])).toEqual([
      ['WITHHELD', 'Person.phone', 'NO_GRANT'],
      ['MASKED', 'Person.name', 'NAME'],
    ]);
    expect(delivery.prepare(held({ errors: [{ message: 'x' }] }, 200))).toBeNull();
    expect(delivery.prepare(held({ errors: [{ message: 'x' }] }, 401))).toBeNull();
  });

  it('refuses a result past the row bound with a limit the caller can read', () => {
    const delivery = exportDelivery('csv', 2);
    try {
      delivery.prepare(held({ data: { list: [{ a: 1 }, { a: 2 }, { a: 3 }] } }));
      throw new Error('not refused');
    } catch (err) {
      expect(err).toMatchObject({
        status: 400,
        extensions: { problem: 'EXPORT_TOO_LARGE', limit: { name: 'exportRows', max: 2 } },
      });
    }
  });
});

describe('the export file', () => {
  const at = new Date('2026-12-06T10:15:30Z');

  it('is named by operation and China time, and never by anything but a GraphQL name', () => {
    expect(chinaStamp(at)).toBe('20261206-181530');
    expect(exportFilename('People', 'csv', at)).toBe('People-20261206-181530.csv');
    expect(exportFilename(null, 'xlsx', at)).toBe('export-20261206-181530.xlsx');
    expect(exportFilename('a"b\r\nx', 'csv', at)).toBe('export-20261206-181530.csv');
  });

  it('summarises withheld and masked fields in headers that cannot be split', async () => {
    const file = await exportFile(
      {
        table: { columns: ['a'], rows: [['x']] },
        notes: [
          {
            kind: 'WITHHELD',
            path: 'a',
            coordinate: 'Person.phone\r\nSet-Cookie: x',
            detail: 'NO_GRANT',
            message: '',
          },
          { kind: 'MASKED', path: '', coordinate: 'Person.name', detail: 'NAME', message: '' },
          { kind: 'ERROR', path: '', coordinate: '', detail: 'SUBGRAPH_UNAVAILABLE', message: '' },
        ],
      },
      'csv',
      'Q',
      at,
    );
    expect(file.headers).toMatchObject({
      'content-type': 'text/csv; charset=utf-8',
      'content-disposition': 'attachment; filename="Q-20261206-181530.csv"',
      'x-export-rows': '1',
      'x-export-withheld': 'Person.phoneSet-Cookie:x=NO_GRANT',
      'x-export-masked': 'Person.name=NAME',
      'x-export-errors': '1',
    });
    for (const value of Object.values(file.headers)) expect(value).not.toMatch(/[\r\n]/);
    expect(file.body.subarray(0, 3)).toEqual(Buffer.from([0xef, 0xbb, 0xbf]));
  });
});
