import finding from '../../../src/diagnose/rules/base-url-mismatch.ts';
import { findingContext, findingTester, manifest } from './finding-tester.ts';

const OTHER_API = 'https://zz9yy8xx7w.execute-api.us-east-1.amazonaws.com/prod';
const FILE = '.github/apigw-routes.yml';

findingTester(finding, {
  valid: [
    { name: 'the default base-url', ctx: findingContext() },
    { name: 'a custom domain', ctx: findingContext({ settings: { baseUrl: 'https://api.shop.example', baseUrlIsDefault: false } }) },
    { name: 'an upper-case API id in the inputs is the same API', ctx: findingContext({ settings: { restApiId: 'A1B2C3D4E5' } }) },
  ],
  invalid: [
    {
      name: 'base-url from the manifest names another API: annotated at the base-url line',
      ctx: findingContext({
        settings: { baseUrl: OTHER_API, baseUrlIsDefault: false },
        manifest: manifest([], {
          api: { restApiId: 'a1b2c3d4e5', stage: 'prod', baseUrl: `${OTHER_API}/` },
          apiSource: { restApiId: { file: FILE, line: 3, column: 16 }, baseUrl: { file: FILE, line: 5, column: 13 } },
        }),
      }),
      says: [
        'names API zz9yy8xx7w, but rest-api-id and region are a1b2c3d4e5 in us-east-1',
        'base-url: https://a1b2c3d4e5.execute-api.us-east-1.amazonaws.com/prod',
      ],
      doesNotSay: ['`region:'],
      severity: 'error',
      source: { file: FILE, line: 5, column: 13 },
      evidence: { urlApiId: 'zz9yy8xx7w' },
    },
    {
      name: 'base-url from an input: no manifest line to blame',
      ctx: findingContext({
        settings: { baseUrl: 'https://a1b2c3d4e5.execute-api.eu-west-1.amazonaws.com/prod', baseUrlIsDefault: false },
      }),
      says: ['names region eu-west-1', 'or, if a1b2c3d4e5 in eu-west-1 is the API to verify, set `region: eu-west-1`.'],
      doesNotSay: ['`rest-api-id:'],
      source: null,
    },
  ],
});
