/** The catalogue as CSV: the table's headers, then one row per data item grouped by resource. */
import type { CatalogueEntry } from '../../../contracts/catalogue/resource-catalogue';
import { csvText } from '../csv-text';
import { CATALOGUE_COLUMNS, groupByResource } from './catalogue-table';

export function catalogueCsv(entries: readonly CatalogueEntry[]): Buffer {
  const rows = groupByResource(entries).flatMap((group) =>
    group.entries.map((entry) => CATALOGUE_COLUMNS.map((c) => c.value(entry))),
  );
  return Buffer.from(
    csvText(
      CATALOGUE_COLUMNS.map((c) => c.header),
      rows,
    ),
    'utf8',
  );
}
