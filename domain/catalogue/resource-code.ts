/**
 * 信息资源代码: a front code (前段码), the resource's classification, then a slash and a back code
 * (后段码), the resource's sequence number within that classification.
 *
 * The guide fixes 类 at one digit, 项 at two and 目 at three, and leaves the widths of 细目 and
 * of the sequence to the catalogue. Nantong's catalogue fixes them at three and six digits, so
 * every code has one shape, e.g. 101001001/000001: 类 1, 项 01, 目 001, 细目 001, resource 1.
 */

export interface ResourceCodeParts {
  /** 类, one digit */
  readonly classCode: string;
  /** 项, two digits */
  readonly sectionCode: string;
  /** 目, three digits */
  readonly divisionCode: string;
  /** 细目, three digits */
  readonly subdivisionCode: string;
  /** 后段码, six digits */
  readonly sequence: string;
}

const CODE = /^(\d)(\d{2})(\d{3})(\d{3})\/(\d{6})$/;
export const RESOURCE_CODE_EXAMPLE = '101001001/000001';

/** Widths of each level's code, which `codeLevelProblem` checks. */
export const LEVEL_WIDTHS = { class: 1, section: 2, division: 3, subdivision: 3 } as const;

export function parseResourceCode(code: string): ResourceCodeParts | null {
  const m = CODE.exec(code);
  if (!m) return null;
  const [, classCode, sectionCode, divisionCode, subdivisionCode, sequence] = m;
  // Level codes count from 1: an all-zero level names no class.
  if ([classCode, sectionCode, divisionCode, subdivisionCode, sequence].some((p) => /^0+$/.test(p)))
    return null;
  return { classCode, sectionCode, divisionCode, subdivisionCode, sequence };
}

export function formatResourceCode(parts: ResourceCodeParts): string {
  return `${parts.classCode}${parts.sectionCode}${parts.divisionCode}${parts.subdivisionCode}/${parts.sequence}`;
}

/** The front code (前段码) a classification gives. */
export function frontCode(parts: Omit<ResourceCodeParts, 'sequence'>): string {
  return `${parts.classCode}${parts.sectionCode}${parts.divisionCode}${parts.subdivisionCode}`;
}

/** Why `code` is not a resource code, or null when it is one. */
export function resourceCodeProblem(code: string): string | null {
  if (!CODE.test(code))
    return `"${code}" is not a resource code (信息资源代码): 9 digits of classification (类 1, 项 2, 目 3, 细目 3), a slash and a 6-digit sequence, e.g. ${RESOURCE_CODE_EXAMPLE}`;
  if (!parseResourceCode(code))
    return `"${code}" has a level or sequence of all zeros: codes count from 1`;
  return null;
}

/** Why `code` is not a code of `level` (目 or 细目), or null. */
export function codeLevelProblem(level: 'division' | 'subdivision', code: string): string | null {
  const width = LEVEL_WIDTHS[level];
  if (!new RegExp(`^\\d{${width}}$`).test(code) || /^0+$/.test(code))
    return `"${code}" is not a ${level === 'division' ? '目' : '细目'} code: ${width} digits, not all zero`;
  return null;
}
