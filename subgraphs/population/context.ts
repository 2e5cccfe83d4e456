import { SubgraphContext } from '../kit/subgraph-module';
import { PopulationStore } from './store';

export interface PopulationContext extends SubgraphContext {
  store: PopulationStore;
}
