/** The audit subgraph's process (`npm start` spawns it; `npm run subgraph -- audit` runs the same). */
import { runSubgraphMain } from '../kit/subgraph-main';
import { auditService } from './audit-service';

void runSubgraphMain(auditService);
