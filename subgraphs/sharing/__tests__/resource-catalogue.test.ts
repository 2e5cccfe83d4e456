import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { RESOURCE_CATALOGUE_PATH } from '../../../contracts/catalogue/catalogue-file';
import { SUPERGRAPH_PATH } from '../../../contracts/schema-files';
import { loadResourceCatalogue } from '../resource-catalogue';

describe('the resource catalogue the sharing subgraph serves', () => {
  let dir: string;
  beforeAll(() => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'catalogue-'));
  });
  afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

  it('is built from the committed supergraph and catalogue file', () => {
    const catalogue = loadResourceCatalogue(SUPERGRAPH_PATH);
    expect(catalogue.items({ resource: 'Household' })[0]).toMatchObject({
      resourceName: '户籍户信息',
      resourceCode: '101001002/000001',
    });
  });

  it('refuses to start on a catalogue file that does not describe the supergraph, saying what is missing', () => {
    const file = path.join(dir, 'resource-catalogue.json');
    const json = JSON.parse(fs.readFileSync(RESOURCE_CATALOGUE_PATH, 'utf8'));
    delete json.resources.Household.publishedOn;
    delete json.resources.GrantEdge;
    fs.writeFileSync(file, JSON.stringify(json));
    expect(() => loadResourceCatalogue(SUPERGRAPH_PATH, file)).toThrow(
      /Household has no "publishedOn" \(发布日期\)/,
    );
    json.resources.Household.publishedOn = '2017-12-29';
    fs.writeFileSync(file, JSON.stringify(json));
    expect(() => loadResourceCatalogue(SUPERGRAPH_PATH, file)).toThrow(
      /GrantEdge \(sharing\) is not in the resource catalogue/,
    );
  });

  it('says which command makes a missing supergraph', () => {
    expect(() => loadResourceCatalogue(path.join(dir, 'nope.graphql'))).toThrow(/npm run compose/);
  });
});
