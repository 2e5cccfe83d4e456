// PLACEHOLDER (helper "sessions" replaces this file).
import type http from 'node:http';
import type { HttpRoute } from '../../http/http-route';
import type { WorkbenchDeps } from '../workbench-deps';

export interface SessionView {
  readonly department: string;
  readonly application: string | null;
  readonly operator: string | null;
  readonly roles: readonly string[];
}

export interface Sessions {
  readonly routes: readonly HttpRoute[];
  /**
   * A session cookie (and, unless `csrf: false`, its x-csrf-token) becomes the request's
   * Authorization header. @default { csrf: true }
   */
  credentials(req: http.IncomingMessage, options?: { csrf?: boolean }): Promise<void>;
  sessionOf(req: http.IncomingMessage): Promise<SessionView | null>;
  close(): Promise<void>;
}

export function createSessions(deps: WorkbenchDeps): Sessions {
  void deps;
  return {
    routes: [],
    credentials: async () => {},
    sessionOf: async () => null,
    close: async () => {},
  };
}
