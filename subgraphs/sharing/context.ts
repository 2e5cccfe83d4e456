import { Knex } from 'knex';
import { SubgraphContext } from '../kit/subgraph-module';
import { ApplicationRegistry } from './application-registry';
import { ResourceCatalogue } from './resource-catalogue';
import { SharingWorkflow } from './sharing-workflow';
import { SharingStore } from './store';

export interface SharingContext extends SubgraphContext {
  db: Knex;
  store: SharingStore;
  workflow: SharingWorkflow;
  registry: ApplicationRegistry;
  /** The resource catalogue (资源目录), built once from the supergraph. */
  resources: ResourceCatalogue;
  /** Today in China Standard Time, fixed for the whole request so every overdue flag agrees. */
  today: string;
}
