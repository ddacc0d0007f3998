import finding from '../../../src/diagnose/rules/stage-not-found.ts';
import { blindSnapshot } from '../fixtures.ts';
import { apiMissing, stageMissing } from '../routing-fixtures.ts';
import { findingContext, findingTester } from './finding-tester.ts';

findingTester(finding, {
  valid: [
    { name: 'the stage exists', ctx: findingContext() },
    { name: 'control plane blind', ctx: findingContext({ snapshot: blindSnapshot() }) },
    {
      name: 'the API is missing: api-not-found says it all',
      ctx: findingContext({ snapshot: { ...apiMissing(), stageInfo: { status: 'not-found', existingStages: [] } } }),
    },
  ],
  invalid: [
    {
      name: 'prod vs production',
      ctx: findingContext({ snapshot: stageMissing(['production', 'staging']) }),
      says: [
        'has no stage "prod"',
        'production, staging',
        'Did you mean "production" (prefix)?',
        'create-deployment --rest-api-id a1b2c3d4e5 --stage-name prod',
      ],
      evidence: { stage: 'prod', existingStages: ['production', 'staging'], suggestion: 'production', suggestionReason: 'prefix' },
      severity: 'error',
      source: { file: '.github/apigw-routes.yml', line: 4, column: 10 },
    },
    {
      name: 'nothing close: no suggestion',
      ctx: findingContext({ snapshot: stageMissing(['beta', 'alpha']) }),
      says: ['its stages: alpha, beta'],
      doesNotSay: ['Did you mean'],
      evidence: { existingStages: ['alpha', 'beta'], suggestion: undefined },
    },
    {
      name: 'the stage came from the stage input: no manifest line',
      ctx: findingContext({ snapshot: stageMissing(['prod'], 'qa'), settings: { stage: 'qa' } }),
      says: ['no stage "qa"'],
      source: null,
    },
  ],
});
