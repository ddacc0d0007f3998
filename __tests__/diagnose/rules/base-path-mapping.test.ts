import rule from '../../../src/diagnose/rules/base-path-mapping.ts';
import { ANSWERED } from '../routing-fixtures.ts';
import { OK } from '../auth-fixtures.ts';
import { API, DOMAIN, UNMAPPED, domain, throughDomain } from '../front-door-fixtures.ts';
import { ruleTester } from '../rule-tester.ts';

const ROOT = `https://${DOMAIN}`;
const TO_PROD = { basePath: '(none)', restApiId: API, stage: 'prod' };
const V1_TO_PROD = { basePath: 'v1', restApiId: API, stage: 'prod' };
const TO_STAGING = { basePath: '(none)', restApiId: API, stage: 'staging' };
const TO_OTHER = { basePath: '(none)', restApiId: 'zz9yy8xx7w', stage: 'prod' };
const MULTI = { basePath: 'shop/v1', restApiId: API, stage: 'prod' };

ruleTester(rule, {
  valid: [
    {
      name: 'through the (none) mapping of the verified stage, answered by the backend',
      ctx: throughDomain('GET /users', ROOT, domain([TO_PROD]), ANSWERED),
    },
    { name: 'landed on the verified stage and routed: not a mapping problem', ctx: throughDomain('GET /nothing', ROOT, domain([TO_PROD])) },
    {
      name: 'mappings not read (denied): the rule cannot tell',
      ctx: throughDomain('GET /users', ROOT, domain([], { status: 'denied', error: 'AccessDenied' }), UNMAPPED),
    },
    { name: 'no domain read at all (an execute-api base-url)', ctx: throughDomain('GET /users', ROOT, undefined, UNMAPPED) },
    { name: 'a passing route on the verified stage', ctx: throughDomain('GET /users', ROOT, domain([TO_PROD]), OK) },
    {
      name: "no answer: network-error's, even through a mapping to another stage",
      ctx: throughDomain('GET /users', ROOT, domain([TO_STAGING]), { status: undefined, networkError: 'ECONNRESET' }),
    },
  ],
  invalid: [
    {
      name: 'mapped at v1, called without /v1: Forbidden for an unmapped base path, the fix adds /v1',
      ctx: throughDomain('GET /users', ROOT, domain([V1_TO_PROD]), UNMAPPED),
      title: `No base-path mapping of ${DOMAIN} matches /users`,
      explains: ['answered ForbiddenException (its answer for an unmapped base path)', `Mappings of ${DOMAIN}: v1 → ${API}/prod.`],
      fixes: [`\`base-url: ${ROOT}/v1\``],
      evidence: { landedOn: null, suggestedBaseUrl: `${ROOT}/v1`, mappings: [V1_TO_PROD] },
    },
    {
      name: 'the stage named again through a mapping that already leads to it',
      ctx: throughDomain('GET /users', `${ROOT}/prod`, domain([TO_PROD])),
      title: 'The stage prod is named twice: by the mapping and in the path',
      explains: ['received the path /prod/users', 'On a custom domain the stage is never in the path'],
      fixes: ['Remove /prod from base-url', `\`base-url: ${ROOT}\``],
      evidence: { pathAfterBasePath: '/prod/users', landedOn: TO_PROD },
    },
    {
      name: '(none) leads to staging while prod is verified: the deployments are compared, the mapping to create is named',
      ctx: throughDomain('GET /users', ROOT, domain([TO_STAGING], { stageDeployments: { staging: 'dep111', prod: 'dep222' } })),
      title: `${DOMAIN} leads the path to stage staging, not prod`,
      explains: ['Stage staging serves deployment dep111, prod serves dep222'],
      fixes: [
        `create-base-path-mapping --domain-name ${DOMAIN} --rest-api-id ${API} --stage prod`,
        `\`base-url: https://${API}.execute-api.us-east-1.amazonaws.com/prod\``,
      ],
      evidence: { landedDeploymentId: 'dep111', verifiedDeploymentId: 'dep222' },
    },
    {
      name: 'the same deployment on both stages is said too',
      ctx: throughDomain('GET /users', ROOT, domain([TO_STAGING], { stageDeployments: { staging: 'dep222' } })),
      explains: ['Stage staging serves the same deployment (dep222) as prod'],
    },
    {
      name: 'a multi-level base path missed falls to the (none) mapping of another API',
      ctx: throughDomain('GET /users', `${ROOT}/shop`, domain([TO_OTHER, MULTI])),
      title: `${DOMAIN} leads the path to another API (zz9yy8xx7w)`,
      explains: ['matched the mapping (none) → zz9yy8xx7w/prod, so it went to API zz9yy8xx7w'],
      fixes: [`\`base-url: ${ROOT}/shop/v1\``],
    },
    {
      name: 'passed on another stage: a warning, it proved nothing about the verified stage',
      ctx: throughDomain('GET /users', ROOT, domain([TO_STAGING]), OK),
      severity: 'warning',
      explains: ['meets `expect` but says nothing about a1b2c3d4e5/prod'],
    },
    {
      name: 'a backend error from the other API is explained by the mapping too',
      ctx: throughDomain('GET /users', ROOT, domain([TO_OTHER]), ANSWERED),
      title: `${DOMAIN} leads the path to another API (zz9yy8xx7w)`,
    },
    {
      name: 'a domain that is not AVAILABLE says so',
      ctx: throughDomain('GET /users', ROOT, domain([V1_TO_PROD], { domainNameStatus: 'UPDATING' }), UNMAPPED),
      explains: ["The domain's status is UPDATING, not AVAILABLE."],
      evidence: { domainNameStatus: 'UPDATING' },
    },
    {
      name: 'no mapping to this API at all',
      ctx: throughDomain('GET /users', ROOT, domain([TO_OTHER])),
      fixes: [`No mapping of ${DOMAIN} leads to ${API}/prod`],
      evidence: { directBaseUrl: `https://${API}.execute-api.us-east-1.amazonaws.com/prod` },
    },
  ],
});
