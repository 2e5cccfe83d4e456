/**
 * The sharing subgraph as a service: the module with its settings and catalogues, and, when a
 * Redis is configured, the publisher that tells every gateway instance of a grant or registry
 * change at once (grants-changed-publisher.ts).
 */
import { composeSettings, SettingsEnv } from '../../contracts/settings/setting-values';
import type { BackgroundTask, SubgraphDefinition } from '../kit/subgraph-service';
import { loadSupergraphCatalogue } from './coordinate-catalogue';
import {
  createGrantsChangedPublisher,
  GrantsPublisherSettings,
  readGrantsPublisherSettings,
} from './grants-changed-publisher';
import { createSharingSubgraph, sharingSubgraph } from './module';
import { loadResourceCatalogue } from './resource-catalogue';
import { readSharingSettings, SharingSettings } from './sharing-settings';
import { ErrorReportSettings, readErrorReportSettings } from './error-report-settings';

export interface SharingServiceSettings {
  readonly sharing: SharingSettings;
  readonly errorReports: ErrorReportSettings;
  /** Where grant and registry changes are announced; url null: nowhere (one gateway polls instead). */
  readonly notices: GrantsPublisherSettings;
}

/** What only the sharing subgraph reads, every invalid value reported at once. */
export function readSharingServiceSettings(env: SettingsEnv): SharingServiceSettings {
  return composeSettings((part) => ({
    sharing: part(() => readSharingSettings(env)),
    errorReports: part(() => readErrorReportSettings(env)),
    notices: part(() => readGrantsPublisherSettings(env)),
  }));
}

export const sharingService: SubgraphDefinition<SharingServiceSettings> = {
  name: 'sharing',
  module: sharingSubgraph,
  readSettings: readSharingServiceSettings,
  assemble({ sharing, errorReports, notices }, { log }) {
    // Classified once, here: what may be applied for, and the resource catalogue (Query.catalogue).
    const catalogue = loadSupergraphCatalogue(sharing.supergraphPath);
    const resources = loadResourceCatalogue(sharing.supergraphPath);
    const publisher = notices.url
      ? createGrantsChangedPublisher({ url: notices.url, namespace: notices.namespace, log })
      : null;
    const module = createSharingSubgraph({
      settings: sharing,
      errorReportSettings: errorReports,
      catalogue,
      resources,
      onGrantsChanged: publisher?.publish,
      onRegistryChanged: publisher?.registryChanged,
      log,
    });
    const tasks: BackgroundTask[] = publisher
      ? [{ name: 'grant-change notices on Redis', stop: () => publisher.close() }]
      : [];
    return { module, tasks };
  },
};
