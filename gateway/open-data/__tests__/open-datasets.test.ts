import fs from 'node:fs';
import path from 'node:path';
import { buildResourceCatalogue } from '../../../contracts/catalogue/resource-catalogue';
import { loadCatalogueDeclaration } from '../../../contracts/catalogue/catalogue-file';
import { apiSchema } from '../../limits/__tests__/known-operations';
import { isServedOpen } from '../open-coordinates';
import { datasetBySlug, openDatasets } from '../open-datasets';
import { openPage } from '../open-page';
import { buildOpenSchema } from '../open-schema';

const sdl = fs.readFileSync(path.resolve(__dirname, '../../../schema/supergraph.graphql'), 'utf8');
const catalogue = buildResourceCatalogue(sdl, loadCatalogueDeclaration());
const items = catalogue.items({ openAttribute: 'UNCONDITIONAL_OPEN' }).filter(isServedOpen);
const open = new Set(items.map((i) => i.coordinate));
const schema = buildOpenSchema(apiSchema(), (c) => open.has(c));
const datasets = openDatasets(items, catalogue.resources(), schema);

describe('the open datasets', () => {
  it('are the resources with open items, each download a query valid against the open schema', () => {
    const slugs = datasets.flatMap((d) => (d.download ? [d.download.slug] : []));
    expect(slugs).toEqual(
      expect.arrayContaining(['regions', 'city-part-counts', 'indicators', 'legal-entities']),
    );
    expect(datasets.map((d) => d.resource.type)).not.toContain('Person');
    for (const d of datasets) for (const item of d.items) expect(open.has(item)).toBe(true);
    expect(datasetBySlug(datasets, 'regions')?.resource.type).toBe('Region');
    expect(datasetBySlug(datasets, 'people')).toBeUndefined();
  });

  it('drop a download whose query names an item no longer open', () => {
    const closed = buildOpenSchema(apiSchema(), (c) => open.has(c) && c !== 'Region.nameEn');
    const without = openDatasets(items, catalogue.resources(), closed);
    expect(datasetBySlug(without, 'regions')).toBeUndefined();
  });

  it('are listed on a page with no script, everything escaped', () => {
    const html = openPage(datasets);
    expect(html).not.toMatch(/<script/i);
    expect(html).toContain('href="/open/datasets/regions.csv"');
    const hostile = openPage([
      {
        ...datasets[0],
        resource: { ...datasets[0].resource, name: '<img src=x onerror=alert(1)>' },
      },
    ]);
    expect(hostile).not.toContain('<img');
  });
});
