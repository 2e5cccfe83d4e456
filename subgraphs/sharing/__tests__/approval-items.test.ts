import { readFileSync } from 'node:fs';
import { buildFieldRules } from '../../../contracts/field-rules';
import { SUPERGRAPH_PATH } from '../../../contracts/schema-files';
import { ITEM_CODE_PATTERN } from '../../../domain/case-number';
import {
  ApprovalItem,
  createItemCatalogue,
  missingCoordinates,
  withinDataList,
} from '../approval-items';
import { catalogueFromSupergraph } from '../coordinate-catalogue';
import { DEMO_APPROVAL_ITEMS } from '../demo-approval-items';
import { splitItemsByOwner } from '../requested-items';

const supergraph = readFileSync(SUPERGRAPH_PATH, 'utf8');
const items = createItemCatalogue(DEMO_APPROVAL_ITEMS);

const item = (dataItems: string[], extra: Partial<ApprovalItem> = {}): ApprovalItem => ({
  code: 'ZF0101',
  name: '公共租赁住房申请',
  department: 'housing',
  timeLimitDays: 20,
  includesRepresentedEntities: false,
  dataItems: dataItems.map((coordinate) => ({ coordinate, reason: '测试' })),
  ...extra,
});

describe('the seeded approval items (政务服务事项)', () => {
  it('are the five Nantong items, with well-formed codes and time limits in working days', () => {
    expect(items.all.map((i) => [i.code, i.name.slice(0, 6)])).toEqual([
      ['BD0101', '不动产登记（'],
      ['CS0101', '出生一件事（'],
      ['DB0101', '最低生活保障'],
      ['GT0101', '个体工商户设'],
      ['ZF0101', '公共租赁住房'],
    ]);
    for (const i of items.all) {
      expect(i.code).toMatch(ITEM_CODE_PATTERN);
      expect(i.timeLimitDays).toBeGreaterThan(0);
      for (const d of i.dataItems) expect(d.reason).toMatch(/\S/);
    }
  });

  it("name only coordinates of the composed supergraph's field rules", () => {
    const rules = buildFieldRules(supergraph);
    const types = new Set([...rules.values()].map((r) => r.coordinate.split('.')[0]));
    for (const i of items.all) {
      for (const { coordinate } of i.dataItems) {
        const [typeName, field] = coordinate.split('.');
        if (field === '*')
          expect({ coordinate, exists: types.has(typeName) }).toEqual({ coordinate, exists: true });
        else
          expect({ coordinate, exists: rules.has(coordinate) }).toEqual({
            coordinate,
            exists: true,
          });
      }
      expect(missingCoordinates(i, catalogueFromSupergraph(supergraph))).toEqual([]);
    }
  });

  it('list only what an owner must grant, so the service network can apply for every whole list', () => {
    const catalogue = catalogueFromSupergraph(supergraph);
    for (const i of items.all) {
      const split = splitItemsByOwner(
        i.dataItems.map((d) => d.coordinate),
        true,
        'big-data-bureau',
        catalogue,
      );
      expect({ item: i.code, problems: split.ok ? [] : split.problems }).toEqual({
        item: i.code,
        problems: [],
      });
    }
  });

  it('refuses a malformed catalogue at start-up', () => {
    expect(() => createItemCatalogue([item(['Person.phone'], { code: 'zf0101' })])).toThrow(/code/);
    expect(() => createItemCatalogue([item(['Person.phone'], { department: 'nowhere' })])).toThrow(
      /unknown department/,
    );
    expect(() => createItemCatalogue([item([])])).toThrow(/no data items/);
    expect(() => createItemCatalogue([item(['Person phone'])])).toThrow(/no coordinate/);
    expect(() => createItemCatalogue([item(['Person.phone']), item(['Person.phone'])])).toThrow(
      /twice/,
    );
    expect(() => createItemCatalogue([item(['Person.phone'], { timeLimitDays: 0 })])).toThrow(
      /timeLimitDays/,
    );
  });
});

describe('what lies within an item data list', () => {
  const list = item(['Person.phone', 'Household.*', 'Certificate.address']);

  it.each([
    ['a listed field', 'Person.phone', false, true],
    ['a field of a listed whole type', 'Household.address', false, true],
    ['a listed whole type', 'Household.*', false, true],
    ['an unlisted field', 'Person.ethnicity', false, false],
    ['the whole of a type only partly listed, applied for', 'Certificate.*', false, false],
    ['the whole of a type only partly listed, consented to', 'Certificate.*', true, true],
    ['the whole of an unlisted type, consented to', 'LegalEntity.*', true, false],
    ['not a coordinate', 'Person', true, false],
  ])('%s: %s', (_name, entry, partsOfType, within) => {
    expect(withinDataList(list, entry, partsOfType)).toBe(within);
  });
});
