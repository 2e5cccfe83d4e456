/** The sharing subgraph's process (`npm start` spawns it; `npm run subgraph -- sharing` runs the same). */
import { runSubgraphMain } from '../kit/subgraph-main';
import { sharingService } from './sharing-service';

void runSubgraphMain(sharingService);
