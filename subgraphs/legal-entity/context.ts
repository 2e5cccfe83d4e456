import { SubgraphContext } from '../kit/subgraph-module';
import { LegalEntityStore } from './store';

export interface LegalEntityContext extends SubgraphContext {
  store: LegalEntityStore;
}
