import { loadScripts } from './browser-scripts';

const Sjt = loadScripts([
  'sjt-session.js',
  'sjt-download.js',
  'sjt-apply-form.js',
  'sjt-applications.js',
  'sjt-catalogue-table.js',
  'sjt-catalogue.js',
]);

describe('session helpers', () => {
  it('refreshes a minute before the token ends, sooner for short ones, never after the session’s end', () => {
    const t0 = 1_000_000;
    expect(Sjt.refreshDelay(t0, t0, t0 + 15 * 60_000, t0 + 8 * 3600_000)).toBe(14 * 60_000);
    expect(Sjt.refreshDelay(t0, t0, t0 + 60_000, t0 + 3600_000)).toBe(48_000);
    expect(Sjt.refreshDelay(t0, t0, t0 + 15 * 60_000, t0 + 5 * 60_000)).toBe(5 * 60_000);
    // Overdue already: soon, not at once in a loop.
    expect(Sjt.refreshDelay(t0 + 20 * 60_000, t0, t0 + 15 * 60_000, t0 + 3600_000)).toBe(1000);
  });

  it('follows only paths on this origin after sign-out', () => {
    expect(Sjt.localPath('/auth/sign-in', '/x')).toBe('/auth/sign-in');
    for (const bad of [
      '//evil.example/',
      '/\\evil.example',
      'https://evil.example/',
      'javascript:alert(1)',
      null,
    ])
      expect(Sjt.localPath(bad, '/auth/sign-in')).toBe('/auth/sign-in');
  });

  it('signs out to the gateway’s next: a path here or the provider’s end-session URL, nothing else', () => {
    expect(Sjt.afterSignOut('/auth/sign-in', '/s')).toBe('/auth/sign-in');
    expect(Sjt.afterSignOut('http://127.0.0.1:4400/session/end?x=1', '/s')).toBe(
      'http://127.0.0.1:4400/session/end?x=1',
    );
    for (const bad of ['javascript:alert(1)', '//evil.example', 'https:///x', undefined])
      expect(Sjt.afterSignOut(bad, '/s')).toBe('/s');
  });

  it('remembers the purpose per tab, and forgets it when cleared', () => {
    Sjt.purposeStore.set('TAX_ADMINISTRATION');
    expect(Sjt.purposeStore.get()).toBe('TAX_ADMINISTRATION');
    Sjt.purposeStore.set(null);
    expect(Sjt.purposeStore.get()).toBeNull();
  });

  it('dates the sharing workflow in China Standard Time', () => {
    expect(Sjt.chinaToday(Date.parse('2025-03-03T17:00:00Z'))).toBe('2025-03-04');
  });
});

describe('download file names', () => {
  it('prefers the RFC 6266 UTF-8 name, and never keeps a folder', () => {
    expect(
      Sjt.filenameOf(`attachment; filename="a.csv"; filename*=UTF-8''%E7%BB%93%E6%9E%9C.csv`, 'x'),
    ).toBe('结果.csv');
    expect(Sjt.filenameOf('attachment; filename="result.xlsx"', 'x')).toBe('result.xlsx');
    expect(Sjt.filenameOf('attachment; filename=plain.csv', 'x')).toBe('plain.csv');
    expect(Sjt.filenameOf('attachment; filename="../../etc/passwd"', 'x')).toBe('.._.._etc_passwd');
    expect(Sjt.filenameOf(null, 'fallback.csv')).toBe('fallback.csv');
  });
});

describe('sharing application input', () => {
  it('names the items, the purpose, the justification and the terms asked for', () => {
    expect(
      Sjt.applicationInput({
        items: ['LegalEntity.contactPhone'],
        purpose: 'TAX_ADMINISTRATION',
        justification: '  税务检查  ',
        validUntil: '2030-12-31',
        clear: true,
        application: 'tax-collection',
      }),
    ).toEqual({
      items: ['LegalEntity.contactPhone'],
      purposes: ['TAX_ADMINISTRATION'],
      justification: '税务检查',
      clear: true,
      application: 'tax-collection',
      validUntil: '2030-12-31',
    });
    const whole = Sjt.applicationInput({
      items: ['A.b'],
      purpose: 'P',
      justification: 'j',
      validUntil: '',
      clear: false,
      application: null,
    });
    expect(whole).toEqual({ items: ['A.b'], purposes: ['P'], justification: 'j', clear: false });
  });
});

describe('applications', () => {
  it('reads every page, newest first', async () => {
    const pages: Record<string, any> = {
      first: {
        pageInfo: { hasNextPage: true, endCursor: 'c1' },
        nodes: [{ id: '1' }, { id: '2' }],
      },
      c1: { pageInfo: { hasNextPage: false, endCursor: null }, nodes: [{ id: '3' }] },
    };
    const asked: unknown[] = [];
    const list = await Sjt.loadApplications(
      async (_query: string, variables: { after: string | null }) => {
        asked.push(variables.after);
        return { data: { sharingApplications: pages[variables.after ?? 'first'] } };
      },
    );
    expect(list.map((a: any) => a.id)).toEqual(['3', '2', '1']);
    expect(asked).toEqual([null, 'c1']);
    await expect(
      Sjt.loadApplications(async () => ({ errors: [{ message: 'refused' }] })),
    ).rejects.toThrow('refused');
  });

  it('notices an owner’s answer between two loads', () => {
    const before = [
      { id: '1', status: 'PENDING' },
      { id: '2', status: 'PENDING' },
      { id: '3', status: 'APPROVED' },
    ];
    const after = [
      { id: '1', status: 'APPROVED' },
      { id: '2', status: 'PENDING' },
      { id: '3', status: 'APPROVED' },
      { id: '4', status: 'PENDING' },
    ];
    expect(Sjt.answeredSince(before, after).map((a: any) => a.id)).toEqual(['1']);
  });
});

describe('catalogue filters', () => {
  it('reads the known filters from the URL and writes back only those set', () => {
    const f = Sjt.catalogueFilters('?owner=tax&level=CONDITIONAL&evil=1&search=%E4%BA%BA');
    expect(f).toEqual({ search: '人', owner: 'tax', level: 'CONDITIONAL', resource: '', open: '' });
    expect(Sjt.catalogueQuery(f)).toBe('?search=%E4%BA%BA&owner=tax&level=CONDITIONAL');
    expect(Sjt.catalogueQuery({ search: '', owner: '' })).toBe('');
  });

  it('exports one owner’s entries when the owner filter is set, else the whole catalogue', () => {
    expect(Sjt.catalogueExportHref('/workbench/catalogue/export', 'xlsx', 'public-security')).toBe(
      '/workbench/catalogue/export?format=xlsx&owner=public-security',
    );
    expect(Sjt.catalogueExportHref('/e', 'csv', '')).toBe('/e?format=csv');
    expect(Sjt.catalogueExportHref('/e', 'json', 'a&b=c')).toBe('/e?format=json&owner=a%26b%3Dc');
  });
});
