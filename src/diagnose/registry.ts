// Every diagnosis code, one rule module each. The order of this list decides nothing:
// precedence comes from each rule's meta (tier, then priority), and the finding order from
// its findingGroup, tier and priority (see engine.ts).
import type { Rule } from './rule.ts';
import apiKeyMissing from './rules/api-key-missing.ts';
import apiKeyRejected from './rules/api-key-rejected.ts';
import apiNotFound from './rules/api-not-found.ts';
import authBypassViaProxy from './rules/auth-bypass-via-proxy.ts';
import authMismatch from './rules/auth-mismatch.ts';
import authNotEnforced from './rules/auth-not-enforced.ts';
import authorizationHeaderNotSigv4 from './rules/authorization-header-not-sigv4.ts';
import authorizerUnauthorized from './rules/authorizer-unauthorized.ts';
import canaryActive from './rules/canary-active.ts';
import basePathMapping from './rules/base-path-mapping.ts';
import baseUrlMismatch from './rules/base-url-mismatch.ts';
import cloudfrontPath from './rules/cloudfront-path.ts';
import controlPlaneDenied from './rules/control-plane-denied.ts';
import controlPlaneUnavailable from './rules/control-plane-unavailable.ts';
import corsPreflightMissing from './rules/cors-preflight-missing.ts';
import credentialsInvalid from './rules/credentials-invalid.ts';
import credentialsMissing from './rules/credentials-missing.ts';
import defaultEndpointDisabled from './rules/default-endpoint-disabled.ts';
import deploymentMismatch from './rules/deployment-mismatch.ts';
import flaky from './rules/flaky.ts';
import iamAccessDenied from './rules/iam-access-denied.ts';
import iamSignatureRequired from './rules/iam-signature-required.ts';
import integrationError from './rules/integration-error.ts';
import methodNotDefined from './rules/method-not-defined.ts';
import networkError from './rules/network-error.ts';
import pathParameterMissing from './rules/path-parameter-missing.ts';
import privateApi from './rules/private-api.ts';
import resourceNotFound from './rules/resource-not-found.ts';
import rootHasNoMethod from './rules/root-has-no-method.ts';
import routeNotDeployed from './rules/route-not-deployed.ts';
import runCancelled from './rules/run-cancelled.ts';
import signatureInvalid from './rules/signature-invalid.ts';
import stageBehindLatest from './rules/stage-behind-latest.ts';
import stageMissingInUrl from './rules/stage-missing-in-url.ts';
import stageNotFound from './rules/stage-not-found.ts';
import throttled from './rules/throttled.ts';
import undeclaredRoutes from './rules/undeclared-routes.ts';
import unexpectedStatus from './rules/unexpected-status.ts';
import wafBlocked from './rules/waf-blocked.ts';

export const registry: readonly Rule[] = [
  apiKeyMissing,
  apiKeyRejected,
  apiNotFound,
  authBypassViaProxy,
  authMismatch,
  authNotEnforced,
  authorizationHeaderNotSigv4,
  authorizerUnauthorized,
  basePathMapping,
  baseUrlMismatch,
  canaryActive,
  cloudfrontPath,
  controlPlaneDenied,
  controlPlaneUnavailable,
  corsPreflightMissing,
  credentialsInvalid,
  credentialsMissing,
  defaultEndpointDisabled,
  deploymentMismatch,
  flaky,
  iamAccessDenied,
  iamSignatureRequired,
  integrationError,
  methodNotDefined,
  networkError,
  pathParameterMissing,
  privateApi,
  resourceNotFound,
  rootHasNoMethod,
  routeNotDeployed,
  runCancelled,
  signatureInvalid,
  stageBehindLatest,
  stageMissingInUrl,
  stageNotFound,
  throttled,
  undeclaredRoutes,
  unexpectedStatus,
  wafBlocked,
];
