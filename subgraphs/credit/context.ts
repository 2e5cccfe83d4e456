import { SubgraphContext } from '../kit/subgraph-module';
import { CreditStore } from './store';

export interface CreditContext extends SubgraphContext {
  store: CreditStore;
  /** The day (China time) against which publicity periods and listings are judged. */
  today: string;
}
