import { CITY_PART_CLASSES } from '../part-catalogue';
import { GroupCount, tallyByClass } from '../part-counts';

const groups: GroupCount[] = [
  { townCode: '320602001', class: 'PUBLIC_UTILITIES', status: 'IN_SERVICE', count: 5 },
  { townCode: '320602001', class: 'PUBLIC_UTILITIES', status: 'DAMAGED', count: 2 },
  { townCode: '320602002', class: 'PUBLIC_UTILITIES', status: 'IN_SERVICE', count: 1 },
  { townCode: '320612101', class: 'LANDSCAPING', status: 'MISSING', count: 4 },
];

describe('tallyByClass', () => {
  it('sums the towns a region holds, per class and status', () => {
    const counts = tallyByClass(groups, (town) => town.startsWith('320602'));
    const utilities = counts.find((c) => c.class === 'PUBLIC_UTILITIES');
    expect(utilities?.total).toBe(8);
    expect(utilities?.byStatus.find((s) => s.status === 'IN_SERVICE')?.count).toBe(6);
    expect(utilities?.byStatus.find((s) => s.status === 'DAMAGED')?.count).toBe(2);
    expect(counts.find((c) => c.class === 'LANDSCAPING')?.total).toBe(0);
  });

  it('lists every class and every status, zeros included, in a fixed order', () => {
    const counts = tallyByClass([], () => true);
    expect(counts.map((c) => c.class)).toEqual(CITY_PART_CLASSES);
    expect(counts.every((c) => c.total === 0 && c.byStatus.length === 5)).toBe(true);
  });
});
