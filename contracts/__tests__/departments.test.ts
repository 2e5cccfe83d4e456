import {
  DEPARTMENTS,
  departmentByCode,
  isDepartmentCode,
  isPurposeCode,
  PLATFORM_DEPARTMENT,
  PURPOSES,
} from '../../domain/departments';
import { SUBGRAPHS } from '../subgraph-directory';

describe('department codes', () => {
  it('are unique kebab-case codes with Chinese and English names', () => {
    expect(new Set(DEPARTMENTS.map((d) => d.code)).size).toBe(DEPARTMENTS.length);
    for (const d of DEPARTMENTS) {
      expect(d.code).toMatch(/^[a-z]+(-[a-z]+)*$/);
      expect(d.name).toMatch(/[\u4e00-\u9fff]/);
      expect(d.nameEn).toMatch(/^[A-Z]/);
    }
  });

  it('include the owner of every subgraph, as an owner or the platform', () => {
    for (const s of SUBGRAPHS)
      expect([s.name, departmentByCode(s.owner)?.kind]).toEqual([
        s.name,
        s.owner === PLATFORM_DEPARTMENT ? 'PLATFORM' : 'OWNER',
      ]);
  });

  it('name exactly one platform department, the big data bureau', () => {
    expect(DEPARTMENTS.filter((d) => d.kind === 'PLATFORM').map((d) => d.code)).toEqual([
      'big-data-bureau',
    ]);
  });

  it('tell known codes from unknown ones', () => {
    expect(isDepartmentCode('civil-affairs')).toBe(true);
    expect(isDepartmentCode('Civil-Affairs')).toBe(false);
    expect(departmentByCode('tax')?.name).toBe('税务局');
  });
});

describe('use purposes', () => {
  it('are unique SCREAMING_CASE codes with a Chinese name', () => {
    expect(new Set(PURPOSES.map((p) => p.code)).size).toBe(PURPOSES.length);
    for (const p of PURPOSES) {
      expect(p.code).toMatch(/^[A-Z]+(_[A-Z]+)*$/);
      expect(p.name).toMatch(/[\u4e00-\u9fff]/);
    }
    expect(isPurposeCode('SOCIAL_ASSISTANCE')).toBe(true);
    expect(isPurposeCode('social_assistance')).toBe(false);
  });
});
