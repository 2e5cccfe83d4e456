import { runSubgraphMain } from '../kit/subgraph-main';
import { cityPartsSubgraph } from './module';

void runSubgraphMain(cityPartsSubgraph);
