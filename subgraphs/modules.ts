/**
 * Every departmental subgraph, in the order of SUBGRAPHS: its service definition (what `npm run
 * subgraph` and the test platform start, as each subgraph's index.ts does), and its module (what
 * seeding and composition use).
 */
import type { SubgraphName } from '../contracts/subgraph-directory';
import type { SubgraphDefinition } from './kit/subgraph-service';
import type { AnySubgraphModule } from './kit/subgraph-module';
import { populationService } from './population/module';
import { legalEntityService } from './legal-entity/module';
import { licencesService } from './licences/module';
import { spatialService } from './spatial/module';
import { cityPartsService } from './city-parts/module';
import { macroEconomyService } from './macro-economy/module';
import { creditService } from './credit/module';
import { sharingService } from './sharing/sharing-service';
import { auditService } from './audit/audit-service';

export const SUBGRAPH_SERVICES: Partial<Record<SubgraphName, SubgraphDefinition>> = {
  population: populationService,
  'legal-entity': legalEntityService,
  licences: licencesService,
  spatial: spatialService,
  'city-parts': cityPartsService,
  'macro-economy': macroEconomyService,
  credit: creditService,
  sharing: sharingService,
  audit: auditService,
};

export const SUBGRAPH_MODULES: Partial<Record<SubgraphName, AnySubgraphModule>> =
  Object.fromEntries(
    Object.entries(SUBGRAPH_SERVICES).map(([name, service]) => [name, service.module]),
  );
