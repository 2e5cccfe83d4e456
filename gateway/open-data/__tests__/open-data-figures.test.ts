import { openDataFigures, OpenDataRecord } from '../open-data-figures';

const record = (over: Partial<OpenDataRecord>): OpenDataRecord => ({
  time: '2026-03-01T02:00:00.000Z',
  delivery: 'OPEN_DATA',
  clientAddress: '203.0.113.1',
  fieldsServed: ['Query.regions', 'Region.code', 'Region.name'],
  outcome: 'ok',
  ...over,
});

describe('the open-data figures of a period', () => {
  it('count open-data records only, by delivery, China month, resource and client', () => {
    const figures = openDataFigures([
      record({}),
      // 2026-03-31T20:00Z is already April in China.
      record({
        time: '2026-03-31T20:00:00.000Z',
        delivery: 'OPEN_DATA_CSV',
        clientAddress: '203.0.113.2',
      }),
      record({ fieldsServed: [], outcome: 'refused', delivery: 'OPEN_DATA_JSON' }),
      record({ delivery: undefined }),
      record({ delivery: 'EXPORT_CSV' }),
    ]);
    expect(figures).toEqual({
      requests: 3,
      byDelivery: { OPEN_DATA: 1, OPEN_DATA_CSV: 1, OPEN_DATA_JSON: 1 },
      byMonth: { '2026-03': 2, '2026-04': 1 },
      distinctClients: 2,
      byResourceType: { Region: 2 },
      notOk: 1,
    });
  });
});
