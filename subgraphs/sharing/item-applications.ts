/**
 * A sharing application for an approval item (事项授权): the owners approve the item's data list
 * through the ordinary workflow, so the owner still decides, and the grant that results names
 * the item. Such an application may ask for nothing beyond the item's data list, and only for
 * administrative approval: the data serves cases of that item and nothing else.
 */
import { badUserInput } from '../kit/user-input';
import { ApprovalItem, ApprovalItemCatalogue, requireItem, withinDataList } from './approval-items';

export const ITEM_PURPOSE = 'ADMINISTRATIVE_APPROVAL';

/** The item applied for (null: a standing application), its terms checked. */
export function requireItemTerms(
  items: ApprovalItemCatalogue,
  code: string | null | undefined,
  requested: readonly string[],
  purposes: readonly string[],
): ApprovalItem | null {
  if (code === null || code === undefined) return null;
  const item = requireItem(items, 'item', code);
  if (!purposes.includes(ITEM_PURPOSE))
    throw badUserInput(
      'purposes',
      `an application for item ${item.code} is for ${ITEM_PURPOSE}: name it among the purposes`,
      { problem: 'ITEM_PURPOSE' },
    );
  const outside = requested.filter((c) => !withinDataList(item, c));
  if (outside.length > 0)
    throw badUserInput(
      'items',
      `${outside.join(', ')} ${outside.length === 1 ? 'is' : 'are'} not in the data list of item ${item.code} (${item.name})`,
      { problem: 'NOT_IN_ITEM', coordinates: outside },
    );
  return item;
}
