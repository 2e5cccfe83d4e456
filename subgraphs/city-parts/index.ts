/** The city-parts subgraph's process (`npm start` spawns it; `npm run subgraph -- city-parts` runs the same). */
import { runSubgraphMain } from '../kit/subgraph-main';
import { cityPartsService } from './module';

void runSubgraphMain(cityPartsService);
