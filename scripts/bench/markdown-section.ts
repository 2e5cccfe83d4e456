/**
 * Rewrites one delimited section of a Markdown file, keeping everything else as it is, so
 * several benchmarks (and hand-written notes) can share BENCHMARKS.md.
 */
import fs from 'node:fs';

export function replaceSection(text: string, name: string, content: string): string {
  const start = `<!-- bench:${name}:start -->`;
  const end = `<!-- bench:${name}:end -->`;
  const block = `${start}\n${content.trimEnd()}\n${end}`;
  const from = text.indexOf(start);
  const to = text.indexOf(end);
  if (from === -1 || to === -1 || to < from)
    return `${text.trimEnd()}${text.trim() ? '\n\n' : ''}${block}\n`;
  return `${text.slice(0, from)}${block}${text.slice(to + end.length)}`;
}

export function writeSection(
  file: string,
  name: string,
  content: string,
  title = '# Benchmarks',
): void {
  const text = fs.existsSync(file) ? fs.readFileSync(file, 'utf8') : `${title}\n`;
  fs.writeFileSync(file, replaceSection(text, name, content));
}
