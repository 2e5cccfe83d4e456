/** The macro-economy subgraph's process (`npm start` spawns it; `npm run subgraph -- macro-economy` runs the same). */
import { runSubgraphMain } from '../kit/subgraph-main';
import { macroEconomyService } from './module';

void runSubgraphMain(macroEconomyService);
