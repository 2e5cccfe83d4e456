import { SubgraphModule } from '../kit/subgraph-module';
import { PopulationContext } from './context';
import { migrations } from './migrations';
import { resolvers } from './resolvers';
import { seedPopulation } from './seed';
import { createPopulationStore } from './store';

export const populationSubgraph: SubgraphModule<PopulationContext> = {
  name: 'population',
  migrations,
  resolvers,
  createContext: (db, caller) => ({ caller, store: createPopulationStore(db) }),
  seed: seedPopulation,
};
