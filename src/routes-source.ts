// Where the routes to check come from, behind one call: a file — the routes manifest (the
// default) or an OpenAPI 3 / Swagger 2 document, which loadManifest tells apart by its content —
// or `routes: deployed`: every method of the stage's deployment. Each source returns a Manifest
// (or the problems that stop the run), so everything after it is the same.
import type { ManifestResult } from './manifest/index.ts';
import { loadManifest } from './manifest/index.ts';
import { routesPath, type RawInputs, type Workspace } from './inputs.ts';
import { DEPLOYED_ROUTES } from './deployed/routes.ts';

export interface RoutesResult extends ManifestResult {
  /** `deployed`: the routes were read from the stage, not from a file */
  from: 'manifest' | 'deployed';
  /** management calls made to read the routes (`deployed`), counted with the run's */
  calls?: Record<string, number>;
}

/** True when the `routes` input selects the deployed stage instead of a file. */
export function isDeployedRoutes(raw: Pick<RawInputs, 'routes'>): boolean {
  // exactly `deployed`: a file of that name is still `./deployed`
  return raw.routes.trim() === DEPLOYED_ROUTES;
}

/** The routes of this run; a manifest is returned only when there are no problems. */
export async function loadRoutes(raw: RawInputs, ws: Workspace, signal?: AbortSignal): Promise<RoutesResult> {
  if (isDeployedRoutes(raw)) {
    // Loaded only in this mode: it needs the AWS SDK before any other part of the run does.
    const { loadDeployedRoutes } = await import('./deployed/source.ts');
    return { ...(await loadDeployedRoutes(raw, ws, signal)), from: 'deployed' };
  }
  const routes = routesPath(raw, ws);
  // the workspace bounds what the manifest path may name: a pull request must not read /etc/passwd
  return { ...(await loadManifest(routes.absolute, routes.display, ws.cwd)), from: 'manifest' };
}
