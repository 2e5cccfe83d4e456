/** All departmental subgraph modules, in the order of SUBGRAPHS. */
import type { SubgraphName } from '../contracts/subgraph-directory';
import type { SubgraphModule } from './kit/subgraph-module';
import { populationSubgraph } from './population/module';
import { legalEntitySubgraph } from './legal-entity/module';
import { licencesSubgraph } from './licences/module';
import { spatialSubgraph } from './spatial/module';
import { cityPartsSubgraph } from './city-parts/module';
import { macroEconomySubgraph } from './macro-economy/module';
import { creditSubgraph } from './credit/module';
import { sharingSubgraph } from './sharing/module';
import { auditSubgraph } from './audit/module';

export const SUBGRAPH_MODULES: Partial<Record<SubgraphName, SubgraphModule<any>>> = {
  population: populationSubgraph,
  'legal-entity': legalEntitySubgraph,
  licences: licencesSubgraph,
  spatial: spatialSubgraph,
  'city-parts': cityPartsSubgraph,
  'macro-economy': macroEconomySubgraph,
  credit: creditSubgraph,
  sharing: sharingSubgraph,
  audit: auditSubgraph,
};
