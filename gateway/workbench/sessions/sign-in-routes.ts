/**
 * GET /auth/sign-in (the page) and POST /auth/dev/sign-in (the development form). The form
 * lets anyone choose who they are, so it exists only where the config allows it (never under
 * NODE_ENV=production: its route answers 404 there), accepts a POST only from this gateway's
 * own page (login CSRF), and checks the identity chosen as strictly as the provider's.
 */
import type http from 'node:http';
import { ErrorCode } from '../../../domain/error-codes';
import { readBody, writeGraphQLError } from '../../../contracts/http/http-adapter';
import { RegistryUnavailableError } from '../../auth/registry-lookup';
import type { HttpRoute } from '../../http/http-route';
import type { WorkbenchDeps } from '../workbench-deps';
import { activeApplications } from './active-applications';
import { messagePage, writeHtml } from './html-page';
import { identityProblem } from './identity-check';
import { safeNextPath } from './next-path';
import { gatewayOrigin, postedFromOrigin } from './request-origin';
import type { SessionCore } from './session-core';
import type { SessionIdentity } from './session-token';
import { signInPage } from './sign-in-page';

const FORM_LIMIT_BYTES = 8192;

function refuse(res: http.ServerResponse, status: number, next: string, message: string[]) {
  writeHtml(
    res,
    status,
    messagePage({
      title: '未能登录 Not signed in',
      message,
      link: { href: `/auth/sign-in?next=${encodeURIComponent(next)}`, label: '返回 Back' },
    }),
  );
}

/** The form's fields as one identity; each field is read once, whatever else was posted. */
function formIdentity(form: URLSearchParams): SessionIdentity {
  const field = (name: string) => (form.get(name) ?? '').trim();
  return {
    department: field('department'),
    application: field('application') || null,
    operator: field('operator') || null,
    roles: [
      ...new Set(
        field('roles')
          .split(/[\s,]+/)
          .filter(Boolean),
      ),
    ].sort(),
  };
}

export function signInRoutes(
  deps: WorkbenchDeps,
  core: SessionCore,
  oidcName: string | null,
): HttpRoute[] {
  const settings = core.settings;
  const applications = activeApplications(deps.client, deps.log);

  const page: HttpRoute = {
    method: 'GET',
    path: '/auth/sign-in',
    handle: async (req, res, url) => {
      const next = safeNextPath(url.searchParams.get('next'));
      const found = await core.lookup(req);
      const dev = settings.devSignIn ? { applications: await applications() } : null;
      writeHtml(
        res,
        200,
        signInPage({
          next,
          signedIn: found.ok ? found.session.claims : null,
          oidcName,
          dev,
          unavailable: core.cannotIssue,
        }),
      );
    },
  };

  const devSignIn: HttpRoute = {
    method: 'POST',
    path: '/auth/dev/sign-in',
    handle: async (req, res) => {
      if (!settings.devSignIn)
        return writeGraphQLError(res, 404, 'nothing at /auth/dev/sign-in', ErrorCode.NOT_FOUND);
      if (!postedFromOrigin(req, gatewayOrigin(req, settings.publicUrl)))
        return refuse(res, 403, '/', [
          '登录表单只能从本站的登录页提交。',
          "The sign-in form is accepted only from this gateway's own sign-in page.",
        ]);
      if (core.cannotIssue) return refuse(res, 503, '/', [core.cannotIssue]);
      if (!/^application\/x-www-form-urlencoded\b/i.test(req.headers['content-type'] ?? ''))
        return refuse(res, 415, '/', [
          'The form must be sent as application/x-www-form-urlencoded.',
        ]);
      const form = new URLSearchParams(
        (await readBody(req, FORM_LIMIT_BYTES, { overflow: 'drain' })).toString('utf8'),
      );
      const next = safeNextPath(form.get('next'));
      const identity = formIdentity(form);
      let problem: string | null;
      try {
        problem = await identityProblem(identity, deps.registry.lookup);
      } catch (err) {
        if (!(err instanceof RegistryUnavailableError)) throw err;
        return refuse(res, 503, next, ['应用系统登记库暂时无法访问。', err.message]);
      }
      if (problem)
        return refuse(res, 403, next, [
          '所选身份不能登录。',
          `This identity cannot sign in: ${problem}.`,
        ]);
      const issued = await core.begin(identity, 'dev');
      deps.log(
        `[workbench] development sign-in: ${identity.operator} of ${identity.department}${identity.application ? ` (${identity.application})` : ''}`,
      );
      res.writeHead(303, {
        location: next,
        'set-cookie': issued.cookie,
        'cache-control': 'no-store',
      });
      res.end();
    },
  };

  return [page, devSignIn];
}
