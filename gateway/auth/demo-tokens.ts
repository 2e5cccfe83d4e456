/**
 * The two callers `npm start` prints tokens for, so a newcomer can paste one into GraphiQL and
 * see the sharing rules at work: a consuming department's application holding a demo grant
 * (civil-affairs' minimum living allowance system, granted birth dates, household addresses
 * and enterprises for SOCIAL_ASSISTANCE), and an owner reading its own base database
 * (public security's household registration system over the population subgraph). Both are
 * ACTIVE applications of the demo registry (subgraphs/sharing/demo-registry.ts).
 */
import { issueToken, TokenAudience } from './issue-token';
import type { SigningKey } from './token-keys';

export interface DemoCaller {
  readonly title: string;
  readonly department: string;
  readonly application: string;
  readonly operator: string;
  readonly roles: readonly string[];
  /** Sent as x-purpose beside the token: the purpose its grants are for. */
  readonly purpose: string;
}

export const DEMO_CALLERS: readonly DemoCaller[] = Object.freeze([
  {
    title: '民政局 最低生活保障审批系统 (civil-affairs, consumer with a grant)',
    department: 'civil-affairs',
    application: 'minimum-living-allowance',
    operator: 'demo.civil-affairs',
    roles: [],
    purpose: 'SOCIAL_ASSISTANCE',
  },
  {
    title: '公安局 人口户籍管理系统 (public-security, owner of the population database)',
    department: 'public-security',
    application: 'household-registration',
    operator: 'demo.public-security',
    roles: [],
    purpose: 'LAW_ENFORCEMENT',
  },
]);

/** Long enough for a demo day, short enough that a token copied into a slide stops working by tomorrow. */
export const DEMO_TOKEN_TTL_SECONDS = 12 * 3600;

export async function issueDemoTokens(
  key: SigningKey,
  where: TokenAudience,
  now: Date = new Date(),
): Promise<{ caller: DemoCaller; token: string }[]> {
  return Promise.all(
    DEMO_CALLERS.map(async (caller) => ({
      caller,
      token: await issueToken(
        key,
        where,
        {
          department: caller.department,
          application: caller.application,
          operator: caller.operator,
          roles: caller.roles,
          ttlSeconds: DEMO_TOKEN_TTL_SECONDS,
        },
        now,
      ),
    })),
  );
}

/** What to paste into GraphiQL's Headers pane for one demo caller. */
export function graphiqlHeadersText(token: string, purpose: string): string {
  return JSON.stringify({ Authorization: `Bearer ${token}`, 'x-purpose': purpose });
}
