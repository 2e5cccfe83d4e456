/**
 * The open datasets (开放数据集): the catalogue's resources that have unconditionally open items,
 * each with the fixed open query its download runs. A download goes through the open endpoint's
 * own pipeline (validated against the open schema, rate-limited per address, executed as the
 * open-data application, audited), so a dataset can never serve what /open/graphql would refuse.
 * A query that stops validating against the open schema (an item closed in the catalogue) drops
 * its download rather than failing: the page then lists the resource without one.
 *
 * Pure: the figures a report needs (resources and open items per owner) read from `openDatasets`.
 */
import { GraphQLSchema, parse, validate } from 'graphql';
import type { CatalogueEntry } from '../../contracts/catalogue/resource-catalogue';
import type { CatalogueResource } from '../../domain/catalogue/catalogue-rules';

/** Fixed open queries by resource type. Lists are bounded: larger ones page through /open/graphql. */
const DATASET_QUERIES: Readonly<Record<string, { slug: string; query: string }>> = {
  Region: {
    slug: 'regions',
    query: 'query Regions { regions { code name nameEn level parent { code } } }',
  },
  CityPartCount: {
    slug: 'city-part-counts',
    query:
      'query CityPartCounts { regions { code name cityPartCounts { class total byStatus { status count } } } }',
  },
  Indicator: {
    slug: 'indicators',
    query:
      'query Indicators { indicators { code name nameEn unit unitEn source valueKind cumulative periodTypes description } }',
  },
  IndicatorSeries: {
    slug: 'observations',
    query:
      'query Observations { regions { code name indicators { indicator { code name } periodType observations { period value unit status releasedOn } } } }',
  },
  LegalEntity: {
    slug: 'legal-entities',
    query:
      'query LegalEntities { legalEntities(first: 100) { totalCount nodes { creditCode name entityType status registeredCapital establishedOn businessScope industry { sectionCode sectionName } regionCode townCode } } }',
  },
  Department: {
    slug: 'departments',
    query: 'query Departments { departments { code name nameEn kind } }',
  },
  ApprovalItem: {
    slug: 'approval-items',
    query: 'query ApprovalItems { approvalItems { code name department timeLimitDays } }',
  },
  CertificateTypeInfo: {
    slug: 'certificate-types',
    query:
      'query CertificateTypes { certificateTypes { code name type holderKind issuingDepartment legalBasis validityRule } }',
  },
};

export interface OpenDataset {
  readonly resource: CatalogueResource;
  /** Department code of the owner (提供方) of its open items. */
  readonly owners: readonly string[];
  /** The open items, `Type.field`. */
  readonly items: readonly string[];
  /** Null: no fixed download; query it at /open/graphql. */
  readonly download: { readonly slug: string; readonly query: string } | null;
}

function resourceOf(entry: CatalogueEntry, byCode: ReadonlyMap<string, CatalogueResource>) {
  return byCode.get(entry.resourceCode);
}

/**
 * @param openItems catalogue items the open schema serves (open-coordinates.ts)
 * @param resources the catalogue's resources
 */
export function openDatasets(
  openItems: readonly CatalogueEntry[],
  resources: readonly CatalogueResource[],
  schema: GraphQLSchema,
): OpenDataset[] {
  const byCode = new Map(resources.map((r) => [r.code, r]));
  const grouped = new Map<string, CatalogueEntry[]>();
  for (const entry of openItems) {
    if (entry.resource === 'Query') continue;
    const r = resourceOf(entry, byCode);
    if (!r) continue;
    grouped.set(r.code, [...(grouped.get(r.code) ?? []), entry]);
  }
  const datasets: OpenDataset[] = [];
  for (const r of resources) {
    const entries = grouped.get(r.code);
    if (!entries) continue;
    const fixed = DATASET_QUERIES[r.type];
    const valid = fixed && validate(schema, parse(fixed.query)).length === 0;
    datasets.push({
      resource: r,
      owners: [...new Set(entries.map((e) => e.owner))].sort(),
      items: entries.map((e) => e.coordinate),
      download: valid ? fixed : null,
    });
  }
  return datasets;
}

/** The dataset whose download is `slug`, or undefined. */
export function datasetBySlug(
  datasets: readonly OpenDataset[],
  slug: string,
): OpenDataset | undefined {
  return datasets.find((d) => d.download?.slug === slug);
}
