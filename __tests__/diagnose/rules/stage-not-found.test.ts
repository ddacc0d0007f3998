import rule from '../../../src/diagnose/rules/stage-not-found.ts';
import { blindSnapshot, context, probe } from '../fixtures.ts';
import { ruleTester } from '../rule-tester.ts';
import { ANSWERED, FORBIDDEN, apiMissing, stageMissing, viaBaseUrl } from '../routing-fixtures.ts';

ruleTester(rule, {
  valid: [
    { name: 'the stage exists', ctx: context(probe('GET /nope')) },
    { name: 'control plane blind', ctx: context(probe('GET /nope'), { snapshot: blindSnapshot() }) },
    {
      name: 'the API itself is missing: api-not-found says so',
      ctx: context(probe('GET /health'), { snapshot: { ...apiMissing(), stageInfo: { status: 'not-found', existingStages: [] } } }),
    },
    {
      name: 'stage missing but the route was served',
      ctx: context(probe('GET /health', ANSWERED), { snapshot: stageMissing(['production']) }),
    },
  ],
  invalid: [
    {
      name: 'prod vs production: a prefix',
      ctx: context(probe('GET /health'), { snapshot: stageMissing(['production', 'staging']) }),
      title: /did you mean "production"/,
      explains: ['no stage "prod"', 'production, staging', 'Did you mean "production" (prefix)'],
      fixes: ['stage: production', 'create-deployment --rest-api-id a1b2c3d4e5 --stage-name prod'],
      evidence: { stage: 'prod', existingStages: ['production', 'staging'], suggestion: 'production', suggestionReason: 'prefix' },
    },
    {
      name: 'an explicit base-url must follow the stage',
      ctx: viaBaseUrl('GET /health', 'https://a1b2c3d4e5.execute-api.us-east-1.amazonaws.com/prod', stageMissing(['production'])),
      fixes: ['stage: production` (and a `base-url` that ends in /production)'],
    },
    {
      name: 'stg vs staging: an abbreviation',
      ctx: context(probe('GET /health'), { snapshot: stageMissing(['prod', 'staging'], 'stg') }),
      evidence: { suggestion: 'staging', suggestionReason: 'abbreviation' },
    },
    {
      name: 'a typo',
      ctx: context(probe('GET /health'), { snapshot: stageMissing(['prod', 'staging'], 'staigng') }),
      evidence: { suggestion: 'staging', suggestionReason: 'edit distance 1' },
    },
    {
      name: 'nothing close: the stages are listed, no suggestion',
      ctx: context(probe('GET /health'), { snapshot: stageMissing(['alpha', 'beta'], 'prod') }),
      title: 'Stage "prod" not found',
      explains: ['alpha, beta'],
      fixes: ["Set `stage` to one of the API's stages"],
      evidence: { suggestion: undefined },
    },
    {
      name: 'an API with no stage at all',
      ctx: context(probe('GET /health', { classification: FORBIDDEN }), { snapshot: stageMissing([]) }),
      explains: ['its stages: none', 'ForbiddenException'],
    },
  ],
});
