import { grantCopyKey, readGrantCopy, signGrantCopy } from '../redis-grant-store';

const KEY = grantCopyKey(Buffer.from('a-test-signing-secret-of-32-characters!!'));
const snapshot = (department: string, version: string) =>
  JSON.stringify({
    status: 'LOADED',
    department,
    version,
    grants: [{ id: 'GR-1', coordinates: ['Person.phone'] }],
  });
const signed = (
  department: string,
  version: string,
  text = snapshot(department, version),
  namespace: string | null = 'blue',
  key = KEY,
) => ({
  version,
  snapshot: text,
  signature: signGrantCopy(key, namespace, department, version, text),
});

describe('grant copies in Redis', () => {
  it('are read back when signed with the deployment key for this department, version and namespace', () => {
    expect(readGrantCopy(KEY, 'blue', 'health', signed('health', '7'))).toMatchObject({
      kind: 'copy',
      snapshot: { department: 'health', version: '7' },
    });
  });

  it('are a plain miss when there is none', () => {
    expect(readGrantCopy(KEY, 'blue', 'health', {})).toEqual({ kind: 'none' });
  });

  const refused: [string, Record<string, string>, string][] = [
    ['unsigned', { version: '7', snapshot: snapshot('health', '7') }, 'unsigned'],
    [
      'signed with another key',
      signed(
        'health',
        '7',
        undefined,
        'blue',
        grantCopyKey(Buffer.from('another-secret-another-secret-00')),
      ),
      'bad signature',
    ],
    [
      'with the snapshot altered',
      {
        ...signed('health', '7'),
        snapshot: snapshot('health', '7').replace('Person.phone', 'Person.birthDate'),
      },
      'bad signature',
    ],
    ['with the version raised', { ...signed('health', '7'), version: '8' }, 'bad signature'],
    ['moved from another department', signed('tax', '7', snapshot('health', '7')), 'bad signature'],
    ['from another namespace', signed('health', '7', undefined, 'green'), 'bad signature'],
    [
      'with a truncated signature',
      { ...signed('health', '7'), signature: signed('health', '7').signature.slice(0, 10) },
      'bad signature',
    ],
    [
      'signed but naming another department inside',
      signed('health', '7', snapshot('tax', '7')),
      'malformed',
    ],
    ['signed but not JSON', signed('health', '7', 'not json'), 'malformed'],
  ];
  it.each(refused)('are refused when %s', (_, fields, why) => {
    expect(readGrantCopy(KEY, 'blue', 'health', fields)).toEqual({ kind: 'refused', why });
  });
});
