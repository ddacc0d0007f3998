import finding from '../../../src/diagnose/rules/api-not-found.ts';
import { blindSnapshot, snapshot } from '../fixtures.ts';
import { apiMissing } from '../routing-fixtures.ts';
import { findingContext, findingTester, manifest } from './finding-tester.ts';

findingTester(finding, {
  valid: [
    { name: 'the API was found', ctx: findingContext() },
    { name: 'the control plane was denied: not the same as not found', ctx: findingContext({ snapshot: blindSnapshot() }) },
    {
      name: 'reading failed for another reason',
      ctx: findingContext({ snapshot: snapshot({ api: { status: 'error', error: 'socket hang up' } }) }),
    },
  ],
  invalid: [
    {
      name: 'GetRestApi said NotFound: annotated on the manifest line that set the id',
      ctx: findingContext({ snapshot: apiMissing() }),
      says: [
        'REST API a1b2c3d4e5 was not found in us-east-1',
        'API id is wrong, the region is wrong',
        'another AWS account',
        'aws apigateway get-rest-apis --region us-east-1',
      ],
      evidence: {
        restApiId: 'a1b2c3d4e5',
        region: 'us-east-1',
        controlPlane: 'NotFoundException: Invalid API identifier specified 123456789012:a1b2c3d4e5',
      },
      severity: 'error',
      source: { file: '.github/apigw-routes.yml', line: 3, column: 16 },
    },
    {
      name: 'the id came from the rest-api-id input, not the manifest: no manifest line to blame',
      ctx: findingContext({ snapshot: { ...apiMissing(), restApiId: 'zz9yy8xx7w' }, settings: { restApiId: 'zz9yy8xx7w' } }),
      says: ['REST API zz9yy8xx7w'],
      source: null,
    },
    {
      name: 'a manifest without an api block',
      ctx: findingContext({ snapshot: apiMissing(), manifest: manifest([], { api: {}, apiSource: {} }) }),
      source: null,
    },
  ],
});
