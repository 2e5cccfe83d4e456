import {
  codeLevelProblem,
  formatResourceCode,
  frontCode,
  parseResourceCode,
  resourceCodeProblem,
} from '../resource-code';

describe('resource code (信息资源代码)', () => {
  it('reads the front code as 类, 项, 目 and 细目, and the back code as the sequence', () => {
    expect(parseResourceCode('101001002/000003')).toEqual({
      classCode: '1',
      sectionCode: '01',
      divisionCode: '001',
      subdivisionCode: '002',
      sequence: '000003',
    });
    const parts = parseResourceCode('307001002/000006')!;
    expect(formatResourceCode(parts)).toBe('307001002/000006');
    expect(frontCode(parts)).toBe('307001002');
  });

  it.each([
    ['101001001000001', /slash/],
    ['10100100/000001', /9 digits/],
    ['101001001/00001', /6-digit sequence/],
    ['101001001/0000001', /6-digit/],
    ['1O1001001/000001', /not a resource code/],
    ['101001001/000001 ', /not a resource code/],
    ['101000001/000001', /all zeros/],
    ['101001001/000000', /all zeros/],
  ])('refuses %s', (code, why) => {
    expect(resourceCodeProblem(code)).toMatch(why);
    expect(parseResourceCode(code)).toBeNull();
  });

  it('accepts a well-formed code', () => {
    expect(resourceCodeProblem('104003002/000001')).toBeNull();
  });

  it('checks the width of a 目 or 细目 code', () => {
    expect(codeLevelProblem('division', '001')).toBeNull();
    expect(codeLevelProblem('division', '01')).toMatch(/目 code: 3 digits/);
    expect(codeLevelProblem('subdivision', '000')).toMatch(/细目/);
    expect(codeLevelProblem('subdivision', 'abc')).toMatch(/细目/);
  });
});
