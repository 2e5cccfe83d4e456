/**
 * The registry's ACTIVE applications, for the development sign-in's list: asked of the sharing
 * subgraph as the platform, remembered briefly (the page may be reloaded often), and null when
 * the registry does not answer, so the page still offers signing in for a whole department.
 */
import type { PlatformClient } from '../../signing/platform-client';
import type { ListedApplication } from './sign-in-page';

const QUERY = `query ActiveApplications($after: String) {
  applications(status: ACTIVE, first: 100, after: $after) {
    nodes { id name department { code } }
    pageInfo { hasNextPage endCursor }
  }
}`;

interface Page {
  applications: {
    nodes: { id: string; name: string; department: { code: string } }[];
    pageInfo: { hasNextPage: boolean; endCursor: string | null };
  };
}

/** The city's inventory is some dozens of systems; this bounds the calls if it is ever not. */
const MAX_PAGES = 20;

export function activeApplications(
  client: Pick<PlatformClient, 'query'>,
  log: (line: string) => void,
  ttlMs = 30_000,
): () => Promise<readonly ListedApplication[] | null> {
  let cached: { until: number; list: readonly ListedApplication[] } | null = null;
  return async () => {
    if (cached && cached.until > Date.now()) return cached.list;
    const list: ListedApplication[] = [];
    try {
      let after: string | null = null;
      for (let page = 0; page < MAX_PAGES; page++) {
        const data: Page = await client.query<Page>('sharing', QUERY, { after });
        for (const a of data.applications.nodes)
          list.push({ id: a.id, name: a.name, department: a.department.code });
        if (!data.applications.pageInfo.hasNextPage) break;
        after = data.applications.pageInfo.endCursor;
      }
    } catch (err) {
      log(`[workbench] the application registry did not answer: ${(err as Error).message}`);
      return null;
    }
    cached = { until: Date.now() + ttlMs, list };
    return list;
  };
}
