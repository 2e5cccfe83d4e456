import { SubgraphModule } from '../kit/subgraph-module';
import { plainSubgraph } from '../kit/subgraph-service';
import { LegalEntityContext } from './context';
import { migrations } from './migrations';
import { resolvers } from './resolvers';
import { seedLegalEntities } from './seed';
import { createLegalEntityStore } from './store';

/** 法人基础库, owned by the market regulation bureau (市场监管局). */
export const legalEntitySubgraph: SubgraphModule<LegalEntityContext> = {
  name: 'legal-entity',
  migrations,
  resolvers,
  createContext: (db, caller) => ({ caller, store: createLegalEntityStore(db) }),
  seed: seedLegalEntities,
};

/** Served as it is: no settings of its own, nothing in the background. */
export const legalEntityService = plainSubgraph(legalEntitySubgraph);
