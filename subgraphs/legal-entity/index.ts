/** The legal-entity subgraph's process (`npm start` spawns it; `npm run subgraph -- legal-entity` runs the same). */
import { runSubgraphMain } from '../kit/subgraph-main';
import { legalEntityService } from './module';

void runSubgraphMain(legalEntityService);
