import { SubgraphContext } from '../kit/subgraph-module';
import { MacroEconomyStore } from './store';

export interface MacroEconomyContext extends SubgraphContext {
  store: MacroEconomyStore;
}
