/**
 * Enough of a browser for the sign-in scenarios over plain HTTP: a cookie jar (per host and
 * path, as browsers keep them, not per port; Max-Age=0 or a past Expires deletes), redirects
 * followed by hand so every hop can be inspected, forms posted with the Origin a browser sends.
 */

interface StoredCookie {
  readonly name: string;
  readonly value: string;
  readonly path: string;
}

export interface Hop {
  readonly url: string;
  readonly status: number;
  readonly location: string | null;
  readonly setCookies: readonly string[];
}

const pathMatches = (requestPath: string, cookiePath: string) =>
  requestPath === cookiePath || requestPath.startsWith(cookiePath.replace(/\/?$/, '/'));

export class SessionBrowser {
  /** host → "name path" → cookie */
  private readonly jar = new Map<string, Map<string, StoredCookie>>();

  private cookiesOf(host: string): Map<string, StoredCookie> {
    let cookies = this.jar.get(host);
    if (!cookies) this.jar.set(host, (cookies = new Map()));
    return cookies;
  }

  /** The value of the cookie of this name for the URL's host (any path); null when none. */
  cookie(url: string, name: string): string | null {
    const found = [...this.cookiesOf(new URL(url).hostname).values()].find((c) => c.name === name);
    return found?.value ?? null;
  }

  setCookie(url: string, name: string, value: string, path = '/'): void {
    this.cookiesOf(new URL(url).hostname).set(`${name} ${path}`, { name, value, path });
  }

  dropCookie(url: string, name: string): void {
    const cookies = this.cookiesOf(new URL(url).hostname);
    for (const [key, c] of cookies) if (c.name === name) cookies.delete(key);
  }

  private cookieHeader(url: URL): string | undefined {
    const cookies = [...this.cookiesOf(url.hostname).values()]
      .filter((c) => pathMatches(url.pathname, c.path))
      .map((c) => `${c.name}=${c.value}`);
    return cookies.length > 0 ? cookies.join('; ') : undefined;
  }

  private store(url: URL, setCookies: readonly string[]): void {
    for (const line of setCookies) {
      const [pair, ...attributes] = line.split(';').map((s) => s.trim());
      const eq = pair.indexOf('=');
      const name = pair.slice(0, eq);
      const value = pair.slice(eq + 1);
      const attr = (n: string) => {
        const found = attributes.find((a) => a.toLowerCase().startsWith(`${n.toLowerCase()}=`));
        return found?.slice(found.indexOf('=') + 1);
      };
      const path = attr('Path') ?? '/';
      const expires = attr('Expires');
      const gone =
        attr('Max-Age') === '0' || (expires !== undefined && Date.parse(expires) <= Date.now());
      if (gone) this.cookiesOf(url.hostname).delete(`${name} ${path}`);
      else this.setCookie(url.href, name, value, path);
    }
  }

  /** One request, no redirect followed. */
  async request(
    url: string,
    init: { method?: string; headers?: Record<string, string>; body?: string } = {},
  ): Promise<Response> {
    const target = new URL(url);
    const cookie = this.cookieHeader(target);
    const res = await fetch(target, {
      method: init.method ?? 'GET',
      redirect: 'manual',
      headers: { ...(cookie ? { cookie } : {}), ...init.headers },
      body: init.body,
    });
    this.store(target, res.headers.getSetCookie());
    return res;
  }

  /** A form as a browser posts it from a page at `from` (Origin, Referer). */
  postForm(url: string, fields: Record<string, string>, from: string): Promise<Response> {
    return this.request(url, {
      method: 'POST',
      headers: {
        'content-type': 'application/x-www-form-urlencoded',
        origin: new URL(from).origin,
        referer: from,
      },
      body: new URLSearchParams(fields).toString(),
    });
  }

  /**
   * GETs, following redirects, up to a URL `stopAt` accepts (not requested); returns the last
   * response (null when stopped there) and every hop.
   */
  async follow(
    url: string,
    stopAt: (url: string) => boolean = () => false,
    maxHops = 12,
  ): Promise<{ response: Response | null; url: string; hops: Hop[] }> {
    const hops: Hop[] = [];
    let current = url;
    for (let i = 0; i < maxHops; i++) {
      if (stopAt(current)) return { response: null, url: current, hops };
      const response = await this.request(current);
      const location = response.headers.get('location');
      hops.push({
        url: current,
        status: response.status,
        location,
        setCookies: response.headers.getSetCookie(),
      });
      if (response.status < 300 || response.status >= 400 || !location)
        return { response, url: current, hops };
      await response.arrayBuffer();
      current = new URL(location, current).href;
    }
    throw new Error(`more than ${maxHops} redirects from ${url}: ${JSON.stringify(hops, null, 1)}`);
  }
}

/** A form's action and fields (hidden inputs with values) in an HTML page. */
export function formIn(html: string): { action: string; fields: Record<string, string> } {
  const form = /<form[^>]*action="([^"]+)"[^>]*>([\s\S]*?)<\/form>/.exec(html);
  if (!form) throw new Error(`no form in the page:\n${html.slice(0, 500)}`);
  const fields: Record<string, string> = {};
  for (const m of form[2].matchAll(/<input[^>]*name="([^"]+)"[^>]*value="([^"]*)"/g))
    fields[m[1]] = m[2].replace(/&amp;/g, '&').replace(/&quot;/g, '"');
  return { action: form[1].replace(/&amp;/g, '&'), fields };
}

/** The target of a page's meta refresh. */
export function refreshTarget(html: string): string | null {
  const m = /<meta http-equiv="refresh" content="0;url=([^"]*)">/.exec(html);
  return m ? m[1].replace(/&amp;/g, '&') : null;
}

/** A response's JSON body, for assertions (its shape is what they check). */
export const json = (res: Response): Promise<any> => res.json();
