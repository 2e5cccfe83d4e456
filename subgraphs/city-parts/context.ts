import { SubgraphContext } from '../kit/subgraph-module';
import { CityPartsStore } from './store';

export interface CityPartsContext extends SubgraphContext {
  store: CityPartsStore;
}
