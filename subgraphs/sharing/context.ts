import { Knex } from 'knex';
import { SubgraphContext } from '../kit/subgraph-module';
import { ApplicationRegistry } from './application-registry';
import type { ApprovalItemCatalogue } from './approval-items';
import type { CaseService } from './case-service';
import type { ErrorReportService } from './error-report-service';
import type { PersistedDocuments } from './persisted-documents';
import { ResourceCatalogue } from './resource-catalogue';
import { SharingWorkflow } from './sharing-workflow';
import { SharingStore } from './store';

export interface SharingContext extends SubgraphContext {
  db: Knex;
  store: SharingStore;
  workflow: SharingWorkflow;
  registry: ApplicationRegistry;
  /** Persisted documents and application document modes (persisted-documents.ts). */
  persistedDocuments: PersistedDocuments;
  /** 政务服务事项 The approval items, and the cases (办件) opened for them. */
  items: ApprovalItemCatalogue;
  cases: CaseService;
  /** 数据纠错 Data error reports and their answers. */
  errorReports: ErrorReportService;
  /** The resource catalogue (资源目录), built once from the supergraph. */
  resources: ResourceCatalogue;
  /** Today in China Standard Time, fixed for the whole request so every overdue flag agrees. */
  today: string;
}
