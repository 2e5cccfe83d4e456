import { SubgraphModule } from '../kit/subgraph-module';
import { plainSubgraph } from '../kit/subgraph-service';
import { CreditContext } from './context';
import { chinaToday } from './credit-status';
import { migrations } from './migrations';
import { resolvers } from './resolvers';
import { seedCredit } from './seed';
import { createCreditStore } from './store';

export const creditSubgraph: SubgraphModule<CreditContext> = {
  name: 'credit',
  migrations,
  resolvers,
  createContext: (db, caller) => ({ caller, store: createCreditStore(db), today: chinaToday() }),
  seed: seedCredit,
};

/** Served as it is: no settings of its own, nothing in the background. */
export const creditService = plainSubgraph(creditSubgraph);
