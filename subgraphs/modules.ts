/** All departmental subgraph modules, in the order of SUBGRAPHS. */
import type { SubgraphName } from './services';
import type { SubgraphModule } from './kit/subgraph-module';
import { populationSubgraph } from './population/module';

export const SUBGRAPH_MODULES: Partial<Record<SubgraphName, SubgraphModule<any>>> = {
  population: populationSubgraph,
};
