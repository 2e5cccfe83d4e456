import { replaceSection } from '../markdown-section';

describe('replaceSection', () => {
  it('replaces only the named section and keeps the rest of the file', () => {
    const text =
      '# Benchmarks\n\nintro\n\n<!-- bench:gateway:start -->\nold\n<!-- bench:gateway:end -->\n\n## Seeding\nkept\n';
    expect(replaceSection(text, 'gateway', 'new table\n')).toBe(
      '# Benchmarks\n\nintro\n\n<!-- bench:gateway:start -->\nnew table\n<!-- bench:gateway:end -->\n\n## Seeding\nkept\n',
    );
  });

  it('appends the section when the file has none', () => {
    expect(replaceSection('# Benchmarks\n', 'gateway', 'table')).toBe(
      '# Benchmarks\n\n<!-- bench:gateway:start -->\ntable\n<!-- bench:gateway:end -->\n',
    );
  });

  it('leaves other sections with similar markers alone', () => {
    const text = '<!-- bench:audit:start -->\naudit\n<!-- bench:audit:end -->\n';
    expect(replaceSection(text, 'gateway', 'g')).toContain(
      '<!-- bench:audit:start -->\naudit\n<!-- bench:audit:end -->',
    );
  });
});
