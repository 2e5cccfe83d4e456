/**
 * Loads one department's grants from the sharing subgraph, the source of truth, through the
 * gateway's signed platform client, as the platform itself (GATEWAY_CALLER: only the big data
 * bureau and the department may read a department's grants).
 */
import { grantSnapshotFromData, GRANTS_FOR_QUERY } from '../../contracts/grants/grant-snapshot';
import { CITIZEN_DEPARTMENT } from '../../contracts/caller/caller-identity';
import type { PlatformClient } from '../signing/platform-client';
import type { LoadedSnapshot } from './grant-cache';

type GrantsForData = Parameters<typeof grantSnapshotFromData>[1];

export function grantSnapshotFetcher(
  client: Pick<PlatformClient, 'query'>,
): (department: string) => Promise<LoadedSnapshot> {
  return async (department) => {
    // Grants are made to departments; a citizen's token (gateway/auth/citizen-claims.ts) holds
    // none, and the registry would refuse to be asked for a department it does not know.
    if (department === CITIZEN_DEPARTMENT)
      return { status: 'LOADED', department, version: '0', grants: [] };
    return grantSnapshotFromData(
      department,
      await client.query<GrantsForData>('sharing', GRANTS_FOR_QUERY, { department }),
    );
  };
}
