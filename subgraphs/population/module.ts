import { SubgraphModule } from '../kit/subgraph-module';
import { plainSubgraph } from '../kit/subgraph-service';
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

/** Served as it is: no settings of its own, nothing in the background. */
export const populationService = plainSubgraph(populationSubgraph);
