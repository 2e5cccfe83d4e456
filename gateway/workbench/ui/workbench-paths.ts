/**
 * The URLs the workbench's pages call, all on the gateway's own origin: the session layer
 * (sessions/), the JSON APIs (api/), the catalogue's (catalogue/) and the pages themselves.
 * Sent to the browser in the page settings, so the scripts name no path of their own.
 */
export const WORKBENCH_PATHS = {
  graphql: '/graphql',
  workbench: '/',
  catalogue: '/catalogue',
  report: '/report',
  session: '/auth/session',
  refresh: '/auth/refresh',
  signIn: '/auth/sign-in',
  signOut: '/auth/sign-out',
  me: '/workbench/api/me',
  access: '/workbench/api/access',
  dryRun: '/workbench/api/dry-run',
  export: '/workbench/api/export',
  catalogueApi: '/workbench/api/catalogue',
  catalogueExport: '/workbench/catalogue/export',
} as const;

export type WorkbenchPaths = typeof WORKBENCH_PATHS;
