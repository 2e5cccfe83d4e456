import { parseDuration } from '../duration';
import { parseTokenArgs } from '../token-options';

describe('npm run token arguments', () => {
  it('reads a full set of options', () => {
    expect(
      parseTokenArgs([
        '--department',
        'civil-affairs',
        '--app',
        'minimum-living-allowance',
        '--operator',
        'zhang.wei',
        '--roles',
        'reviewer, clerk',
        '--ttl',
        '30m',
      ]),
    ).toEqual({
      kind: 'issue',
      request: {
        department: 'civil-affairs',
        application: 'minimum-living-allowance',
        operator: 'zhang.wei',
        roles: ['reviewer', 'clerk'],
        ttlSeconds: 1800,
      },
    });
  });

  it('defaults to a department-wide token for 8 hours', () => {
    expect(parseTokenArgs(['--department=tax'])).toEqual({
      kind: 'issue',
      request: {
        department: 'tax',
        application: null,
        operator: null,
        roles: [],
        ttlSeconds: 8 * 3600,
      },
    });
  });

  it('answers --help', () => {
    expect(parseTokenArgs(['--help'])).toEqual({ kind: 'help' });
  });

  it.each([
    [[], /--department is required/],
    [['--department', 'Tax'], /not a department code; known: .*civil-affairs/],
    [['--department', 'tax', '--ttl', '8'], /--ttl: "8" is not a duration/],
    [['--department', 'tax', '--ttl', '1h30m'], /--ttl/],
    [['--department', 'tax', '--ttl', '0s'], /--ttl: "0s" is not a positive duration/],
    [['--department', 'tax', '--ttl', '31d'], /--ttl: "31d" is longer than the 30d/],
    [
      ['--department', 'tax', '--app', 'Tax Collection'],
      /--app "Tax Collection" is not an application id/,
    ],
    [['--department', 'tax', '--operator', 'a b'], /--operator/],
    [['--department', 'tax', '--roles', 'admin,Root!'], /--roles: "Root!"/],
    [['--department', 'tax', '--departmnet', 'x'], /Unknown option '--departmnet'/],
    [['--department', 'tax', 'extra'], /positional/],
  ])('refuses %j', (argv, message) => {
    expect(() => parseTokenArgs(argv)).toThrow(message);
  });
});

describe('parseDuration', () => {
  it.each([
    ['90s', 90],
    ['30m', 1800],
    ['8h', 28_800],
    ['7d', 604_800],
    [' 2h ', 7200],
  ])('%s is %d seconds', (text, seconds) => {
    expect(parseDuration(text)).toBe(seconds);
  });

  it.each(['', 'h', '1.5h', '-1h', '1w', '8 h', '1h30m'])('refuses %j', (text) => {
    expect(() => parseDuration(text)).toThrow(/not a duration/);
  });
});
