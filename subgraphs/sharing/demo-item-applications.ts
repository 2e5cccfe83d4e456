/**
 * The service network's applications for the approval items (事项授权): for each item, its
 * data list, for administrative approval, in clear (the window needs the real address, not a
 * masked one), answered by every owner. The seeder submits them through the ordinary workflow,
 * so each item grant passed the same checks and carries the owner's decision.
 */
import { ApprovalItemCatalogue, dataListOf } from './approval-items';
import type { DemoSharingApplication } from './demo-sharing-applications';
import { ITEM_PURPOSE } from './item-applications';

export function demoItemApplications(items: ApprovalItemCatalogue): DemoSharingApplication[] {
  return items.all.map((item) => ({
    department: 'big-data-bureau',
    application: 'service-network',
    item: item.code,
    items: dataListOf(item),
    purposes: [ITEM_PURPOSE],
    clear: true,
    submittedDaysAgo: 20,
    justification: `政务服务网办理“${item.name}”（事项编码 ${item.code}）：受理后按事项数据清单调取申请人数据，免于提交证照及复印件；仅限办件在办期间、经申请人授权的范围。`,
    answer: { afterDays: 3, approve: {} },
  }));
}
