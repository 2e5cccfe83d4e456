import { SubgraphModule } from '../kit/subgraph-module';
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
