import { randomBytes } from 'node:crypto';
import { GraphQLObjectType, GraphQLString } from 'graphql';
import { connectionBinding, createCursorCodec } from '../cursor-codec';
import { cursorFor, PageArgs, pageRequest, toConnection } from '../connection';

const SECRET = randomBytes(32);
const codec = createCursorCodec(SECRET);
const PEOPLE = connectionBinding('Query.people', { regionCode: '320602', first: 20, after: null });
const ID = '320602199001011234';
const sealed = codec.seal(PEOPLE, ID);

const flipped = (cursor: string, i: number) => {
  const raw = Buffer.from(cursor, 'base64url');
  raw[i] ^= 0x01;
  return raw.toString('base64url');
};

describe('page cursors', () => {
  it('open to the key they were sealed with, in the connection they were sealed for', () => {
    expect(codec.open(PEOPLE, sealed)).toBe(ID);
    expect(codec.seal(PEOPLE, ID)).toBe(sealed);
  });

  it('carry neither the key nor any part of it, readable or decoded', () => {
    const decoded = Buffer.from(sealed, 'base64url');
    expect(sealed).not.toContain(ID);
    expect(decoded.toString('latin1')).not.toContain(ID.slice(6, 14));
    expect(decoded.toString('utf8')).not.toContain('320602');
  });

  it('ignore paging arguments and absent filters in the binding, but not filters', () => {
    expect(
      connectionBinding('Query.people', {
        regionCode: '320602',
        first: 5,
        after: 'x',
        extra: null,
      }),
    ).toBe(PEOPLE);
    expect(connectionBinding('Query.people', { regionCode: '320603' })).not.toBe(PEOPLE);
  });

  const refused: [string, string, string][] = [
    ['a hand-made cursor of the old format', PEOPLE, Buffer.from(`k:${ID}`).toString('base64url')],
    ['a hand-made cursor in base64', PEOPLE, Buffer.from(`k:${ID}`).toString('base64')],
    ['an empty string', PEOPLE, ''],
    ['text that is not base64url', PEOPLE, 'not a cursor!'],
    ['the version byte changed', PEOPLE, flipped(sealed, 0)],
    ['the nonce altered', PEOPLE, flipped(sealed, 3)],
    ['the ciphertext altered', PEOPLE, flipped(sealed, 14)],
    ['the tag altered', PEOPLE, flipped(sealed, Buffer.from(sealed, 'base64url').length - 1)],
    ['truncated by one character', PEOPLE, sealed.slice(0, -1)],
    ['truncated to the header', PEOPLE, sealed.slice(0, 16)],
    ['extended', PEOPLE, `${sealed}AA`],
    [
      'from another connection',
      connectionBinding('Query.legalEntities', { regionCode: '320602' }),
      sealed,
    ],
    ['from another filter', connectionBinding('Query.people', { regionCode: '320603' }), sealed],
    ['from another deployment', PEOPLE, createCursorCodec(randomBytes(32)).seal(PEOPLE, ID)],
    ['very long', PEOPLE, 'A'.repeat(5000)],
  ];
  it.each(refused)('refuse %s', (_, binding, cursor) => {
    expect(codec.open(binding, cursor)).toBeNull();
  });
});

describe('connections', () => {
  const info = {
    parentType: new GraphQLObjectType({
      name: 'Query',
      fields: { people: { type: GraphQLString } },
    }),
    fieldName: 'people',
  };
  const ctx = { caller: null, cursors: codec };
  const args = { regionCode: '320602', first: 2 };

  it('page on with their own cursors and refuse any other with BAD_USER_INPUT', () => {
    const page = pageRequest(args, ctx, { info });
    const connection = toConnection(
      [ID, '320602199001021230', '320602199001031236'],
      page,
      (k) => k,
      async () => 3,
    );
    expect(connection.edges.map((e) => e.cursor).join(' ')).not.toContain('3206');
    expect(
      pageRequest({ ...args, after: connection.pageInfo.endCursor }, ctx, { info }).afterKey,
    ).toBe('320602199001021230');
    expect(connection.pageInfo.endCursor).toBe(
      cursorFor(SECRET, 'Query.people', args, '320602199001021230'),
    );
    for (const after of [
      Buffer.from(`k:${ID}`).toString('base64url'),
      flipped(connection.pageInfo.endCursor!, 5),
    ]) {
      expect(() => pageRequest({ ...args, after }, ctx, { info })).toThrow(
        expect.objectContaining({
          extensions: expect.objectContaining({ code: 'BAD_USER_INPUT', problem: 'CURSOR' }),
        }),
      );
    }
    const otherRegion: PageArgs & { regionCode: string } = {
      regionCode: '320603',
      after: connection.pageInfo.endCursor,
    };
    expect(() => pageRequest(otherRegion, ctx, { info })).toThrow(
      /not a cursor returned by this connection/,
    );
    expect(() =>
      pageRequest({ ...args, after: connection.pageInfo.endCursor }, ctx, {
        info,
        scope: { region: '320602' },
      }),
    ).toThrow(/not a cursor/);
  });
});
