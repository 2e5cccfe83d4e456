/**
 * A local OpenID Connect provider for developing and testing the workbench's sign-in, so the
 * real authorization-code flow (PKCE, state, nonce, ID token, userinfo, end-session) runs without
 * the government's identity provider. `oidc-provider` (development dependency), on loopback only,
 * with one client and a few demo accounts whose claims carry a department, application,
 * operator (preferred_username) and roles. Its development login form accepts any password.
 * Never for production: it keeps everything in memory and its keys die with it.
 *
 *   node scripts/local-oidc-provider.mjs [--port 4400] [--client-id shujutong-workbench]
 *        [--client-secret <secret> | --public] [--redirect-uri <uri>]...
 *
 * The port comes from --port, else OIDC_LOCAL_PORT, else 4400; 0 picks a free one. When ready,
 * it prints its issuer URL alone on stdout (for test/utils/local-oidc-provider.ts), and how to
 * point the gateway at it on stderr. Redirect URIs on loopback match any port (RFC 8252 §7.3),
 * so a gateway on http://127.0.0.1:<any port> or http://localhost:<any port> can use it.
 */
import { generateKeyPairSync, randomBytes } from 'node:crypto';
import http from 'node:http';
import { parseArgs } from 'node:util';
import Provider, { interactionPolicy } from 'oidc-provider';

/** The demo accounts: log in with the id, any password. */
export const ACCOUNTS = {
  'analyst-civil': {
    name: '民政局 数据分析员 (Civil Affairs analyst)',
    department: 'civil-affairs',
    application: 'minimum-living-allowance',
    roles: ['analyst'],
  },
  'analyst-tax': {
    name: '税务局 数据分析员 (Taxation analyst)',
    department: 'tax',
    application: 'tax-collection',
    roles: ['analyst', 'tax-officer'],
  },
  'analyst-hr': {
    name: '人社局 数据分析员 (Human Resources analyst, no application)',
    department: 'human-resources',
    application: null,
    roles: ['analyst'],
  },
  'steward-public-security': {
    name: '公安局 数据管理员 (Public Security data steward)',
    department: 'public-security',
    application: 'household-registration',
    roles: ['data-steward'],
  },
  // Claims the platform must refuse: an application of another department.
  'misfiled-account': {
    name: '配置错误的账户 (an application of another department)',
    department: 'tax',
    application: 'minimum-living-allowance',
    roles: ['analyst'],
  },
};

const DEFAULT_PORT = 4400;
const DEFAULT_CLIENT_ID = 'shujutong-workbench';
const DEFAULT_CLIENT_SECRET = 'local-development-secret-not-for-production';
const LOOPBACK_CALLBACKS = ['127.0.0.1', 'localhost', '[::1]'].map(
  (host) => `http://${host}/auth/oidc/callback`,
);

function options() {
  const { values } = parseArgs({
    options: {
      port: { type: 'string' },
      'client-id': { type: 'string', default: DEFAULT_CLIENT_ID },
      'client-secret': { type: 'string', default: DEFAULT_CLIENT_SECRET },
      public: { type: 'boolean', default: false },
      'redirect-uri': { type: 'string', multiple: true, default: [] },
    },
  });
  const portText = values.port ?? process.env.OIDC_LOCAL_PORT ?? String(DEFAULT_PORT);
  const port = Number(portText);
  if (!Number.isInteger(port) || port < 0 || port > 65535)
    throw new Error(`the port must be 0 to 65535, got "${portText}"`);
  return {
    port,
    clientId: values['client-id'],
    clientSecret: values.public ? null : values['client-secret'],
    redirectUris: [...LOOPBACK_CALLBACKS, ...values['redirect-uri']],
  };
}

function signingKey() {
  // RS256, the algorithm clients expect of an ID token unless told otherwise. A new kid each
  // start, so a client that cached the last run's keys fetches the new ones.
  const { privateKey } = generateKeyPairSync('rsa', { modulusLength: 2048 });
  const kid = randomBytes(8).toString('hex');
  return { ...privateKey.export({ format: 'jwk' }), kid, use: 'sig', alg: 'RS256' };
}

/**
 * The usual prompts, except that the platform's own client is not asked for consent: a loopback
 * ("native") client otherwise always is, since anyone could claim its redirect URI; here the
 * provider itself never leaves this machine.
 */
function policy() {
  const prompts = interactionPolicy.base();
  prompts.get('consent').checks.remove('native_client_prompt');
  return prompts;
}

function createProvider(issuer, { clientId, clientSecret, redirectUris }) {
  const loopbackOnly = redirectUris.every((uri) =>
    ['127.0.0.1', 'localhost', '[::1]'].includes(new URL(uri).hostname),
  );
  const signInPages = redirectUris.map((uri) => new URL('/auth/sign-in', uri).href);
  return new Provider(issuer, {
    clients: [
      {
        client_id: clientId,
        ...(clientSecret
          ? { client_secret: clientSecret, token_endpoint_auth_method: 'client_secret_basic' }
          : { token_endpoint_auth_method: 'none' }),
        // "native": loopback redirect URIs match whatever port the gateway got.
        application_type: loopbackOnly ? 'native' : 'web',
        redirect_uris: redirectUris,
        post_logout_redirect_uris: signInPages,
        grant_types: ['authorization_code'],
        response_types: ['code'],
      },
    ],
    jwks: { keys: [signingKey()] },
    cookies: { keys: [randomBytes(32).toString('base64url')] },
    pkce: { required: () => true },
    interactions: { policy: policy() },
    claims: {
      openid: ['sub'],
      profile: ['name', 'preferred_username', 'department', 'application', 'roles'],
    },
    features: { devInteractions: { enabled: true }, rpInitiatedLogout: { enabled: true } },
    async findAccount(_ctx, id) {
      const account = Object.hasOwn(ACCOUNTS, id) ? ACCOUNTS[id] : null;
      if (!account) return undefined;
      return {
        accountId: id,
        claims: async () => ({
          sub: id,
          preferred_username: id,
          name: account.name,
          department: account.department,
          ...(account.application ? { application: account.application } : {}),
          roles: account.roles,
        }),
      };
    },
    // The workbench is the platform's own client: its users are not asked to consent.
    async loadExistingGrant(ctx) {
      const grantId =
        ctx.oidc.result?.consent?.grantId || ctx.oidc.session.grantIdFor(ctx.oidc.client.clientId);
      if (grantId) return ctx.oidc.provider.Grant.find(grantId);
      const grant = new ctx.oidc.provider.Grant({
        clientId: ctx.oidc.client.clientId,
        accountId: ctx.oidc.session.accountId,
      });
      grant.addOIDCScope('openid profile');
      await grant.save();
      return grant;
    },
  });
}

async function main() {
  const opts = options();
  const server = http.createServer();
  await new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(opts.port, '127.0.0.1', resolve);
  });
  const issuer = `http://127.0.0.1:${server.address().port}`;
  const provider = createProvider(issuer, opts);
  // oidc-provider's built-in pages (login, sign-out) @import a web font from Google: drop it,
  // so a browser signing in here sends nothing off the machine.
  provider.use(async (ctx, next) => {
    await next();
    if (typeof ctx.body === 'string' && ctx.type === 'text/html')
      ctx.body = ctx.body.replace(/@import url\(https:\/\/fonts\.googleapis\.com[^)]*\);?/g, '');
  });
  server.on('request', provider.callback());

  const stop = () => server.close(() => process.exit(0));
  process.on('SIGTERM', stop);
  process.on('SIGINT', stop);

  process.stdout.write(`${issuer}\n`);
  process.stderr.write(
    `
Local OpenID provider (development only) at ${issuer}
Point the gateway at it:

  WORKBENCH_OIDC_ISSUER=${issuer}
  WORKBENCH_OIDC_CLIENT_ID=${opts.clientId}${opts.clientSecret ? `\n  WORKBENCH_OIDC_CLIENT_SECRET=${opts.clientSecret}` : ''}

Accounts (any password): ${Object.keys(ACCOUNTS).join(', ')}
`,
  );
}

main().catch((err) => {
  process.stderr.write(`[oidc:local] ${err instanceof Error ? err.message : String(err)}\n`);
  process.exit(1);
});
