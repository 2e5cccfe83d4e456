import { parseReportArgs } from '../report-options';

describe('npm run report options', () => {
  it('makes the city report of a year from the local gateway by default', () => {
    expect(parseReportArgs(['--year', '2026'], {})).toEqual({
      kind: 'report',
      options: {
        year: 2026,
        department: null,
        out: 'reports',
        gatewayUrl: 'http://127.0.0.1:4000/graphql',
        indicators: undefined,
        application: 'shujutong-gateway',
        operator: 'report-cli',
      },
    });
  });
  it('follows GATEWAY_PORT and takes one department, a folder and indicators', () => {
    const command = parseReportArgs(
      ['--year', '2025', '--department', 'tax', '--out', '/tmp/r', '--indicators', 'x.json'],
      { GATEWAY_PORT: '4100' },
    );
    expect(command).toMatchObject({
      options: {
        department: 'tax',
        out: '/tmp/r',
        indicators: 'x.json',
        gatewayUrl: 'http://127.0.0.1:4100/graphql',
      },
    });
  });
  it('refuses a missing or malformed year and an unknown option', () => {
    expect(() => parseReportArgs([], {})).toThrow('--year is required');
    expect(() => parseReportArgs(['--year', '26'], {})).toThrow('--year must be a year');
    expect(() => parseReportArgs(['--year', '2026', '--yeer', '1'], {})).toThrow(/yeer/);
    expect(() => parseReportArgs(['--year', '2026', '--gateway', 'not a url'], {})).toThrow(
      '--gateway must be a URL',
    );
  });
  it('prints its usage on --help', () => {
    expect(parseReportArgs(['--help'], {})).toEqual({ kind: 'help' });
  });
});
