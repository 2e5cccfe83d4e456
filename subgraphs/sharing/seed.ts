/**
 * Seeds the registry and the demo sharing applications through the same registry and workflow
 * the API uses, so every demo grant passed the same checks a real one would. Submissions and
 * answers are back-dated from the seed's clock, which makes one pending request overdue.
 */
import { Knex } from 'knex';
import { PLATFORM_DEPARTMENT } from '../../domain/departments';
import type { SeedReporter } from '../kit/subgraph-module';
import type { CallerIdentity } from '../../contracts/caller/caller-identity';
import { createApplicationRegistry } from './application-registry';
import { seedPersistedDocuments } from './persisted-document-seed';
import type { ApprovalItemCatalogue } from './approval-items';
import { Clock } from './clock';
import { CoordinateCatalogue } from './coordinate-catalogue';
import { demoItemApplications } from './demo-item-applications';
import { DEMO_APPLICATIONS, DEMO_REQUEST_LIMITS, DEMO_RETIRED } from './demo-registry';
import { DEMO_SHARING_APPLICATIONS, DemoSharingApplication } from './demo-sharing-applications';
import { splitItemsByOwner } from './requested-items';
import { SharingSettings } from './sharing-settings';
import { createSharingWorkflow } from './sharing-workflow';
import { jsonList, SharingRequestRow } from './store';

const DAY_MS = 24 * 60 * 60 * 1000;

export interface SeedDependencies {
  clock: Clock;
  settings: SharingSettings;
  catalogue: CoordinateCatalogue;
  items: ApprovalItemCatalogue;
}

function caller(department: string, application: string | null): CallerIdentity {
  return { department, application, operator: `seed@${department}`, purpose: null, roles: [] };
}

async function seedOne(
  db: Knex,
  demo: DemoSharingApplication,
  deps: SeedDependencies,
  now: number,
): Promise<number> {
  // The supergraph grows as subgraphs are added: demo items name only coordinates it has today.
  const items = demo.items.filter(
    (item) => splitItemsByOwner([item], demo.clear, demo.department, deps.catalogue).ok,
  );
  if (items.length === 0) return 0;
  const at = (t: number) =>
    createSharingWorkflow({
      db,
      clock: () => new Date(t),
      settings: deps.settings,
      catalogue: deps.catalogue,
      items: deps.items,
      onGrantsChanged: () => {},
      log: () => {},
    });
  const submitted = now - demo.submittedDaysAgo * DAY_MS;
  const application = await at(submitted).apply(caller(demo.department, demo.application), {
    ...demo,
    items,
  });
  const answer = demo.answer;
  if (!answer) return 1;
  const answered = at(submitted + answer.afterDays * DAY_MS);
  const requests: SharingRequestRow[] = await db('sharing_requests')
    .where({ sharing_application_id: application.id })
    .orderBy('id');
  for (const r of requests) {
    const owner = caller(r.owner, null);
    if ('reject' in answer) {
      await answered.reject(owner, r.id, answer.reject);
      continue;
    }
    const wanted = answer.approve.items;
    const narrowed = wanted ? jsonList(r.items).filter((i) => wanted.includes(i)) : [];
    await answered.approve(owner, r.id, {
      ...answer.approve,
      items: narrowed.length > 0 ? narrowed : undefined,
    });
  }
  return 1;
}

export async function seedSharing(
  db: Knex,
  reporter: SeedReporter,
  deps: SeedDependencies,
): Promise<void> {
  const platform = caller(PLATFORM_DEPARTMENT, 'shujutong-gateway');
  const registry = createApplicationRegistry(db, deps.clock);
  for (const app of DEMO_APPLICATIONS) await registry.register(platform, app);
  await registry.setStatus(platform, DEMO_RETIRED.id, 'RETIRED', DEMO_RETIRED.reason);
  for (const { id, limits } of DEMO_REQUEST_LIMITS) await registry.setLimits(platform, id, limits);
  reporter.written('applications', DEMO_APPLICATIONS.length);
  const now = deps.clock().getTime();
  let seeded = 0;
  for (const demo of DEMO_SHARING_APPLICATIONS) seeded += await seedOne(db, demo, deps, now);
  for (const demo of demoItemApplications(deps.items)) seeded += await seedOne(db, demo, deps, now);
  reporter.written('sharing_applications', seeded);
  await seedPersistedDocuments(db, reporter, deps.clock);
}
