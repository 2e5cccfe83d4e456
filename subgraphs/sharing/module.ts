import { SubgraphModule } from '../kit/subgraph-module';
import { createApplicationRegistry, RegistryChangedListener } from './application-registry';
import { Clock, chinaDate, systemClock } from './clock';
import { SharingContext } from './context';
import { CoordinateCatalogue, loadSupergraphCatalogue } from './coordinate-catalogue';
import { migrations } from './migrations';
import { resolvers } from './resolvers';
import { seedSharing } from './seed';
import { loadResourceCatalogue, ResourceCatalogue } from './resource-catalogue';
import { readSharingSettings, SharingSettings } from './sharing-settings';
import { createSharingWorkflow, GrantsChangedListener } from './sharing-workflow';
import { createSharingStore } from './store';

export interface SharingSubgraphOptions {
  /** @default the system clock */
  clock?: Clock;
  /** @default readSharingSettings(process.env), on first use */
  settings?: SharingSettings;
  /** What may be applied for. @default the supergraph at settings.supergraphPath, read once on first use */
  catalogue?: CoordinateCatalogue;
  /** The resource catalogue (资源目录) served by Query.catalogue. @default from the same supergraph, built once on first use */
  resources?: ResourceCatalogue;
  /** Told after a department's grants changed (committed). @default nothing is told */
  onGrantsChanged?: GrantsChangedListener;
  /** Told after an application's registry entry changed (committed), e.g. suspended. @default nothing is told */
  onRegistryChanged?: RegistryChangedListener;
  /** @default console.error */
  log?: (line: string) => void;
}

/**
 * The sharing subgraph with its dependencies injected: tests fix the clock and the catalogue;
 * the service passes settings read at start-up and the publisher of grant changes.
 */
export function createSharingSubgraph(
  options: SharingSubgraphOptions = {},
): SubgraphModule<SharingContext> {
  const clock = options.clock ?? systemClock;
  const onGrantsChanged = options.onGrantsChanged ?? (() => {});
  const log = options.log ?? ((line: string) => console.error(line));
  // Lazy, so merely importing the module (compose, the module registry) reads no files.
  let settings = options.settings;
  let catalogue = options.catalogue;
  let resources = options.resources;
  const dependencies = () => {
    settings ??= readSharingSettings();
    catalogue ??= loadSupergraphCatalogue(settings.supergraphPath);
    resources ??= loadResourceCatalogue(settings.supergraphPath);
    return { settings, catalogue, resources };
  };
  return {
    name: 'sharing',
    migrations,
    resolvers,
    createContext: (db, caller) => {
      const { settings, catalogue, resources } = dependencies();
      return {
        caller,
        db,
        resources,
        store: createSharingStore(db),
        workflow: createSharingWorkflow({ db, clock, settings, catalogue, onGrantsChanged, log }),
        registry: createApplicationRegistry(db, clock, options.onRegistryChanged),
        today: chinaDate(clock()),
      };
    },
    seed: (db, _world, reporter) => seedSharing(db, reporter, { ...dependencies(), clock }),
  };
}

export const sharingSubgraph = createSharingSubgraph();
