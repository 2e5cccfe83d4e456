import {
  maskAddress,
  maskCertificateNumber,
  maskCoordinateText,
  maskDate,
  maskFreeText,
  maskIdNumber,
  maskName,
  maskPhone,
  roundCoordinate,
} from '..';

type Case = [input: string, expected: string];

const tables: Array<[kind: string, mask: (v: string) => string, cases: Case[]]> = [
  [
    'ID_NUMBER keeps the division code and the last four (DOMAIN.md)',
    maskIdNumber,
    [
      ['32060219900101123X', '320602********123X'],
      ['320602199001011234', '320602********1234'],
      ['3206021234', '**********'],
      ['', ''],
    ],
  ],
  [
    'PHONE keeps the prefix and the last four',
    maskPhone,
    [
      ['13800138000', '138****8000'],
      ['0513-85123456', '051******3456'],
      ['1234567', '*******'],
    ],
  ],
  [
    'NAME keeps the first character and stars the rest',
    maskName,
    [
      ['张三', '张*'],
      ['欧阳修', '欧**'],
      ['买买提·艾力', '买*****'],
      ['张', '*'],
      ['𠀋一', '𠀋*'],
    ],
  ],
  [
    'ADDRESS keeps the county and the town',
    maskAddress,
    [
      ['江苏省南通市崇川区和平桥街道人民中路12号3幢401室', '江苏省南通市崇川区和平桥街道***'],
      ['南通市如东县掘港镇青园北路8号', '南通市如东县掘港镇***'],
      ['江苏省南通市启东市汇龙镇人民中路1号', '江苏省南通市启东市汇龙镇***'],
      ['南通市海门区海门街道长江路100号', '南通市海门区海门街道***'],
      ['崇川区和平桥街道人民中路12号', '崇川区和平桥街道***'],
      ['南通市通州区某某路5号', '南通市通州区***'],
      ['人民中路12号', '***'],
    ],
  ],
  [
    'DATE keeps the year',
    maskDate,
    [
      ['1990-05-17', '1990-**-**'],
      ['1990', '1990-**-**'],
      ['May 1990', '****-**-**'],
    ],
  ],
  [
    'CERTIFICATE_NUMBER keeps the first two and last two',
    maskCertificateNumber,
    [
      ['JY13206020012345', 'JY************45'],
      ['ABCD', '****'],
    ],
  ],
  [
    'COORDINATES in text are rounded to two decimals',
    maskCoordinateText,
    [
      ['120.871234,32.014567', '120.87,32.01'],
      ['POINT(-0.126 51.5)', 'POINT(-0.13 51.5)'],
    ],
  ],
  [
    'FREE_TEXT hides everything',
    maskFreeText,
    [
      ['二〇二三年因盗窃被行政拘留十日', '***'],
      ['', '***'],
    ],
  ],
];

describe.each(tables)('%s', (_kind, mask, cases) => {
  it.each(cases)('%j → %j', (input, expected) => {
    expect(mask(input)).toBe(expected);
  });

  it.each(cases)('masking %j twice gives the same value', (input) => {
    expect(mask(mask(input))).toBe(mask(input));
  });
});

describe('roundCoordinate', () => {
  it.each([
    [120.871234, 120.87],
    [32.015, 32.02],
    [-0.126, -0.13],
    [120, 120],
  ])('%p → %p (about 1 km)', (input, expected) => {
    expect(roundCoordinate(input)).toBe(expected);
    expect(roundCoordinate(roundCoordinate(input))).toBe(expected);
  });

  it('leaves non-finite numbers alone rather than inventing a place', () => {
    expect(roundCoordinate(Number.NaN)).toBeNaN();
  });
});
