import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { parse, validate } from 'graphql';
import { Supergraph } from '@apollo/federation-internals';
import { checkManifest, manifestDocuments, PERSISTED_DIR } from '../persisted-manifest';
import { sha256Hex } from '../persisted-documents';

const SUPERGRAPH = path.resolve(__dirname, '../../../schema/supergraph.graphql');

describe('the persisted-document manifest in the repository', () => {
  const documents = manifestDocuments();

  it('lists the service network’s applicant profile and entity pull', () => {
    expect(documents.map((d) => [d.name, d.application])).toEqual(
      expect.arrayContaining([
        ['ApplicantProfile', 'service-network'],
        ['EntityProfile', 'service-network'],
      ]),
    );
  });

  it('checks: every file hashes to its entry and every file is listed', () => {
    expect(checkManifest()).toEqual([]);
    for (const d of documents) expect(sha256Hex(d.document)).toBe(d.sha256);
  });

  it('holds only operations valid against the committed supergraph', () => {
    const schema = Supergraph.build(fs.readFileSync(SUPERGRAPH, 'utf8'))
      .apiSchema()
      .toGraphQLJSSchema();
    for (const d of documents)
      expect([d.file, validate(schema, parse(d.document)).map((e) => e.message)]).toEqual([
        d.file,
        [],
      ]);
  });

  it('detects a tampered document, a wrong name and an unlisted file', () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'persisted-'));
    try {
      fs.cpSync(PERSISTED_DIR, dir, { recursive: true });
      const [first] = documents;
      fs.appendFileSync(path.join(dir, first.file), '\n');
      fs.writeFileSync(path.join(dir, 'stray.graphql'), 'query Stray { a }');
      const problems = checkManifest(dir);
      expect(problems).toEqual(
        expect.arrayContaining([
          expect.stringMatching(
            new RegExp(`${first.file}: SHA-256 is [0-9a-f]{64}, manifest says ${first.sha256}`),
          ),
          'stray.graphql: not listed in manifest.json',
        ]),
      );
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });
});
