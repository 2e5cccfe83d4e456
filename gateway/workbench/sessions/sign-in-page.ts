/**
 * GET /auth/sign-in: the government's identity provider when one is configured, and, outside
 * production, the development sign-in (pick a demo department, application, operator and
 * roles), marked as such so nobody mistakes it for the real thing. Pure: the caller gathers the
 * model (registry applications, the current session) and writes the page.
 */
import { DEPARTMENTS } from '../../../domain/departments';
import { escapeHtml, htmlDocument } from './html-page';

export interface ListedApplication {
  readonly id: string;
  readonly name: string;
  readonly department: string;
}

export interface SignInPageModel {
  /** Already sanitised (next-path.ts). */
  readonly next: string;
  readonly signedIn: { readonly operator: string | null; readonly department: string } | null;
  /** The provider's button label; null: no OIDC. */
  readonly oidcName: string | null;
  /** The development form; null: off. `applications` null: the registry did not answer. */
  readonly dev: { readonly applications: readonly ListedApplication[] | null } | null;
  /** Why nobody can sign in here (e.g. no signing key); null when they can. */
  readonly unavailable: string | null;
}

const e = escapeHtml;

function departmentLabel(code: string): string {
  const d = DEPARTMENTS.find((x) => x.code === code);
  return d ? `${d.name} ${d.nameEn}` : code;
}

function devForm(next: string, applications: readonly ListedApplication[] | null): string {
  const departments = DEPARTMENTS.map(
    (d) => `<option value="${e(d.code)}">${e(d.name)} · ${e(d.nameEn)} (${e(d.code)})</option>`,
  ).join('');
  const groups = DEPARTMENTS.map((d) => {
    const own = (applications ?? []).filter((a) => a.department === d.code);
    if (own.length === 0) return '';
    const options = own
      .map((a) => `<option value="${e(a.id)}">${e(a.name)} (${e(a.id)})</option>`)
      .join('');
    return `<optgroup label="${e(d.name)} ${e(d.nameEn)}">${options}</optgroup>`;
  }).join('');
  const registryNote =
    applications === null
      ? '<p class="problem">应用系统登记库暂时无法访问，只能以部门整体登录。The application registry is not answering: sign in for the department as a whole, or try again.</p>'
      : '';
  return `<section class="card dev" aria-labelledby="dev-title">
<h2 id="dev-title">开发用登录 · Development sign-in — not for production</h2>
<p class="muted">任何人都可在此选择身份，仅供开发和演示；生产环境（NODE_ENV=production）中此功能被拒绝。Anyone can choose who they are here: for development and demonstrations only; production refuses it.</p>
${registryNote}<form method="post" action="/auth/dev/sign-in">
<input type="hidden" name="next" value="${e(next)}">
<label for="dev-department">部门 Department</label>
<select id="dev-department" name="department" required>${departments}</select>
<label for="dev-application">应用系统 Application (ACTIVE, of the department chosen)</label>
<select id="dev-application" name="application"><option value="">（无）部门整体 · None: the department as a whole</option>${groups}</select>
<label for="dev-operator">工号 Operator id</label>
<input id="dev-operator" name="operator" required maxlength="64" pattern="[A-Za-z0-9_.@\\-]{1,64}" value="analyst-1" autocomplete="off">
<label for="dev-roles">角色 Roles (comma separated)</label>
<input id="dev-roles" name="roles" maxlength="400" value="analyst" autocomplete="off">
<button type="submit">登录（开发）Sign in (development)</button>
</form>
</section>`;
}

export function signInPage(model: SignInPageModel): string {
  const parts: string[] = ['<div class="card">', '<h1>登录 Sign in</h1>'];
  if (model.signedIn) {
    parts.push(
      `<p class="notice">已登录：${e(model.signedIn.operator ?? '')}，${e(departmentLabel(model.signedIn.department))}。Signed in already. <a href="${e(model.next)}">继续 Continue</a></p>`,
    );
  }
  if (model.unavailable) {
    parts.push(`<p class="problem">${e(model.unavailable)}</p>`);
  } else if (model.oidcName) {
    const href = `/auth/oidc/start?next=${encodeURIComponent(model.next)}`;
    parts.push(
      `<p>使用政务统一身份认证登录。Sign in with the government's identity provider.</p>`,
      `<p><a class="button" id="oidc-sign-in" href="${e(href)}">${e(model.oidcName)}</a></p>`,
    );
  } else if (!model.dev) {
    parts.push(
      '<p class="problem">此网关未配置登录方式。No sign-in is configured on this gateway: set WORKBENCH_OIDC_ISSUER and WORKBENCH_OIDC_CLIENT_ID.</p>',
    );
  } else {
    parts.push(
      '<p>未配置统一身份认证；可使用下方的开发用登录。No identity provider is configured: use the development sign-in below.</p>',
    );
  }
  parts.push(
    '<p class="muted">登录后会话保存在本站的 HttpOnly Cookie 中，工作时自动续期。Your session is kept in an HttpOnly cookie of this site and renewed while you work.</p>',
    '</div>',
  );
  if (model.dev && !model.unavailable) parts.push(devForm(model.next, model.dev.applications));
  return htmlDocument('登录 Sign in', parts.join('\n'));
}
