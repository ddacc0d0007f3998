// Every diagnosis rule, one per file. Within a precedence tier (routing, auth, other) the
// order here decides which of several fitting causes is reported: most specific first.
import type { Rule } from '../rule.ts';
// routing
import apiNotFound from './api-not-found.ts';
import stageNotFound from './stage-not-found.ts';
import stageMissingInUrl from './stage-missing-in-url.ts';
import routeNotDeployed from './route-not-deployed.ts';
import corsPreflightMissing from './cors-preflight-missing.ts';
import rootHasNoMethod from './root-has-no-method.ts';
import methodNotDefined from './method-not-defined.ts';
import pathParameterMissing from './path-parameter-missing.ts';
import resourceNotFound from './resource-not-found.ts';
// authentication and authorization
import privateApi from './private-api.ts';
import wafBlocked from './waf-blocked.ts';
import authMismatch from './auth-mismatch.ts';
import credentialsMissing from './credentials-missing.ts';
import iamSignatureRequired from './iam-signature-required.ts';
import authorizationHeaderNotSigv4 from './authorization-header-not-sigv4.ts';
import signatureInvalid from './signature-invalid.ts';
import credentialsInvalid from './credentials-invalid.ts';
import iamAccessDenied from './iam-access-denied.ts';
import apiKeyMissing from './api-key-missing.ts';
import apiKeyRejected from './api-key-rejected.ts';
import authorizerUnauthorized from './authorizer-unauthorized.ts';
// everything else
import integrationError from './integration-error.ts';
import throttled from './throttled.ts';
import networkError from './network-error.ts';
import flaky from './flaky.ts';
import unexpectedStatus from './unexpected-status.ts';

export const rules: readonly Rule[] = [
  apiNotFound,
  stageNotFound,
  stageMissingInUrl,
  routeNotDeployed,
  corsPreflightMissing,
  rootHasNoMethod,
  methodNotDefined,
  pathParameterMissing,
  resourceNotFound,
  privateApi,
  wafBlocked,
  authMismatch,
  credentialsMissing,
  iamSignatureRequired,
  authorizationHeaderNotSigv4,
  signatureInvalid,
  credentialsInvalid,
  iamAccessDenied,
  apiKeyMissing,
  apiKeyRejected,
  authorizerUnauthorized,
  integrationError,
  throttled,
  networkError,
  flaky,
  unexpectedStatus,
];
