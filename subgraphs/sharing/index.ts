import { runSubgraphMain } from '../kit/subgraph-main';
import { loadSupergraphCatalogue } from './coordinate-catalogue';
import { createGrantsChangedPublisher, readGrantsPublisherSettings } from './grants-changed-publisher';
import { createSharingSubgraph } from './module';
import { loadResourceCatalogue } from './resource-catalogue';
import { readSharingSettings } from './sharing-settings';

// Settings and the supergraph are read here, at start, so a bad value stops the service now
// rather than failing its first request.
try {
  const settings = readSharingSettings();
  // With REDIS_URL every gateway instance hears of an approval, a revocation or a suspension at once.
  const redis = readGrantsPublisherSettings();
  const publisher = redis.url ? createGrantsChangedPublisher({ url: redis.url, namespace: redis.namespace }) : null;
  const catalogue = loadSupergraphCatalogue(settings.supergraphPath);
  // The resource catalogue (Query.catalogue) is classified once, here.
  const resources = loadResourceCatalogue(settings.supergraphPath);
  void runSubgraphMain(createSharingSubgraph({ settings, catalogue, resources, onGrantsChanged: publisher?.publish, onRegistryChanged: publisher?.registryChanged }));
} catch (err) {
  console.error(`[sharing] failed to start: ${err instanceof Error ? err.message : String(err)}`);
  process.exit(1);
}
