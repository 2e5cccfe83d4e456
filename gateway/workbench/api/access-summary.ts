/** The one-line, bilingual explanation of a field's access shown beside it in the workbench. */
import type { DenialReason } from '../../policy/field-decision';
import type { FieldAccess } from './field-access';

export interface SummaryFacts {
  readonly access: FieldAccess;
  readonly reason: DenialReason | null;
  readonly mask: string | null;
  readonly owner: string | null;
  readonly ownerName: string | null;
  readonly grantPurposes: readonly string[];
  /** Served in the clear because a grant says so (not as the owner, not unconditionally). */
  readonly byGrant: boolean;
}

const MASK_NAMES: Readonly<Record<string, string>> = {
  ID_NUMBER: '身份证号',
  PHONE: '电话',
  NAME: '姓名',
  ADDRESS: '地址',
  DATE: '日期',
  CERTIFICATE_NUMBER: '证照号码',
  COORDINATES: '坐标',
  FREE_TEXT: '文本',
};

function ownerText(facts: SummaryFacts): { zh: string; en: string } {
  if (!facts.owner) return { zh: '数据提供部门', en: 'the owner department' };
  return { zh: facts.ownerName ?? facts.owner, en: facts.owner };
}

export function accessSummary(facts: SummaryFacts): string {
  const owner = ownerText(facts);
  const purposes = facts.grantPurposes.join(', ');
  switch (facts.access) {
    case 'OWNER':
      return '本部门数据，明文可读 / Your department owns this data: in the clear';
    case 'CLEAR':
      return facts.byGrant
        ? '依授权明文提供 / In the clear under your grant'
        : '无条件共享，明文提供 / Shared unconditionally: in the clear';
    case 'MASKED': {
      const mask = facts.mask ?? 'FREE_TEXT';
      const zh = `脱敏提供（${MASK_NAMES[mask] ?? mask}）`;
      const en = `Served masked (${mask})`;
      return purposes
        ? `${zh}；用途为 ${purposes} 时依授权明文 / ${en}; in the clear for ${purposes} under your grant`
        : `${zh} / ${en}`;
    }
    case 'NEEDS_GRANT':
      return facts.reason === 'GRANT_EXPIRED'
        ? `授权已过期，请向${owner.zh}重新申请 / Your grant has expired: apply to ${owner.en} again`
        : `有条件共享，需向${owner.zh}申请授权 / Conditionally shared: apply to ${owner.en} for a grant`;
    case 'NEEDS_PURPOSE':
      if (facts.reason === 'PURPOSE_REQUIRED')
        return `请声明使用用途（已授权：${purposes}） / Declare the purpose of the request (granted for ${purposes})`;
      return `当前用途未获授权，已授权用途：${purposes} / Not granted for the declared purpose; granted for ${purposes}`;
    case 'NOT_SHARED':
      return `不予共享，仅${owner.zh}可读 / Not shared: only ${owner.en} reads it`;
    case 'UNAVAILABLE':
      return '授权暂无法核验，暂不提供 / Grants cannot be checked now: withheld until they can';
    case 'CASE_ONLY':
      return '仅限办件使用：请求须注明办理中的办件（x-case） / For approval cases only: name the open case in header x-case';
  }
}
