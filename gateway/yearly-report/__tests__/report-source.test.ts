import { answerData, readReportSources, ReportSourceError } from '../report-source';

describe('an answer of the graph', () => {
  it('gives its data', () => {
    expect(answerData('{"data":{"a":1}}', 200)).toEqual({ a: 1 });
  });
  it('refuses a partial answer with its first error and code: a report is all or nothing', () => {
    const text = JSON.stringify({
      data: { a: 1 },
      errors: [{ message: 'no', extensions: { code: 'FORBIDDEN' } }],
    });
    expect(() => answerData(text, 200)).toThrow(new ReportSourceError('no', 'FORBIDDEN'));
    try {
      answerData(text, 200);
    } catch (err) {
      expect((err as ReportSourceError).code).toBe('FORBIDDEN');
    }
  });
  it('refuses a body that is not JSON, naming the status', () => {
    expect(() => answerData('<html>', 502)).toThrow('the gateway answered 502 without JSON');
  });
});

describe('reading the sources of a report', () => {
  it('reads every page of a connection with the cursor the graph gave', async () => {
    const seen: { field: string; after: unknown }[] = [];
    const empty = { nodes: [], pageInfo: { hasNextPage: false, endCursor: null } };
    const catalogueItem = (coordinate: string) => ({
      coordinate,
      ownerDepartment: { code: 'tax' },
      sharingLevel: 'UNCONDITIONAL',
      openAttribute: 'NOT_OPEN',
    });
    const sources = await readReportSources(async (query, variables) => {
      const field = /^\s*(\w+)/.exec(query.slice(query.indexOf('{') + 1))![1];
      seen.push({ field, after: variables.after });
      switch (field) {
        case 'departments':
          return { departments: [{ code: 'tax', name: '税务局', kind: 'CONSUMER' }] };
        case 'sharingStatistics':
          return { sharingStatistics: { upToDate: true, lines: [] } };
        case 'unconfirmedApplications':
          return { unconfirmedApplications: [{ id: 'tax-collection' }] };
        case 'catalogue':
          return variables.after === null
            ? {
                catalogue: {
                  nodes: [catalogueItem('A.a')],
                  pageInfo: { hasNextPage: true, endCursor: 'c1' },
                },
              }
            : { catalogue: { nodes: [catalogueItem('A.b')], pageInfo: empty.pageInfo } };
        default:
          return { [field]: { ...empty, upToDate: true } };
      }
    }, 2026);
    expect(sources.catalogue.map((c) => c.coordinate)).toEqual(['A.a', 'A.b']);
    expect(seen.filter((s) => s.field === 'catalogue').map((s) => s.after)).toEqual([null, 'c1']);
    expect(sources.unconfirmed).toEqual(['tax-collection']);
    expect(sources.usageUpToDate).toBe(true);
  });
});
