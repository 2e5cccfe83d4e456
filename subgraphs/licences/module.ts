import { SubgraphModule } from '../kit/subgraph-module';
import { plainSubgraph } from '../kit/subgraph-service';
import { chinaToday } from './certificate-status';
import { LicencesContext } from './context';
import { migrations } from './migrations';
import { resolvers } from './resolvers';
import { seedLicences } from './seed';
import { createLicencesStore } from './store';

/** 电子证照库, run by the administrative approval bureau (行政审批局). */
export const licencesSubgraph: SubgraphModule<LicencesContext> = {
  name: 'licences',
  migrations,
  resolvers,
  createContext: (db, caller) => ({ caller, store: createLicencesStore(db), today: chinaToday() }),
  seed: seedLicences,
};

/** Served as it is: no settings of its own, nothing in the background. */
export const licencesService = plainSubgraph(licencesSubgraph);
