import { runSubgraphMain } from '../kit/subgraph-main';
import { spatialSubgraph } from './module';

void runSubgraphMain(spatialSubgraph);
