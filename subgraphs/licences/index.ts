/** The licences subgraph's process (`npm start` spawns it; `npm run subgraph -- licences` runs the same). */
import { runSubgraphMain } from '../kit/subgraph-main';
import { licencesService } from './module';

void runSubgraphMain(licencesService);
