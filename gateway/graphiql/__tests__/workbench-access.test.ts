import { loadScripts } from './browser-scripts';

const Sjt = loadScripts([
  'sjt-session.js',
  'sjt-access-docs.js',
  'sjt-denials.js',
  'sjt-editor-marks.js',
]);

const PHONE = {
  level: 'CONDITIONAL',
  owner: 'market-regulation',
  ownerName: '市场监督管理局',
  condition: 'To contact the entity about a case_or *approval*.',
  mask: 'PHONE',
  access: 'NEEDS_GRANT',
  reason: 'NO_GRANT',
  grantPurposes: [],
  summary: '有条件共享，需向市场监督管理局申请授权',
};

const introspection = (): any => ({
  data: {
    __schema: {
      queryType: { name: 'Query' },
      types: [
        {
          kind: 'OBJECT',
          name: 'LegalEntity',
          fields: [
            { name: 'contactPhone', description: '联系电话', args: [] },
            { name: 'name', description: null, args: [] },
          ],
        },
        { kind: 'SCALAR', name: 'String', fields: null },
        {
          kind: 'INTERFACE',
          name: 'Holder',
          fields: [{ name: 'contactPhone', description: null, args: [] }],
        },
      ],
    },
  },
});

describe('enrichIntrospection', () => {
  it('puts the sharing class, the access and the owner, condition and mask before each described field’s own text', () => {
    const source = introspection();
    const out = Sjt.enrichIntrospection(source, {
      'LegalEntity.contactPhone': PHONE,
      'Holder.contactPhone': { ...PHONE, access: 'MASKED', reason: null },
    });
    const phone = out.data.__schema.types[0].fields[0].description;
    const [head, details, own] = phone.split('\n\n');
    expect(head).toBe(
      '〔共享 Sharing〕 有条件共享 Conditional · 你的权限 Your access: 需申请授权 Needs a grant',
    );
    expect(details).toContain('属主部门 Owner: 市场监督管理局 (market-regulation)');
    expect(details).toContain('脱敏 Mask: 电话 Phone');
    expect(details).toContain('原因 Reason: 无授权 No grant');
    expect(own).toBe('联系电话');
    expect(out.data.__schema.types[2].fields[0].description).toContain(
      '脱敏后可读 Readable masked',
    );
    // A field without an entry, and the input, stay as they were.
    expect(out.data.__schema.types[0].fields[1].description).toBeNull();
    expect(source.data.__schema.types[0].fields[0].description).toBe('联系电话');
  });

  it('shows conditions as text, never as Markdown', () => {
    const md = Sjt.accessMarkdown(PHONE);
    expect(md).toContain('case\\_or \\*approval\\*.');
    // No link, autolink or strike-through can form; the rest stays readable as it is.
    expect(Sjt.markdownText('[x](javascript:alert(1)) <http://a> ~~s~~ (a-b)')).toBe(
      '\\[x\\](javascript:alert(1)) \\<http://a> \\~\\~s\\~\\~ (a-b)',
    );
  });

  it('renders in GraphiQL’s Markdown (markdown-it, as GraphiQL sets it up) as plain text', () => {
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    const MarkdownIt = require('markdown-it');
    const html = new MarkdownIt({ breaks: true, linkify: true }).render(
      Sjt.accessMarkdown({
        ...PHONE,
        condition: '[see](javascript:alert(1)) *a* _b_ ~~c~~ <script>x</script> `d`',
      }),
    );
    expect(html).not.toMatch(/<(a|em|strong|s|code|script)\b/);
    expect(html).toContain(
      '[see](javascript:alert(1)) *a* _b_ ~~c~~ &lt;script&gt;x&lt;/script&gt; `d`',
    );
  });

  it('passes a result without a schema through (an error answer)', () => {
    const refused = { errors: [{ message: 'no' }] };
    expect(Sjt.enrichIntrospection(refused, {})).toBe(refused);
  });
});

describe('explorerCoordinate', () => {
  const type = (name: string) => ({ name, getFields: () => ({}) });
  const field = (name: string) => ({ name, type: {}, args: [] });
  it('names the field the documentation explorer shows, after its type', () => {
    expect(
      Sjt.explorerCoordinate([
        { name: 'Docs' },
        { name: 'LegalEntity', def: type('LegalEntity') },
        { name: 'contactPhone', def: field('contactPhone') },
      ]),
    ).toBe('LegalEntity.contactPhone');
  });
  it('is null on a type, an argument or the start', () => {
    expect(Sjt.explorerCoordinate([{ name: 'Docs' }])).toBeNull();
    expect(
      Sjt.explorerCoordinate([{ name: 'Docs' }, { name: 'Person', def: type('Person') }]),
    ).toBeNull();
    expect(
      Sjt.explorerCoordinate([
        { name: 'Docs' },
        { name: 'Query', def: type('Query') },
        { name: 'id', def: { name: 'id', type: {} } },
      ]),
    ).toBeNull();
  });
});

describe('denials and application items', () => {
  const result = {
    data: { legalEntities: null },
    errors: [
      {
        message: 'a',
        path: ['x', 0, 'contactPhone'],
        extensions: {
          code: 'FORBIDDEN_FIELD',
          reason: 'NO_GRANT',
          coordinate: 'LegalEntity.contactPhone',
        },
      },
      {
        message: 'a',
        path: ['x', 1, 'contactPhone'],
        extensions: {
          code: 'FORBIDDEN_FIELD',
          reason: 'NO_GRANT',
          coordinate: 'LegalEntity.contactPhone',
        },
      },
      {
        message: 'b',
        extensions: {
          code: 'FORBIDDEN_FIELD',
          reason: 'NOT_SHARED',
          coordinate: 'LegalEntity.riskClass',
        },
      },
      {
        message: 'c',
        extensions: {
          code: 'FORBIDDEN_FIELD',
          reason: 'NO_GRANT',
          coordinate: 'Holder.phone',
          decidedBy: 'Person.phone',
        },
      },
      { message: 'limit', extensions: { code: 'BAD_USER_INPUT' } },
    ],
  };

  it('reads the withheld fields of a result once per coordinate and reason, and nothing else', () => {
    const denials = Sjt.denialsOfResult(result);
    expect(denials.map((d: any) => [d.coordinate, d.reason])).toEqual([
      ['LegalEntity.contactPhone', 'NO_GRANT'],
      ['LegalEntity.riskClass', 'NOT_SHARED'],
      ['Holder.phone', 'NO_GRANT'],
    ]);
    expect(Sjt.denialsOfResult({ data: {} })).toEqual([]);
    expect(Sjt.denialsOfResult(null)).toEqual([]);
  });

  it('pre-checks what an application can cure, offers masked fields unchecked, and explains the rest', () => {
    const rows = Sjt.applicationItems(Sjt.denialsOfResult(result), {
      withheld: [{ coordinate: 'LegalEntity.contactPhone', reason: 'NO_GRANT', locations: [] }],
      masked: [
        { coordinate: 'LegalEntity.legalRepresentativeName', mask: 'NAME' },
        { coordinate: 'LegalEntity.contactPhone', mask: 'PHONE' },
      ],
    });
    expect(rows.map((r: any) => [r.coordinate, r.applicable, r.checked, r.masked])).toEqual([
      ['LegalEntity.contactPhone', true, true, false],
      ['LegalEntity.riskClass', false, false, false],
      // Applied for as the implementation whose rule withheld it.
      ['Person.phone', true, true, false],
      ['LegalEntity.legalRepresentativeName', true, false, true],
    ]);
    expect(Sjt.remedyOf('NOT_SHARED')).toMatch(/cannot be applied for/);
    expect(Sjt.remedyOf('PURPOSE_REQUIRED')).toMatch(/purpose/);
  });
});

describe('editor marks', () => {
  it('spans a field’s name, or its alias and name', () => {
    expect(Sjt.fieldSpan('    contactPhone', 4)).toEqual({ from: 4, to: 16 });
    expect(Sjt.fieldSpan('  phone : contactPhone { x }', 2)).toEqual({ from: 2, to: 22 });
    expect(Sjt.fieldSpan('  }', 2)).toBeNull();
  });

  it('places one mark per location of the dry-run, withheld and masked apart, each with its reason', () => {
    const lines = ['{', '  a { contactPhone', '  name }', '}'];
    const marks = Sjt.dryRunMarks(lines, {
      withheld: [
        {
          coordinate: 'A.contactPhone',
          reason: 'NO_GRANT',
          message: 'apply',
          locations: [
            { line: 2, column: 7 },
            { line: 2, column: 7 },
            { line: 9, column: 1 },
          ],
        },
      ],
      masked: [{ coordinate: 'A.name', mask: 'NAME', locations: [{ line: 3, column: 3 }] }],
    });
    expect(marks).toEqual([
      {
        line: 1,
        from: 6,
        to: 18,
        kind: 'withheld',
        title: '将被扣留 Withheld: A.contactPhone — 无授权 No grant. apply',
      },
      { line: 2, from: 2, to: 6, kind: 'masked', title: '将脱敏 Masked: A.name — 姓名 Name' },
    ]);
  });

  it('marks only the document the dry-run judged, and replaces its earlier marks', () => {
    const made: any[] = [];
    const editor = {
      text: 'query { a { b } }',
      getValue() {
        return this.text;
      },
      markText(from: any, to: any, options: any) {
        const mark = { from, to, options, cleared: false, clear: () => (mark.cleared = true) };
        made.push(mark);
        return mark;
      },
    };
    const marker = Sjt.createMarker();
    const dry = {
      withheld: [{ coordinate: 'A.b', reason: 'NO_GRANT', locations: [{ line: 1, column: 13 }] }],
      masked: [],
    };
    expect(marker.apply(editor, editor.text, dry)).toBe(1);
    expect(made[0].options.className).toBe('sjt-withheld');
    expect(made[0].options.attributes.title).toContain('A.b');
    expect(marker.apply(editor, 'query { a { c } }', dry)).toBe(0);
    expect(made[0].cleared).toBe(true);
    expect(made).toHaveLength(1);
  });
});
