import { runSubgraphMain } from '../kit/subgraph-main';
import { populationSubgraph } from './module';

void runSubgraphMain(populationSubgraph);
