import { SubgraphModule } from '../kit/subgraph-module';
import { plainSubgraph } from '../kit/subgraph-service';
import { CityPartsContext } from './context';
import { migrations } from './migrations';
import { resolvers } from './resolvers';
import { seedCityParts } from './seed';
import { createCityPartsStore } from './store';

export const cityPartsSubgraph: SubgraphModule<CityPartsContext> = {
  name: 'city-parts',
  migrations,
  resolvers,
  createContext: (db, caller) => ({ caller, store: createCityPartsStore(db) }),
  seed: seedCityParts,
};

/** Served as it is: no settings of its own, nothing in the background. */
export const cityPartsService = plainSubgraph(cityPartsSubgraph);
