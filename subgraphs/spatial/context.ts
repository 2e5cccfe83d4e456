import { SubgraphContext } from '../kit/subgraph-module';
import { SpatialStore } from './store';

export interface SpatialContext extends SubgraphContext {
  store: SpatialStore;
}
