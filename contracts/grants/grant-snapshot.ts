/**
 * What the gateway needs from this subgraph, as TypeScript: the query that loads a department's
 * grants, the flat record it turns into, and the pub/sub message that says a department's grants
 * changed. Kept here, beside the schema it matches, so both sides change together.
 */

export const GRANTS_FOR_QUERY = `query GrantsFor($department: ID!) {
  grantsFor(department: $department) {
    version
    asOf
    grants {
      id
      application { id }
      coordinates
      purposes
      validFrom
      validUntil
      clear
      subjectQuota
      grantedBy { code }
      item { code }
    }
  }
}`;

/**
 * One grant as the gateway's policy engine takes it (structurally its `Grant` in
 * gateway/policy/grant.ts). The subgraph keeps validity as calendar days in China Standard Time
 * (an owner grants "until 31 December"); the policy compares instants, so a grant runs from
 * 00:00 Beijing time on its first day to 00:00 after its last day (exclusive).
 */
export interface GrantRecord {
  id: string;
  department: string;
  /** Only this application may use it; null: any application of the department. */
  application: string | null;
  /** `Type.field`, or `Type.*` for the fields of Type served by the grantedBy department's subgraphs. */
  coordinates: string[];
  purposes: string[];
  /** ISO 8601 instant: 00:00 China Standard Time on the first day. */
  validFrom: string;
  /** ISO 8601 instant, exclusive: 00:00 China Standard Time after the last day; null: until revoked. */
  validUntil: string | null;
  /** Clear values; false: masked values. */
  clear: boolean;
  /** Always ACTIVE in a snapshot: revoked grants are left out. */
  status: 'ACTIVE' | 'REVOKED';
  grantedBy: string;
  /** Distinct subjects per application and China day (domain/subject-quota.ts). */
  subjectQuota: number;
  /**
   * 事项授权: the approval item (政务服务事项) whose data list the grant approves; it serves only
   * requests bound to an open case of that item. Null: a standing grant.
   */
  item: string | null;
}

/** The policy engine's loaded snapshot (its `GrantSnapshot` with status LOADED). */
export interface GrantSnapshotRecord {
  status: 'LOADED';
  department: string;
  /** The subgraph's integer version, as the string the policy's plan cache keys on. */
  version: string;
  grants: GrantRecord[];
}

interface GrantsForData {
  grantsFor: {
    version: number;
    asOf: string;
    grants: {
      id: string;
      application: { id: string } | null;
      coordinates: string[];
      purposes: string[];
      validFrom: string;
      validUntil: string | null;
      clear: boolean;
      subjectQuota: number;
      grantedBy: { code: string };
      /** Optional for data built by hand (tests): absent means a standing grant. */
      item?: { code: string } | null;
    }[];
  };
}

/** 00:00 in China Standard Time (UTC+8, no daylight saving) on `date`, plus `days`. */
export function chinaDayStart(date: string, days = 0): string {
  return new Date(Date.parse(`${date}T00:00:00+08:00`) + days * 86_400_000).toISOString();
}

export function grantSnapshotFromData(
  department: string,
  data: GrantsForData,
): GrantSnapshotRecord {
  const { version, grants } = data.grantsFor;
  return {
    status: 'LOADED',
    department,
    version: String(version),
    grants: grants.map((g) => ({
      id: g.id,
      department,
      application: g.application?.id ?? null,
      coordinates: g.coordinates,
      purposes: g.purposes,
      validFrom: chinaDayStart(g.validFrom),
      validUntil: g.validUntil === null ? null : chinaDayStart(g.validUntil, 1),
      clear: g.clear,
      status: 'ACTIVE',
      grantedBy: g.grantedBy.code,
      subjectQuota: g.subjectQuota,
      item: g.item?.code ?? null,
    })),
  };
}

/** The Redis pub/sub channel on which onGrantsChanged is published. */
export const GRANTS_CHANGED_CHANNEL = 'shujutong:grants-changed';

/**
 * The Redis names one deployment uses: the change channel and the key of each department's
 * shared snapshot. A namespace (`GRANTS_REDIS_NAMESPACE`) separates deployments, or test runs,
 * that share one Redis server: pub/sub ignores the database number, so nothing else would.
 * Without one the channel is exactly GRANTS_CHANGED_CHANNEL.
 */
export function grantsRedisNames(namespace: string | null = null): {
  channel: string;
  snapshotKey: (department: string) => string;
} {
  const suffix = namespace ? `:${namespace}` : '';
  return {
    channel: `${GRANTS_CHANGED_CHANNEL}${suffix}`,
    snapshotKey: (department) => `shujutong:grants${suffix}:${department}`,
  };
}

export interface GrantsChangedMessage {
  department: string;
  version: number;
}

export function encodeGrantsChanged(department: string, version: number): string {
  return JSON.stringify({ department, version } satisfies GrantsChangedMessage);
}

/** Null for anything that is not a well-formed message: a subscriber ignores it rather than crash. */
export function decodeGrantsChanged(text: string): GrantsChangedMessage | null {
  try {
    const value: unknown = JSON.parse(text);
    if (typeof value !== 'object' || value === null) return null;
    const { department, version } = value as Record<string, unknown>;
    if (typeof department !== 'string' || !Number.isInteger(version) || (version as number) < 0)
      return null;
    return { department, version: version as number };
  } catch {
    return null;
  }
}
