import { SubgraphModule } from '../kit/subgraph-module';
import { MacroEconomyContext } from './context';
import { migrations } from './migrations';
import { resolvers } from './resolvers';
import { seedMacroEconomy } from './seed';
import { createMacroEconomyStore } from './store';

export const macroEconomySubgraph: SubgraphModule<MacroEconomyContext> = {
  name: 'macro-economy',
  migrations,
  resolvers,
  createContext: (db, caller) => ({ caller, store: createMacroEconomyStore(db) }),
  seed: seedMacroEconomy,
};
