import { SubgraphModule } from '../kit/subgraph-module';
import { plainSubgraph } from '../kit/subgraph-service';
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

/** Served as it is: no settings of its own, nothing in the background. */
export const macroEconomyService = plainSubgraph(macroEconomySubgraph);
