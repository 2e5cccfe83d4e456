import { runSubgraphMain } from '../kit/subgraph-main';
import { loadSupergraphCatalogue } from './coordinate-catalogue';
import { createSharingSubgraph } from './module';
import { readSharingSettings } from './sharing-settings';

// Settings and the supergraph are read here, at start, so a bad value stops the service now
// rather than failing its first request.
try {
  const settings = readSharingSettings();
  void runSubgraphMain(createSharingSubgraph({ settings, catalogue: loadSupergraphCatalogue(settings.supergraphPath) }));
} catch (err) {
  console.error(`[sharing] failed to start: ${err instanceof Error ? err.message : String(err)}`);
  process.exit(1);
}
