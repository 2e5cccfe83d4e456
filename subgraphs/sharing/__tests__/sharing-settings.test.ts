import path from 'node:path';
import { catalogueFromSupergraph, loadSupergraphCatalogue } from '../coordinate-catalogue';
import { readSharingSettings } from '../sharing-settings';
import { TEST_SUPERGRAPH } from './sharing-fixture';

describe('readSharingSettings', () => {
  it('defaults to 10 working days, Monday to Friday, and the committed supergraph', () => {
    const s = readSharingSettings({});
    expect(s.replyWorkingDays).toBe(10);
    expect(s.calendar.holidays.size + s.calendar.makeUpWorkdays.size).toBe(0);
    expect(s.supergraphPath).toBe(path.resolve(__dirname, '../../../schema/supergraph.graphql'));
  });

  it('reads the reply limit and the holiday calendar', () => {
    const s = readSharingSettings({
      SHARING_REPLY_WORKING_DAYS: '15',
      SHARING_HOLIDAYS: '2025-10-01, 2025-10-02',
      SHARING_MAKEUP_WORKDAYS: '2025-09-28',
    });
    expect(s.replyWorkingDays).toBe(15);
    expect([...s.calendar.holidays]).toEqual(['2025-10-01', '2025-10-02']);
    expect([...s.calendar.makeUpWorkdays]).toEqual(['2025-09-28']);
  });

  it.each([
    [{ SHARING_REPLY_WORKING_DAYS: 'ten' }, /SHARING_REPLY_WORKING_DAYS/],
    [{ SHARING_REPLY_WORKING_DAYS: '0' }, /SHARING_REPLY_WORKING_DAYS/],
    [{ SHARING_HOLIDAYS: '2025-13-01' }, /SHARING_HOLIDAYS/],
    [{ SHARING_MAKEUP_WORKDAYS: 'tomorrow' }, /SHARING_MAKEUP_WORKDAYS/],
    [
      { SHARING_HOLIDAYS: '2025-10-01', SHARING_MAKEUP_WORKDAYS: '2025-10-01' },
      /both list 2025-10-01/,
    ],
  ])('refuses %j naming the variable', (env, message) => {
    expect(() => readSharingSettings(env)).toThrow(message);
  });
});

describe('the coordinate catalogue', () => {
  it('reads owners from the committed supergraph via contracts/subgraph-directory.ts', () => {
    const catalogue = loadSupergraphCatalogue(readSharingSettings({}).supergraphPath);
    expect(catalogue.field('Person.phone')).toMatchObject({
      level: 'CONDITIONAL',
      mask: 'PHONE',
      owners: ['public-security'],
    });
    expect(catalogue.fieldsOf('Household').length).toBeGreaterThan(0);
    expect(catalogue.field('Person.nope')).toBeUndefined();
  });

  it('fails on a missing supergraph file, saying how to make one', () => {
    expect(() => loadSupergraphCatalogue('/nonexistent/supergraph.graphql')).toThrow(
      /npm run compose/,
    );
  });

  it('fails on a subgraph that services.ts does not list, rather than guess its owner', () => {
    const sdl = TEST_SUPERGRAPH.replace(
      'CREDIT @join__graph(name: "credit"',
      'CREDIT @join__graph(name: "mystery"',
    );
    expect(() => catalogueFromSupergraph(sdl)).toThrow(/mystery/);
  });
});
