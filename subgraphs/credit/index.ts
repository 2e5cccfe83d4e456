/** The credit subgraph's process (`npm start` spawns it; `npm run subgraph -- credit` runs the same). */
import { runSubgraphMain } from '../kit/subgraph-main';
import { creditService } from './module';

void runSubgraphMain(creditService);
