import { runSubgraphMain } from '../kit/subgraph-main';
import { licencesSubgraph } from './module';

void runSubgraphMain(licencesSubgraph);
