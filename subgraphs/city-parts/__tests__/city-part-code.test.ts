import { GraphQLError } from 'graphql';
import { buildCityPartCode, parseCityPartCode, requireCityPartCode } from '../city-part-code';
import { CLASS_CODES, SUBCLASSES } from '../part-catalogue';

describe('component codes (部件标识码)', () => {
  it('builds county + subclass + six-digit serial and parses it back', () => {
    const code = buildCityPartCode('320602', '0103', 42);
    expect(code).toBe('3206020103000042');
    expect(parseCityPartCode(code)).toEqual({
      countyCode: '320602',
      class: 'PUBLIC_UTILITIES',
      subclassCode: '0103',
      serial: 42,
    });
  });

  it('refuses a serial that does not fit six digits', () => {
    expect(() => buildCityPartCode('320602', '0103', 1_000_000)).toThrow(RangeError);
    expect(() => buildCityPartCode('320602', '0103', 0)).toThrow(RangeError);
  });

  it.each([
    ['320602010300004', 'FORMAT'],
    ['32060201030000421', 'FORMAT'],
    ['3206020103A00042', 'FORMAT'],
    ['3206000103000042', 'UNKNOWN_COUNTY'],
    ['1101010103000042', 'UNKNOWN_COUNTY'],
    ['3206020703000042', 'UNKNOWN_CLASS'],
    ['3206020003000042', 'UNKNOWN_CLASS'],
    ['3206020100000042', 'SERIAL'],
    ['3206020103000000', 'SERIAL'],
  ])('rejects %s (%s)', (code, kind) => {
    expect(parseCityPartCode(code)).toMatchObject({ kind });
  });

  it('raises BAD_USER_INPUT naming the argument and the problem', () => {
    try {
      requireCityPartCode('code', '3206020703000042');
      throw new Error('accepted a malformed code');
    } catch (err) {
      expect((err as GraphQLError).extensions).toMatchObject({
        code: 'BAD_USER_INPUT',
        argumentName: 'code',
        problem: 'UNKNOWN_CLASS',
      });
    }
  });

  it('catalogues subclasses under the class their code begins with, each code once', () => {
    for (const s of SUBCLASSES) expect(s.code.slice(0, 2)).toBe(CLASS_CODES[s.class]);
    expect(new Set(SUBCLASSES.map((s) => s.code)).size).toBe(SUBCLASSES.length);
  });
});
