/**
 * The coordinates the resource catalogue marks UNCONDITIONAL_OPEN (无条件开放), per supergraph:
 * the catalogue joins the supergraph's classification with schema/resource-catalogue.json, whose
 * compose check already refuses an open item that is personal data (it has a mask), not shared
 * (NONE) or only conditionally shared. Those rules are asserted again here, so a catalogue that
 * slipped past the check still opens nothing personal.
 */
import type {
  CatalogueEntry,
  ResourceCatalogue,
} from '../../contracts/catalogue/resource-catalogue';

/** Open for the open endpoint: unconditionally open, unconditionally shared, and never personal. */
export function isServedOpen(entry: CatalogueEntry): boolean {
  return (
    entry.openAttribute === 'UNCONDITIONAL_OPEN' &&
    entry.sharingLevel === 'UNCONDITIONAL' &&
    entry.mask === null
  );
}

export function openCoordinates(catalogue: ResourceCatalogue): ReadonlySet<string> {
  return new Set(
    catalogue
      .items({ openAttribute: 'UNCONDITIONAL_OPEN' })
      .filter(isServedOpen)
      .map((e) => e.coordinate),
  );
}
