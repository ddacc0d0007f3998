import rule from '../../../src/diagnose/rules/stage-missing-in-url.ts';
import { blindSnapshot, context, probe, snapshot } from '../fixtures.ts';
import { ruleTester } from '../rule-tester.ts';
import { ANSWERED, FORBIDDEN, stageMissing, viaBaseUrl } from '../routing-fixtures.ts';

const HOST = 'https://a1b2c3d4e5.execute-api.us-east-1.amazonaws.com';

ruleTester(rule, {
  valid: [
    { name: 'the default URL names an existing stage', ctx: context(probe('GET /nope')) },
    { name: 'a custom domain: its base path is no stage', ctx: viaBaseUrl('GET /users', 'https://api.example.com') },
    { name: 'a custom domain with a base path', ctx: viaBaseUrl('GET /users', 'https://api.example.com/v1') },
    { name: 'execute-api URL with an existing stage', ctx: viaBaseUrl('GET /nope', `${HOST}/staging`) },
    {
      name: 'stages unknown (blind): a first segment may be a stage',
      ctx: viaBaseUrl('GET /users', `${HOST}/production`, blindSnapshot()),
    },
    {
      name: 'the configured stage does not exist: stage-not-found explains it',
      ctx: viaBaseUrl('GET /users', `${HOST}/prod`, stageMissing(['production'])),
    },
    { name: 'no stage segment but the request was served', ctx: viaBaseUrl('GET /users', HOST, snapshot(), ANSWERED) },
    {
      name: "another API's host: this API's stages say nothing about it",
      ctx: viaBaseUrl('GET /users', 'https://zz9yy8xx7w.execute-api.us-east-1.amazonaws.com/v2'),
    },
    {
      name: 'an auth answer, not a routing one',
      ctx: viaBaseUrl('GET /users', HOST, snapshot(), { classification: { errorType: 'AccessDeniedException', by: 'header' } }),
    },
  ],
  invalid: [
    {
      name: 'no stage segment: the first route segment was taken as the stage',
      ctx: viaBaseUrl(probe('GET /users/{id}').route, HOST),
      explains: ['has no stage segment', '"users" as the stage', 'prod, staging'],
      fixes: [`base-url: ${HOST}/prod\``],
      evidence: { baseUrl: HOST, takenAsStage: 'users', existingStages: ['prod', 'staging'], suggestedBaseUrl: `${HOST}/prod` },
    },
    {
      name: 'no stage segment, control plane blind: the URL alone proves it',
      ctx: viaBaseUrl('GET /users', HOST, blindSnapshot()),
      evidence: { takenAsStage: 'users', existingStages: [], suggestedBaseUrl: `${HOST}/prod` },
    },
    {
      name: 'a trailing slash is no segment',
      ctx: viaBaseUrl('GET /health', `${HOST}/`),
      evidence: { takenAsStage: 'health' },
    },
    {
      name: 'China partition, another scheme and a port',
      ctx: viaBaseUrl('GET /health', 'http://a1b2c3d4e5.execute-api.cn-north-1.amazonaws.com.cn:8443'),
      fixes: ['base-url: http://a1b2c3d4e5.execute-api.cn-north-1.amazonaws.com.cn:8443/prod'],
    },
    {
      name: 'the root of a bare host: nothing was taken as the stage',
      ctx: viaBaseUrl('GET /', HOST),
      explains: ['no stage at all'],
      evidence: { takenAsStage: null },
    },
    {
      name: 'a misspelt stage first: replaced by the closest stage',
      ctx: viaBaseUrl('GET /users', `${HOST}/production`),
      explains: ['starts with "production", which is no stage'],
      fixes: [`base-url: ${HOST}/prod\``],
      evidence: { takenAsStage: 'production', suggestedBaseUrl: `${HOST}/prod` },
    },
    {
      name: 'a path prefix first: the stage goes before it',
      ctx: viaBaseUrl('GET /users', `${HOST}/api/v1`),
      evidence: { takenAsStage: 'api', suggestedBaseUrl: `${HOST}/prod/api/v1` },
    },
    {
      name: 'Forbidden instead of MAT (set-up dependent): same cause',
      ctx: viaBaseUrl('GET /users', HOST, snapshot(), { classification: FORBIDDEN }),
      evidence: { takenAsStage: 'users' },
    },
    {
      name: 'the default URL with no stage configured: set the stage input',
      ctx: (() => {
        const ctx = viaBaseUrl('GET /users', HOST);
        return { ...ctx, settings: { ...ctx.settings, stage: '', baseUrlIsDefault: true } };
      })(),
      fixes: ['Set the `stage` input'],
    },
  ],
});
