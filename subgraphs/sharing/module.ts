import { SubgraphModule } from '../kit/subgraph-module';
import { createApplicationRegistry, RegistryChangedListener } from './application-registry';
import { ApprovalItemCatalogue, createItemCatalogue } from './approval-items';
import { createCaseService } from './case-service';
import { Clock, chinaDate, systemClock } from './clock';
import { SharingContext } from './context';
import { CoordinateCatalogue, loadSupergraphCatalogue } from './coordinate-catalogue';
import { DEMO_APPROVAL_ITEMS } from './demo-approval-items';
import { catalogueOwners, createErrorReportService } from './error-report-service';
import { ErrorReportSettings, readErrorReportSettings } from './error-report-settings';
import { migrations } from './migrations';
import { createPersistedDocuments } from './persisted-documents';
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
  /** Error reports' deadline and daily cap. @default readErrorReportSettings(process.env), on first use */
  errorReportSettings?: ErrorReportSettings;
  /** What may be applied for. @default the supergraph at settings.supergraphPath, read once on first use */
  catalogue?: CoordinateCatalogue;
  /** The resource catalogue (资源目录) served by Query.catalogue. @default from the same supergraph, built once on first use */
  resources?: ResourceCatalogue;
  /** 政务服务事项 The approval items cases are opened for. @default the demo city's (demo-approval-items.ts) */
  approvalItems?: ApprovalItemCatalogue;
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
  const items = options.approvalItems ?? createItemCatalogue(DEMO_APPROVAL_ITEMS);
  // Lazy, so merely importing the module (compose, the module registry) reads no files.
  let settings = options.settings;
  let catalogue = options.catalogue;
  let resources = options.resources;
  let errorReportSettings = options.errorReportSettings;
  let ownerOf: ReturnType<typeof catalogueOwners> | undefined;
  const dependencies = () => {
    settings ??= readSharingSettings();
    catalogue ??= loadSupergraphCatalogue(settings.supergraphPath);
    resources ??= loadResourceCatalogue(settings.supergraphPath);
    errorReportSettings ??= readErrorReportSettings();
    ownerOf ??= catalogueOwners(resources.items());
    return { settings, catalogue, resources, errorReportSettings, ownerOf };
  };
  return {
    name: 'sharing',
    migrations,
    resolvers,
    createContext: (db, caller) => {
      const { settings, catalogue, resources, errorReportSettings, ownerOf } = dependencies();
      return {
        caller,
        db,
        resources,
        store: createSharingStore(db),
        workflow: createSharingWorkflow({
          db,
          clock,
          settings,
          catalogue,
          items,
          onGrantsChanged,
          log,
        }),
        items,
        cases: createCaseService({ db, clock, items, calendar: settings.calendar }),
        errorReports: createErrorReportService({
          db,
          clock,
          settings: errorReportSettings,
          calendar: settings.calendar,
          ownerOf,
        }),
        registry: createApplicationRegistry(db, clock, options.onRegistryChanged),
        persistedDocuments: createPersistedDocuments(db, clock, options.onRegistryChanged),
        today: chinaDate(clock()),
      };
    },
    seed: (db, _world, reporter) => seedSharing(db, reporter, { ...dependencies(), clock, items }),
  };
}

export const sharingSubgraph = createSharingSubgraph();
