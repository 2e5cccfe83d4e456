import { SubgraphContext } from '../kit/subgraph-module';
import { LicencesStore } from './store';

export interface LicencesContext extends SubgraphContext {
  store: LicencesStore;
  /** The request's date in China (YYYY-MM-DD): what EXPIRED is measured against. */
  today: string;
}
