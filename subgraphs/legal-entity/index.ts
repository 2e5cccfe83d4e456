import { runSubgraphMain } from '../kit/subgraph-main';
import { legalEntitySubgraph } from './module';

void runSubgraphMain(legalEntitySubgraph);
