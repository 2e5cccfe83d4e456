/**
 * The demo city's registered application systems, in the order they are registered: the data
 * owners' and the platform's (demo-owner-systems.ts), then the consumers'
 * (demo-consumer-systems.ts); the limits set above the defaults; and a retired system. The demo
 * sharing applications between them are in demo-sharing-applications.ts.
 */
import type { RequestLimitsInput } from './application-limits';
import type { RegisterApplicationInput } from './application-registry';
import { DEMO_CONSUMER_SYSTEMS } from './demo-consumer-systems';
import { DEMO_OWNER_SYSTEMS } from './demo-owner-systems';

export const DEMO_APPLICATIONS: readonly RegisterApplicationInput[] = [
  ...DEMO_OWNER_SYSTEMS,
  // The consumers' systems are registered as needing shared data: one that never calls is
  // flagged not connected in the inventory (应接未接).
  ...DEMO_CONSUMER_SYSTEMS.map((system) => ({ ...system, needsSharedData: true })),
];

/**
 * Request limits the big data bureau set above the usage-frequency defaults: the service network
 * answers every counter in the city at once.
 */
export const DEMO_REQUEST_LIMITS: readonly { id: string; limits: RequestLimitsInput }[] = [
  { id: 'service-network', limits: { requestsPerMinute: 6000, burst: 400, concurrency: 64 } },
];

/** A system found idle in the 2017 self-inspection (僵尸系统) and retired. */
export const DEMO_RETIRED = {
  id: 'elderly-care-subsidy',
  reason: '2017年自查：使用频度低、功能已并入最低生活保障审批系统，予以清理',
};
