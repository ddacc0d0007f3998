// Every stage-level finding rule, one per file, in report order: the ones that explain every
// failed check first, then the deployment state, then the notices.
import type { FindingRule } from '../finding-rule.ts';
import apiNotFound from './api-not-found.ts';
import stageNotFound from './stage-not-found.ts';
import stageBehindLatest from './stage-behind-latest.ts';
import deploymentMismatch from './deployment-mismatch.ts';
import undeclaredRoutes from './undeclared-routes.ts';
import controlPlaneDenied from './control-plane-denied.ts';
import controlPlaneUnavailable from './control-plane-unavailable.ts';
import credentialsMissing from './credentials-missing.ts';
import privateApi from './private-api.ts';

export const findingRules: readonly FindingRule[] = [
  apiNotFound,
  stageNotFound,
  privateApi,
  credentialsMissing,
  controlPlaneDenied,
  controlPlaneUnavailable,
  deploymentMismatch,
  stageBehindLatest,
  undeclaredRoutes,
];
