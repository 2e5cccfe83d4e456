import { runSubgraphMain } from '../kit/subgraph-main';
import { macroEconomySubgraph } from './module';

void runSubgraphMain(macroEconomySubgraph);
