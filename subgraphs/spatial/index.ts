/** The spatial subgraph's process (`npm start` spawns it; `npm run subgraph -- spatial` runs the same). */
import { runSubgraphMain } from '../kit/subgraph-main';
import { spatialService } from './module';

void runSubgraphMain(spatialService);
