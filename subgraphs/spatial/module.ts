import { SubgraphModule } from '../kit/subgraph-module';
import { plainSubgraph } from '../kit/subgraph-service';
import { SpatialContext } from './context';
import { migrations } from './migrations';
import { resolvers } from './resolvers';
import { seedSpatial } from './seed';
import { createSpatialStore } from './store';

export const spatialSubgraph: SubgraphModule<SpatialContext> = {
  name: 'spatial',
  migrations,
  resolvers,
  createContext: (db, caller) => ({ caller, store: createSpatialStore(db) }),
  seed: seedSpatial,
};

/** Served as it is: no settings of its own, nothing in the background. */
export const spatialService = plainSubgraph(spatialSubgraph);
