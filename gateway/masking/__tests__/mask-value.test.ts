import { maskValue } from '..';

describe('maskValue', () => {
  it('keeps null as null', () => {
    expect(maskValue('ID_NUMBER', null)).toBeNull();
    expect(maskValue('NAME', undefined)).toBeNull();
  });

  it('masks every element of a list', () => {
    expect(maskValue('PHONE', ['13800138000', null, '13912345678'])).toEqual([
      '138****8000',
      null,
      '139****5678',
    ]);
  });

  it('rounds the numeric leaves of an object under COORDINATES and keeps its shape', () => {
    expect(
      maskValue('COORDINATES', {
        __typename: 'GeoPoint',
        longitude: 120.871234,
        latitude: 32.014567,
      }),
    ).toEqual({
      __typename: 'GeoPoint',
      longitude: 120.87,
      latitude: 32.01,
    });
  });

  it('masks string leaves of an object under a text mask, keeping __typename', () => {
    expect(maskValue('FREE_TEXT', { __typename: 'Note', text: 'secret', tags: ['a'] })).toEqual({
      __typename: 'Note',
      text: '***',
      tags: ['***'],
    });
  });

  it('withholds a number or boolean under a text mask instead of returning it in clear', () => {
    expect(maskValue('ID_NUMBER', 320602199001011)).toBeNull();
    expect(maskValue('NAME', true)).toBeNull();
  });

  it('is idempotent on nested values', () => {
    const once = maskValue('COORDINATES', [{ p: { x: 1.23456 } }, 'at 120.8765,32.0123']);
    expect(maskValue('COORDINATES', once)).toEqual(once);
    expect(once).toEqual([{ p: { x: 1.23 } }, 'at 120.88,32.01']);
  });
});
