/**
 * The whole platform in the test process: every registered subgraph (or the ones asked for)
 * on a free loopback port over its own seeded temp database, and the gateway in front of them,
 * composed in memory from exactly those subgraphs.
 *
 *   const platform = await startPlatform({ backend: 'sqlite' });
 *   const token = await platform.token({ department: 'civil-affairs', application: 'minimum-living-allowance' });
 *   await postGraphQL(platform.gatewayUrl, '{ ... }', {}, { authorization: `Bearer ${token}` });
 *   await platform.subgraphs.population!.stop();   // take one subgraph down
 *   await platform.audit!.ship();                    // the audit trail, on by default: ship now,
 *   const db = await platform.audit!.connect();      // and read the records (platform-audit.ts)
 *   await platform.stop();
 */
import { generateKeyPairSync, randomBytes } from 'node:crypto';
import { Knex } from 'knex';
import { issueToken } from '../../gateway/auth/issue-token';
import { loadTokenKeys } from '../../gateway/auth/token-keys';
import { readTokenSettings } from '../../gateway/auth/token-settings';
import { createPlatformHooks, PlatformHooks } from '../../gateway/platform-hooks';
import { createRequestVerifier } from '../../subgraphs/kit/request-signature';
import {
  composeSupergraph,
  formatProblem,
  registeredSubgraphNames,
} from '../../scripts/compose/compose-supergraph';
import { GatewayConfig, readGatewayConfig } from '../../gateway/config';
import { GatewayHooks } from '../../gateway/stages/stage-hooks';
import { RunningGateway, startGateway } from '../../gateway/server';
import { platformWorkbench } from '../../gateway/workbench/platform-workbench';
import { platformOpenData } from '../../gateway/open-data/platform-open-data';
import { grantsReadiness } from '../../gateway/grants';
import { createSubgraphService } from '../../subgraphs/kit/subgraph-service';
import { SUBGRAPH_MODULES, SUBGRAPH_SERVICES } from '../../subgraphs/modules';
import { SubgraphName } from '../../contracts/subgraph-directory';
import type { SettingsEnv } from '../../contracts/settings/setting-values';
import { createTempDatabase, TempDatabase, uniqueSuffix } from './temp-database';
import { createAuditStage } from '../../gateway/stages/record-audit';
import { createFindSubjectsStage } from '../../gateway/stages/find-subjects';
import {
  AuditSetup,
  createAuditSetup,
  PlatformAudit,
  PlatformAuditOptions,
} from './platform-audit';
import type { AuditStage } from '../../gateway/stages/record-audit';
import type { RequestVerifier } from '../../subgraphs/kit/subgraph-server';
import type { SpanExporter } from '@opentelemetry/sdk-trace-base';

export interface PlatformOptions {
  /** @default 'sqlite' */
  backend?: 'sqlite' | 'mysql';
  /** Size of the seeded demo city. @default 2000 */
  persons?: number;
  /** Demo world seed. @default 7 (as createTempDatabase) */
  seed?: number;
  /** Which registered subgraphs to start. @default all registered */
  subgraphs?: SubgraphName[];
  /** Gateway settings over the defaults (port 0, loopback). */
  gateway?: Partial<GatewayConfig>;
  /**
   * Authentication and subgraph signatures as in production (gateway/platform-hooks.ts), with a
   * key pair and signing secret made for this platform: requests need `platform.token(...)`,
   * and subgraphs refuse unsigned requests. False: no platform stages and no verification
   * (only `hooks`), as for testing the pipeline itself with stand-ins.
   * @default true
   */
  security?: boolean;
  /** Request stages for the gateway: with security, run after the platform's own and before signing; without, the only ones. */
  hooks?: readonly GatewayHooks[];
  /**
   * The audit trail, as in production on by default: every gateway journals in a temp folder and
   * ships to a throw-away audit database on `backend` (test/utils/platform-audit.ts). `false`
   * runs without it, for tests that do not look at it.
   * @default {}
   */
  audit?: false | PlatformAuditOptions;
  /** Where subgraph and gateway logs go. @default discarded */
  log?: (line: string) => void;
  /**
   * Redis for grants (gateway/grants/): the sharing subgraph publishes its change notices there
   * and every gateway of the platform caches and subscribes. The namespace keeps platforms that
   * share one Redis apart. @default none: grants cached in process only
   */
  redis?: { url: string; namespace?: string };
  /**
   * Traces: the gateway and every subgraph export their spans to this exporter (e.g. an
   * InMemorySpanExporter), each under its own service name. @default off
   */
  tracing?: { exporter: SpanExporter };
}

export interface PlatformSubgraph {
  /** The subgraph's own GraphQL endpoint (bypassing the gateway). */
  url: string;
  db: Knex;
  /** GraphQL requests this subgraph has received (health checks aside), from the gateway or anyone. */
  requests(): number;
  /** Stops this subgraph's server and background tasks (its database stays until platform.stop()); idempotent. */
  stop(): Promise<void>;
}

/** What a test token says; see gateway/auth/issue-token.ts. */
export interface TestTokenRequest {
  department: string;
  application?: string | null;
  operator?: string | null;
  roles?: readonly string[];
  /** @default 3600 */
  ttlSeconds?: number;
  /** When it was issued (e.g. in the past, for an expired token). @default now */
  issuedAt?: Date;
}

export interface ExtraGateway {
  url: string;
  gateway: RunningGateway;
  security: PlatformHooks | null;
  audit: AuditStage | null;
  /** Idempotent. */
  stop(): Promise<void>;
}

export interface Platform {
  gatewayUrl: string;
  gateway: RunningGateway;
  /** The platform stages (client, registry, keys, secret); null with security: false. */
  security: PlatformHooks | null;
  /** The gateways' audit trail and its database; null with audit: false. */
  audit: PlatformAudit | null;
  /** Mints a token the gateway accepts (signed with this platform's key); throws with security: false. */
  token(request: TestTokenRequest): Promise<string>;
  /** `{ authorization: 'Bearer …' }` for such a token, plus `x-purpose` when given. */
  headers(request: TestTokenRequest & { purpose?: string }): Promise<Record<string, string>>;
  /**
   * Starts one more gateway over the same subgraphs, with the platform's keys and stages and
   * these settings (e.g. another instance on the same Redis, or another policy mode); stopped
   * with the platform.
   */
  addGateway(overrides?: Partial<GatewayConfig>): Promise<ExtraGateway>;
  /** The supergraph the gateway serves, composed with the subgraphs' real URLs. */
  supergraphSdl: string;
  subgraphs: Partial<Record<SubgraphName, PlatformSubgraph>>;
  /** Stops the gateway and subgraphs and removes the databases; idempotent. */
  stop(): Promise<void>;
}

function once(fn: () => Promise<void>): () => Promise<void> {
  let done: Promise<void> | null = null;
  return () => (done ??= fn());
}

export async function startPlatform(options: PlatformOptions = {}): Promise<Platform> {
  const names = options.subgraphs ?? registeredSubgraphNames();
  const missing = names.filter((n) => !SUBGRAPH_MODULES[n]);
  if (missing.length > 0)
    throw new Error(
      `startPlatform: subgraph(s) not registered in subgraphs/modules.ts: ${missing.join(', ')}`,
    );
  if (names.length === 0) throw new Error('startPlatform: no subgraph to start');
  if (options.audit === false && names.includes('audit'))
    throw new Error(
      "startPlatform: the audit subgraph reads the platform's audit trail; leave audit on to start it",
    );
  const log = options.log ?? (() => {});
  const security = options.security ?? true;
  // Fresh for every platform: nothing in data/keys is read or made by tests.
  // Text, as SUBGRAPH_SIGNING_SECRET is, so a gateway process can be given the same one.
  const secret = Buffer.from(randomBytes(32).toString('base64url'), 'utf8');

  const temps: TempDatabase[] = [];
  const stops: (() => Promise<void>)[] = [];
  let auditSetup: AuditSetup | null = null;
  const cleanup = async () => {
    await Promise.allSettled(stops.map((s) => s()));
    await Promise.allSettled(temps.map((t) => t.cleanup()));
    // After the gateways: their trails close (flush, final checkpoint, ship) into it first.
    await auditSetup?.cleanup();
  };

  try {
    // Databases are created and seeded concurrently: SQLite seeding overlaps with MariaDB I/O.
    const settled = await Promise.allSettled(
      names.map((name) =>
        createTempDatabase(SUBGRAPH_MODULES[name]!, {
          backend: options.backend,
          persons: options.persons ?? 2000,
          seed: options.seed,
        }),
      ),
    );
    for (const s of settled) if (s.status === 'fulfilled') temps.push(s.value);
    const failed = settled.find((s): s is PromiseRejectedResult => s.status === 'rejected');
    if (failed) throw failed.reason;

    const redisNamespace = options.redis
      ? (options.redis.namespace ?? `test-${uniqueSuffix()}`)
      : null;
    const audit =
      options.audit === false
        ? null
        : (auditSetup = createAuditSetup(options.backend ?? 'sqlite', options.audit ?? {}));
    // Each subgraph is the service its process runs (subgraph-service.ts), told what the
    // environment does not say about this platform: the sharing subgraph announces grant changes
    // on the platform's Redis (none unless asked), the audit subgraph reads what the platform's
    // gateways record, with their HMAC key.
    const envOf = (name: SubgraphName): SettingsEnv => ({
      ...process.env,
      ...(name === 'sharing'
        ? { REDIS_URL: options.redis?.url ?? '', GRANTS_REDIS_NAMESPACE: redisNamespace ?? '' }
        : {}),
      ...(name === 'audit' ? audit?.env : {}),
    });

    const subgraphs: Partial<Record<SubgraphName, PlatformSubgraph>> = {};
    await Promise.all(
      names.map(async (name, i) => {
        const verify = security ? createRequestVerifier({ subgraph: name, secret }) : null;
        let requests = 0;
        const verifyRequest: RequestVerifier = (req, raw) => {
          requests++;
          return verify ? verify(req, raw) : null;
        };
        const database =
          name === 'audit' && audit
            ? { target: audit.target, db: await audit.connect() }
            : temps[i];
        const definition = SUBGRAPH_SERVICES[name]!;
        const settings = definition.readSettings(envOf(name));
        const service = await createSubgraphService(definition, settings, {
          database: database.target,
          db: database.db,
          port: 0,
          log,
          verifyRequest,
          cursorSecret: secret,
          tracing: options.tracing ?? null,
        });
        const stop = once(() => service.stop());
        stops.push(stop);
        subgraphs[name] = { url: service.url, db: service.db, requests: () => requests, stop };
      }),
    );

    const composed = composeSupergraph(names.map((name) => ({ name, url: subgraphs[name]!.url })));
    if (!composed.ok)
      throw new Error(
        `startPlatform: the subgraphs do not compose:\n${composed.errors.map(formatProblem).join('\n')}`,
      );
    const redisConfig: Partial<GatewayConfig> = options.redis
      ? { redisUrl: options.redis.url, grantsRedisNamespace: redisNamespace }
      : {};
    const config: GatewayConfig = {
      ...readGatewayConfig({}),
      host: '127.0.0.1',
      port: 0,
      ...redisConfig,
      ...options.gateway,
    };
    let platformHooks: PlatformHooks | null = null;
    const tokenSettings = security
      ? readTokenSettings({
          JWT_PRIVATE_KEY: generateKeyPairSync('ed25519')
            .privateKey.export({ format: 'pem', type: 'pkcs8' })
            .toString(),
        })
      : null;
    const tokenKeys = tokenSettings ? await loadTokenKeys(tokenSettings) : null;
    const auditTrail = options.audit ? options.audit.trail : undefined;
    const stagesFor = async (
      gatewayConfig: GatewayConfig,
    ): Promise<{
      hooks?: readonly GatewayHooks[];
      security: PlatformHooks | null;
      audit: AuditStage | null;
    }> => {
      const auditConfig = audit ? audit.nextConfig() : null;
      if (tokenSettings && tokenKeys) {
        const built = await createPlatformHooks({
          config: gatewayConfig,
          supergraphSdl: composed.supergraphSdl,
          secret,
          tokenSettings,
          tokenKeys,
          extraHooks: options.hooks,
          audit: auditConfig,
          auditTrail,
          log,
          tracing: options.tracing ?? null,
        });
        stops.push(once(() => built.close()));
        return { hooks: built.hooks, security: built, audit: built.audit };
      }
      // Without the platform's stages the audit still wraps the given ones, as in production.
      const subjects = createFindSubjectsStage();
      const stage = auditConfig
        ? createAuditStage({ config: auditConfig, trail: auditTrail, log, subjects })
        : null;
      return {
        hooks: stage ? [stage.gate, ...(options.hooks ?? []), subjects, stage] : options.hooks,
        security: null,
        audit: stage,
      };
    };
    const first = await stagesFor(config);
    platformHooks = first.security;
    const gateway = await startGateway({
      config,
      supergraphSdl: composed.supergraphSdl,
      hooks: first.hooks,
      log,
      workbench: first.security ? platformWorkbench(first.security, config, log) : undefined,
      openData: first.security ? platformOpenData(first.security, config, log) : undefined,
      readiness: first.security ? [grantsReadiness(first.security.grants)] : undefined,
    });
    // The gateway stops first, so no fetch is in flight when the subgraphs go.
    const gatewayStops = [once(() => gateway.stop())];
    stops.unshift(() => Promise.all(gatewayStops.map((s) => s())).then(() => {}));

    const addGateway = async (overrides: Partial<GatewayConfig> = {}): Promise<ExtraGateway> => {
      const extraConfig: GatewayConfig = { ...config, port: 0, ...overrides };
      const stages = await stagesFor(extraConfig);
      const extra = await startGateway({
        config: extraConfig,
        supergraphSdl: composed.supergraphSdl,
        hooks: stages.hooks,
        log,
        workbench: stages.security
          ? platformWorkbench(stages.security, extraConfig, log)
          : undefined,
        openData: stages.security ? platformOpenData(stages.security, extraConfig, log) : undefined,
        readiness: stages.security ? [grantsReadiness(stages.security.grants)] : undefined,
      });
      const stop = once(() => extra.stop());
      gatewayStops.push(stop);
      return {
        url: extra.url,
        gateway: extra,
        security: stages.security,
        audit: stages.audit,
        stop,
      };
    };

    const token = async (request: TestTokenRequest): Promise<string> => {
      if (!platformHooks) throw new Error('startPlatform: tokens need security (the default)');
      const { ttlSeconds = 3600, issuedAt, ...claims } = request;
      return issueToken(
        platformHooks.tokenKeys.signing!,
        platformHooks.tokenSettings,
        { ...claims, ttlSeconds },
        issuedAt,
      );
    };
    const headers = async ({ purpose, ...request }: TestTokenRequest & { purpose?: string }) => ({
      authorization: `Bearer ${await token(request)}`,
      ...(purpose ? { 'x-purpose': purpose } : {}),
    });

    const stopAll = once(async () => {
      await stops[0]();
      await cleanup();
    });
    const platformAudit: PlatformAudit | null =
      audit && first.audit
        ? {
            ...audit,
            stage: first.audit,
            ship: () =>
              first.audit!.trail
                ? first.audit!.trail.shipper.drain()
                : Promise.reject(new Error('the audit trail is closed')),
          }
        : null;
    return {
      gatewayUrl: gateway.url,
      gateway,
      security: platformHooks,
      audit: platformAudit,
      token,
      headers,
      addGateway,
      supergraphSdl: composed.supergraphSdl,
      subgraphs,
      stop: stopAll,
    };
  } catch (err) {
    await cleanup();
    throw err;
  }
}
