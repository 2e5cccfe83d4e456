import { csvCell, csvText, UTF8_BOM } from '../csv-text';

describe('the CSV writer', () => {
  it('starts with a BOM, ends lines with CRLF and quotes as RFC 4180 says', () => {
    const text = csvText(
      ['a', 'b', 'c'],
      [
        ['南通市, 崇川区', 'say "hi"', 'line1\nline2'],
        [1, true, null],
      ],
    );
    expect(text.startsWith(UTF8_BOM)).toBe(true);
    expect(text.slice(1)).toBe(
      'a,b,c\r\n"南通市, 崇川区","say ""hi""","line1\nline2"\r\n1,true,\r\n',
    );
  });

  it('neutralises text that a spreadsheet would run as a formula, but not numbers', () => {
    expect(csvCell('=HYPERLINK("http://x","y")')).toBe(`"'=HYPERLINK(""http://x"",""y"")"`);
    expect(csvCell('+1')).toBe("'+1");
    expect(csvCell('-2+3')).toBe("'-2+3");
    expect(csvCell('@SUM(A1)')).toBe("'@SUM(A1)");
    expect(csvCell('\tcmd')).toBe("'\tcmd");
    expect(csvCell('\r=1')).toBe(`"'\r=1"`);
    expect(csvCell(-5)).toBe('-5');
    expect(csvCell('a=b')).toBe('a=b');
  });
});
