import { runSubgraphMain } from '../kit/subgraph-main';
import { creditSubgraph } from './module';

void runSubgraphMain(creditSubgraph);
