import DataLoader from 'dataloader';
import { Knex } from 'knex';
import { SubgraphContext } from '../kit/subgraph-module';
import type { CoordinateOwners } from './coordinate-owners';
import type { InventoryRules } from './inventory-flags';
import type { ProbingSettings } from './probing-settings';
import type { SubjectKeySource } from './subject-key';

export interface AuditContext extends SubgraphContext {
  /** The audit database (the gateway's shipper writes it; this subgraph reads it and keeps the usage tables). */
  db: Knex;
  /** Field owners from the supergraph, read on first use. */
  owners: () => CoordinateOwners;
  /** The audit HMAC key, read on first use. */
  subjectKey: SubjectKeySource;
  /** GraphQL documents of records, batched per request. */
  documents: DataLoader<string, { hash: string; text: string } | null>;
  /** How long a usage query may spend catching up (audit-settings.ts). */
  usageBudgetMs: number;
  /** When an application is flagged as probing. */
  probing: ProbingSettings;
  /** When a system is a zombie candidate (inventory-flags.ts). */
  inventory: InventoryRules;
  log: (line: string) => void;
}
