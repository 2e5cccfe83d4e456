import { auditMigrations } from '../../contracts/audit/audit-migrations';
import { SubgraphModule } from '../kit/subgraph-module';
import { AuditReadSettings, readAuditReadSettings } from './audit-settings';
import { documentLoader } from './access-log-store';
import { AuditContext } from './context';
import { CoordinateOwners, loadCoordinateOwners } from './coordinate-owners';
import { resolvers } from './resolvers';
import { SubjectKeySource, subjectKeyFromEnv } from './subject-key';

export interface AuditSubgraphOptions {
  /** @default readAuditReadSettings(process.env), on first use */
  settings?: AuditReadSettings;
  /** Field owners. @default from the supergraph at settings.supergraphPath, read once on first use */
  owners?: CoordinateOwners;
  /** The audit HMAC key. @default the gateway's variables (subject-key.ts), read on first use */
  subjectKey?: SubjectKeySource;
  /** @default console.error */
  log?: (line: string) => void;
}

/**
 * The audit subgraph (审计) with its dependencies injected: tests give a key and owners; the
 * service reads them at start-up. Its tables are the audit library's (contracts/audit/audit-migrations.ts,
 * the same list the gateway migrates with, so either may create them first).
 */
export function createAuditSubgraph(
  options: AuditSubgraphOptions = {},
): SubgraphModule<AuditContext> {
  const log = options.log ?? ((line: string) => console.error(line));
  // Lazy, so merely importing the module (compose, the module registry, other tests) reads no files and makes no key.
  let settings = options.settings;
  let owners = options.owners;
  const subjectKey = options.subjectKey ?? subjectKeyFromEnv(process.env, log);
  const currentSettings = () => (settings ??= readAuditReadSettings());
  const currentOwners = () => (owners ??= loadCoordinateOwners(currentSettings().supergraphPath));
  return {
    name: 'audit',
    migrations: auditMigrations,
    resolvers,
    createContext: (db, caller) => ({
      caller,
      db,
      owners: currentOwners,
      subjectKey,
      documents: documentLoader(db),
      usageBudgetMs: currentSettings().usageRequestBudgetMs,
      probing: currentSettings().probing,
      inventory: currentSettings().inventory,
      log,
    }),
    // Nothing to seed: the trail is the platform's record of real requests, and the demo's own
    // requests through the gateway fill it. preserveData keeps `npm run seed -- --reset` and
    // `npm start` from clearing or dropping it.
    seed: async () => {},
    preserveData: true,
  };
}

export const auditSubgraph = createAuditSubgraph();
