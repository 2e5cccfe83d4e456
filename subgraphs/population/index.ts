/** The population subgraph's process (`npm start` spawns it; `npm run subgraph -- population` runs the same). */
import { runSubgraphMain } from '../kit/subgraph-main';
import { populationService } from './module';

void runSubgraphMain(populationService);
