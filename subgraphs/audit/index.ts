import { openDatabase } from '../../contracts/database/database';
import { runSubgraphMain } from '../kit/subgraph-main';
import { readSubgraphConfig } from '../kit/subgraph-config';
import { readAuditReadSettings } from './audit-settings';
import { loadCoordinateOwners } from './coordinate-owners';
import { createAuditSubgraph } from './module';
import { subjectKeyFromEnv } from './subject-key';
import { catchUpUsage } from './usage-rollup';

// Settings, the supergraph and the HMAC key are read here, at start, so a bad value stops the
// service now rather than failing its first request.
try {
  const settings = readAuditReadSettings();
  const owners = loadCoordinateOwners(settings.supergraphPath);
  const subjectKey = subjectKeyFromEnv();
  subjectKey();
  void runSubgraphMain(createAuditSubgraph({ settings, owners, subjectKey }));
  if (settings.usageIntervalMs > 0) {
    // Its own connection, so summarising new records never waits for (or holds up) a request's.
    const summariser = openDatabase(readSubgraphConfig('audit').database, { poolMax: 1 });
    const tick = () =>
      summariser
        .then((db) => catchUpUsage(db, owners.resourceOf))
        .catch((err: unknown) => console.error(`[audit] summarising usage failed (retried in ${settings.usageIntervalMs} ms): ${err instanceof Error ? err.message : String(err)}`));
    setInterval(tick, settings.usageIntervalMs).unref();
  }
} catch (err) {
  console.error(`[audit] failed to start: ${err instanceof Error ? err.message : String(err)}`);
  process.exit(1);
}
