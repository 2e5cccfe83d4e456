/**
 * The gateway's standard request stages (gateway/stages/), built from configuration with what
 * they share (the signed platform client, the registry, grants), in the order declared in
 * stages/stage-order.ts.
 * `npm run gateway`, `npm start` and the test platform all build their gateway from this, so
 * what is tested is what runs.
 */
import { PlatformClient, createPlatformClient } from './signing/platform-client';
import { createSigningHook } from './stages/sign-subgraph-fetches';
import { AuthStage, createAuthHook } from './stages/authenticate';
import { createRegistryLookup, RegistryLookup } from './auth/registry-lookup';
import { RegistryInvalidation, subscribeToRegistryChanges } from './auth/registry-invalidation';
import { loadTokenKeys, TokenKeys } from './auth/token-keys';
import type { TokenSettings } from './auth/token-settings';
import { subgraphEndpoints } from './supergraph/subgraph-endpoints';
import type { GatewayConfig } from './config';
import type { GatewayHooks } from './stages/stage-hooks';
import { inStageOrder } from './stages/stage-order';
import { createPersistedDocumentStage } from './stages/resolve-persisted-documents';
import { createPersistedDocumentStore } from './persisted-documents';
import { createBindToCaseStage } from './stages/bind-to-case';
import { createGrantSource, GrantSource, grantSnapshotFetcher } from './grants';
import { createSharingPolicyHook, SharingPolicyHook } from './stages/enforce-sharing-policy';
import { loadSigningSecretFrom, SigningSecret } from '../contracts/signing/signing-secret';
import { AuditConfig, AuditTrailOptions } from './audit';
import { AuditStage, createAuditStage } from './stages/record-audit';
import { createFindSubjectsStage } from './stages/find-subjects';
import { configuredHmacKey, loadAuditKeys } from '../contracts/audit/audit-keys';
import { auditKey, subjectHash } from '../contracts/audit/keyed-hash';
import { randomBytes } from 'node:crypto';
import { AUDIT_DISABLED_WARNING } from './config/audit-switch';
import { createMemoryQuotaCounter, createRedisQuotaCounter, createSubjectQuotas } from './quotas';
import { setUpRateLimits } from './stages/limit-request-rate';
import type { RateLimitStage } from './stages/limit-request-rate';
import { createTraceRequestStage } from './stages/trace-request';
import { createGatewayTracing, TracingOptions } from './tracing';
import { createMetricsStage } from './stages/observe-metrics';

export interface PlatformHooksOptions {
  readonly config: GatewayConfig;
  /** The supergraph the gateway serves: where the platform client finds the subgraphs. */
  readonly supergraphSdl: string;
  /** The subgraph signing secret. @default loaded as config.signing says */
  readonly secret?: Buffer;
  /** @default config.tokens */
  readonly tokenSettings?: TokenSettings;
  /** @default loadTokenKeys(tokenSettings) */
  readonly tokenKeys?: TokenKeys;
  /** More stages, run after authentication and the policy, before the audit and signing (tests, experiments). */
  readonly extraHooks?: readonly GatewayHooks[];
  /**
   * The audit trail's settings; null runs without one, which only `config.auditDisabled`
   * (SHUJUTONG_INSECURE_DISABLE_AUDIT) or a test that says so should ask for: it is logged loudly.
   * @default config.audit, or null when config.auditDisabled
   */
  readonly audit?: AuditConfig | null;
  /** For AuditTrail.open (tests inject file-system failures). @default none */
  readonly auditTrail?: AuditTrailOptions;
  /** @default console.error */
  readonly log?: (line: string) => void;
  /** Traces (gateway/tracing/); tests give an exporter. @default config.tracing: off without OTEL_EXPORTER_OTLP_ENDPOINT */
  readonly tracing?: TracingOptions | null;
}

export interface PlatformHooks {
  /** For startGateway({ hooks }). */
  readonly hooks: readonly GatewayHooks[];
  /** Signed calls to subgraphs as the platform (GATEWAY_CALLER by default). */
  readonly client: PlatformClient;
  /** The audit stages (its `gate` runs first, the stage after the others); null without audit. */
  readonly audit: AuditStage | null;
  /** The authentication stage (its check serves the workbench's routes too). */
  readonly authentication: AuthStage;
  /** The cached application registry authentication asks. */
  readonly registry: RegistryLookup;
  /** The rate and concurrency limits stage; null when GATEWAY_RATE_LIMITS is off. */
  readonly rateLimits: RateLimitStage | null;
  /** The sharing policy stage, and the grants it decides with (in process, Redis, sharing subgraph). */
  readonly policy: SharingPolicyHook;
  readonly grants: GrantSource;
  readonly tokenSettings: TokenSettings;
  /** `signing` is set when a private key is configured or dev keys are in use (it can mint tokens). */
  readonly tokenKeys: TokenKeys;
  readonly secret: Buffer;
  /** Where the signing secret came from, for the start-up log. */
  readonly secretSource: SigningSecret['source'] | 'given';
  /** Closes the platform client's connections; call after the gateway has stopped. */
  close(): Promise<void>;
}

export async function createPlatformHooks(options: PlatformHooksOptions): Promise<PlatformHooks> {
  const { config } = options;
  const loaded = options.secret ? null : loadSigningSecretFrom(config.signing);
  const secret = options.secret ?? loaded!.secret;
  const tokenSettings = options.tokenSettings ?? config.tokens;
  const tokenKeys = options.tokenKeys ?? (await loadTokenKeys(tokenSettings));
  const log = options.log ?? ((line: string) => console.error(line));
  if (loaded?.source === 'dev')
    log(
      `[gateway] signing subgraph requests with the development secret ${loaded.file} (set SUBGRAPH_SIGNING_SECRET in production)`,
    );
  if (tokenKeys.source === 'dev')
    log(
      `[gateway] accepting tokens signed with the development key in ${tokenSettings.devKeyDir} (set JWT_PUBLIC_KEY in production)`,
    );

  const client = createPlatformClient({
    subgraphUrls: subgraphEndpoints(options.supergraphSdl, config.subgraphUrls),
    secret,
    timeoutMs: config.subgraphTimeoutMs,
    connectTimeoutMs: config.subgraphConnectTimeoutMs,
  });
  // With Redis, registry answers are kept until a change notice drops them (a suspension applies
  // on every instance within a second); without, or while notices cannot arrive, only briefly.
  let registryNotices: RegistryInvalidation | null = null;
  const registry = createRegistryLookup({
    client,
    ttlMs: () =>
      registryNotices?.subscribed ? config.registryCacheMs : config.registryLocalCacheMs,
  });
  registryNotices = config.redisUrl
    ? subscribeToRegistryChanges({
        url: config.redisUrl,
        namespace: config.grantsRedisNamespace,
        onChange: (id) => registry.forget(id),
        onSubscriptionChange: () => registry.invalidate(),
        log,
      })
    : null;
  const grants = createGrantSource({
    fetchSnapshot: grantSnapshotFetcher(client),
    redis: config.redisUrl
      ? { url: config.redisUrl, namespace: config.grantsRedisNamespace, secret }
      : null,
    localTtlMs: config.grantsTtlMs,
    redisTtlMs: config.grantsRedisTtlMs,
    degradedTtlMs: config.grantsDegradedTtlMs,
    loadTimeoutMs: config.grantsLoadTimeoutMs,
    log,
  });
  // Started and stopped with the gateway (its start/stop hooks): Redis connections included.
  const policy = createSharingPolicyHook({
    supergraphSdl: options.supergraphSdl,
    mode: config.sharingPolicyMode,
    grants,
    log,
  });

  const auditConfig =
    options.audit !== undefined ? options.audit : config.auditDisabled ? null : config.audit;
  if (!auditConfig) log(AUDIT_DISABLED_WARNING);
  // Loaded once: the trail records, and the subject quotas count, the same keyed hashes.
  const auditKeys = auditConfig
    ? (options.auditTrail?.keys ?? loadAuditKeys(auditConfig.keys))
    : null;
  // Without the trail the quotas still count hashes, never identifiers: under the configured key,
  // or one of this process's own (a count kept in Redis is then this instance's alone).
  const quotaKey =
    auditKeys?.hmac ?? configuredHmacKey(config.audit.keys) ?? auditKey(randomBytes(32));
  // Subject quotas, and the case binding of item grants (which holds even with quotas off), are
  // guards of the stage that finds each response's subjects: on with or without the trail.
  const subjectQuotas = createSubjectQuotas({
    policy,
    grants,
    counter:
      config.redisUrl && config.subjectQuotas
        ? createRedisQuotaCounter({ url: config.redisUrl, log })
        : createMemoryQuotaCounter(),
    namespace: config.grantsRedisNamespace,
    enforceQuotas: config.subjectQuotas,
  });
  if (!config.subjectQuotas)
    log(
      '[subject-quota] WARNING: GATEWAY_SUBJECT_QUOTAS is off: no subject quota is enforced (for measuring their cost only)',
    );
  const findSubjects = createFindSubjectsStage({
    subjectQuotas,
    hash: (subject) => subjectHash(quotaKey, subject.kind, subject.id),
  });
  // Installed first: it refuses nothing and counts every request, refused ones included.
  const metrics = createMetricsStage({
    token: config.metricsToken,
    grantMode: () => grants.mode,
    grantAgeMs: () => grants.oldestSnapshotAgeMs(),
    auditTrail: () => audit?.trail ?? null,
    log,
  });
  const audit = auditConfig
    ? createAuditStage({
        config: auditConfig,
        trail: {
          ...options.auditTrail,
          keys: auditKeys!,
          onGroupCommit: metrics.observeJournalCommit,
        },
        log,
        subjects: findSubjects,
      })
    : null;

  const rateLimits = config.rateLimits
    ? setUpRateLimits({
        registry,
        departmentLimits: {
          requestsPerMinute: config.departmentRequestsPerMinute,
          burst: config.departmentBurst,
          concurrency: config.departmentConcurrency,
        },
        redis: config.redisUrl
          ? {
              url: config.redisUrl,
              namespace: config.rateLimitRedisNamespace ?? config.grantsRedisNamespace,
            }
          : null,
        leaseMs: config.rateLimitLeaseMs,
        lookupMissesPerDay: config.lookupMissesPerDay,
        citizenKeySecret: secret,
        log,
      })
    : null;
  if (!rateLimits)
    log(
      '[rate-limits] WARNING: GATEWAY_RATE_LIMITS is off: no request rate or concurrency limit is enforced (for measuring their cost only)',
    );

  const authentication = createAuthHook({
    key: tokenKeys.verification,
    issuer: tokenSettings.issuer,
    audience: tokenSettings.audience,
    registry,
  });
  const tracing = createGatewayTracing(
    options.tracing !== undefined ? options.tracing : config.tracing,
  );
  const hooks = [
    metrics,
    ...inStageOrder({
      // Shut down (spans flushed) with the gateway: the stage's stop.
      traceRequest: tracing ? createTraceRequestStage(tracing) : null,
      auditGate: audit ? audit.gate : null,
      authenticate: authentication,
      limitRequestRate: rateLimits,
      resolvePersistedDocuments: createPersistedDocumentStage({
        store: createPersistedDocumentStore({ client, log }),
        registry,
      }),
      bindToCase: createBindToCaseStage({ client }),
      enforceSharingPolicy: policy,
      extra: options.extraHooks,
      findSubjects,
      recordAudit: audit,
      signSubgraphFetches: createSigningHook({ secret }),
    }),
  ];

  return {
    hooks,
    client,
    authentication,
    registry,
    rateLimits,
    policy,
    audit,
    grants,
    tokenSettings,
    tokenKeys,
    secret,
    secretSource: loaded ? loaded.source : 'given',
    close: async () => {
      await registryNotices?.close();
      await client.close();
    },
  };
}
