import { chinaToday, creditStatusOf, isActiveListing, isActivePenalty } from '../credit-status';
import { CreditRecordRow } from '../credit-record-row';

type Columns = Pick<
  CreditRecordRow,
  'kind' | 'decided_on' | 'publicity_ends_on' | 'list_type' | 'removed_on'
>;

const licence: Columns = {
  kind: 'LICENSING',
  decided_on: '2015-03-01',
  publicity_ends_on: null,
  list_type: null,
  removed_on: null,
};
const penalty = (decided: string, ends: string): Columns => ({
  kind: 'PENALTY',
  decided_on: decided,
  publicity_ends_on: ends,
  list_type: null,
  removed_on: null,
});
const listing = (
  type: 'RED' | 'BLACK',
  listed: string,
  removed: string | null = null,
): Columns => ({
  kind: 'LIST_ENTRY',
  decided_on: listed,
  publicity_ends_on: null,
  list_type: type,
  removed_on: removed,
});

const TODAY = '2024-06-15';

describe('credit status', () => {
  it('rates a subject without adverse records B, and without any records too', () => {
    expect(creditStatusOf([licence], TODAY)).toMatchObject({
      rating: 'B',
      onRedList: false,
      onBlackList: false,
      activePenalties: 0,
      lastUpdated: '2015-03-01',
    });
    expect(creditStatusOf([], TODAY)).toMatchObject({
      rating: 'B',
      activePenalties: 0,
      lastUpdated: null,
      asOf: TODAY,
    });
  });

  it('rates A while on a red list, and B again once removed', () => {
    expect(creditStatusOf([licence, listing('RED', '2024-01-10')], TODAY)).toMatchObject({
      rating: 'A',
      onRedList: true,
    });
    expect(
      creditStatusOf([licence, listing('RED', '2023-01-10', '2024-01-10')], TODAY),
    ).toMatchObject({ rating: 'B', onRedList: false, lastUpdated: '2024-01-10' });
  });

  it('rates C while a penalty is in publicity, including its last day, and counts such penalties', () => {
    const records = [
      licence,
      penalty('2023-06-15', '2024-06-14'),
      penalty('2024-02-01', '2025-01-31'),
      penalty('2024-03-01', '2024-06-15'),
    ];
    expect(creditStatusOf(records, TODAY)).toMatchObject({ rating: 'C', activePenalties: 2 });
    expect(isActivePenalty(records[3], TODAY)).toBe(true);
    expect(isActivePenalty(records[1], TODAY)).toBe(false);
  });

  it('lets an active penalty outweigh a red listing', () => {
    expect(
      creditStatusOf([listing('RED', '2024-01-10'), penalty('2024-02-01', '2025-01-31')], TODAY),
    ).toMatchObject({ rating: 'C', onRedList: true });
  });

  it('rates D on a black list whatever else holds', () => {
    const records = [
      listing('RED', '2024-01-10'),
      listing('BLACK', '2024-03-01'),
      penalty('2023-12-01', '2026-11-30'),
    ];
    expect(creditStatusOf(records, TODAY)).toMatchObject({
      rating: 'D',
      onBlackList: true,
      onRedList: true,
      activePenalties: 1,
    });
  });

  it('ends a listing on the day of its removal', () => {
    expect(isActiveListing(listing('BLACK', '2022-01-01', TODAY), TODAY)).toBe(false);
    expect(isActiveListing(listing('BLACK', '2022-01-01', '2024-06-16'), TODAY)).toBe(true);
  });

  it('ignores records dated after the day asked about', () => {
    expect(
      creditStatusOf([listing('BLACK', '2024-07-01'), penalty('2024-07-01', '2025-06-30')], TODAY),
    ).toMatchObject({ rating: 'B', lastUpdated: null });
  });

  it('dates the last change on the day after a publicity period ends', () => {
    expect(creditStatusOf([penalty('2023-01-10', '2024-01-09')], TODAY).lastUpdated).toBe(
      '2024-01-10',
    );
  });

  it('raises the internal risk score with adverse records and keeps it within 0-100', () => {
    const clean = creditStatusOf([licence], TODAY).riskScore;
    const penalised = creditStatusOf([penalty('2024-02-01', '2025-01-31')], TODAY).riskScore;
    const black = creditStatusOf(
      [
        listing('BLACK', '2024-03-01'),
        penalty('2024-02-01', '2025-01-31'),
        penalty('2024-02-02', '2025-01-31'),
        penalty('2024-02-03', '2025-01-31'),
      ],
      TODAY,
    ).riskScore;
    expect(penalised).toBeGreaterThan(clean);
    expect(black).toBe(100);
    expect(creditStatusOf([listing('RED', '2024-01-10')], TODAY).riskScore).toBeGreaterThanOrEqual(
      0,
    );
  });

  it('reads today by the China calendar', () => {
    expect(chinaToday(new Date('2024-06-14T16:30:00Z'))).toBe('2024-06-15');
    expect(chinaToday(new Date('2024-06-14T15:30:00Z'))).toBe('2024-06-14');
  });
});
