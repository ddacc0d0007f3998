// End-to-end: an OpenAPI 3 and a Swagger 2 document, carrying the x-amazon-apigateway-*
// extensions teams import into API Gateway, as the `routes` input of the bundled action against
// the emulator's shop API. Each operation is a check annotated on the document's own lines.
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { startEmulator, type Emulator } from '../../emulator/index.ts';
import { annotationsOf, runAction, type ActionRun } from '../../emulator/run-action.ts';
import { SHOP_API_ID, SHOP_API_KEY, shopModel } from '../../emulator/scenarios/shop.ts';
import type { Check } from '../../src/types.ts';
import { lineOf, reportOf } from './support-routing.ts';

const OPENAPI_FILE = 'api/openapi.yaml';
const LAMBDA_URI =
  'arn:aws:apigateway:us-east-1:lambda:path/2015-03-31/functions/arn:aws:lambda:us-east-1:123456789012:function:shop/invocations';

/** The shop API as its team would import it: SAM/CDK-style integrations, IAM and API-key security. */
const OPENAPI_3 = `openapi: 3.0.1
info: { title: shop, version: "42" }
servers:
  - url: https://${SHOP_API_ID}.execute-api.us-east-1.amazonaws.com/{basePath}
    variables: { basePath: { default: prod } }
x-amazon-apigateway-api-key-source: HEADER
paths:
  /health:
    get:                                   # health
      responses: { "200": { description: ok } }
      x-amazon-apigateway-integration:
        type: mock
        requestTemplates: { application/json: '{"statusCode": 200}' }
        responses: { default: { statusCode: "200" } }
  /users/{id}:
    get:                                   # one user
      parameters:
        - name: id
          in: path
          required: true
          schema: { type: string, example: "42" }
      responses: { "200": { description: ok } }
      x-amazon-apigateway-integration:
        type: http_proxy
        httpMethod: GET
        uri: https://backend.example.com/users/{id}
        requestParameters: { integration.request.path.id: method.request.path.id }
  /users:
    get:                                   # users, declared keyed
      security: [ { api_key: [] } ]
      responses: { "200": { description: ok } }
      x-amazon-apigateway-integration: { type: aws_proxy, httpMethod: POST, uri: "${LAMBDA_URI}" }
  /orders:
    post:                                  # place an order
      security: [ { api_key: [] } ]
      requestBody:
        content:
          application/json:
            schema: { $ref: "#/components/schemas/Order" }
      responses:
        "201": { description: created }
        "409": { description: duplicate }
      x-amazon-apigateway-integration: { type: aws_proxy, httpMethod: POST, uri: "${LAMBDA_URI}" }
  /reports:
    get:                                   # reports, signed
      security: [ { sigv4: [] } ]
      responses: { "200": { description: ok } }
      x-amazon-apigateway-integration: { type: aws_proxy, httpMethod: POST, uri: "${LAMBDA_URI}" }
  /invoices:
    get:                                   # invoices, not deployed to prod yet
      responses: { "200": { description: ok } }
      x-amazon-apigateway-integration: { type: aws_proxy, httpMethod: POST, uri: "${LAMBDA_URI}" }
components:
  schemas:
    Order: { type: object, example: { sku: smoke-test } }
  securitySchemes:
    api_key: { type: apiKey, name: x-api-key, in: header }
    sigv4:
      type: apiKey
      name: Authorization
      in: header
      x-amazon-apigateway-authtype: awsSigv4
`;

/** The same API in Swagger 2, with basePath (ignored on import, as API Gateway does by default). */
const SWAGGER_2 = `{
  "swagger": "2.0",
  "info": { "title": "shop", "version": "42" },
  "basePath": "/prod",
  "paths": {
    "/users/{id}": {
      "get": {
        "parameters": [{ "name": "id", "in": "path", "required": true, "type": "string", "x-example": "42" }],
        "responses": { "200": { "description": "ok" } },
        "x-amazon-apigateway-integration": { "type": "aws_proxy", "httpMethod": "POST", "uri": "${LAMBDA_URI}" }
      }
    },
    "/orders": {
      "post": {
        "security": [{ "api_key": [] }],
        "parameters": [{ "name": "body", "in": "body", "schema": { "type": "object", "example": { "sku": "smoke-test" } } }],
        "responses": { "201": { "description": "created" } },
        "x-amazon-apigateway-integration": { "type": "aws_proxy", "httpMethod": "POST", "uri": "${LAMBDA_URI}" }
      }
    },
    "/reports": {
      "x-amazon-apigateway-any-method": {
        "security": [{ "sigv4": [] }],
        "responses": { "200": { "description": "ok" } }
      }
    }
  },
  "securityDefinitions": {
    "api_key": { "type": "apiKey", "name": "x-api-key", "in": "header" },
    "sigv4": { "type": "apiKey", "name": "Authorization", "in": "header", "x-amazon-apigateway-authtype": "awsSigv4" }
  }
}
`;

function runDocument(emulator: Emulator, file: string, text: string, inputs: Record<string, string> = {}): Promise<ActionRun> {
  return runAction({
    emulator,
    inputs: {
      routes: file,
      'rest-api-id': SHOP_API_ID,
      stage: 'prod',
      region: 'us-east-1',
      'api-key': SHOP_API_KEY,
      'base-url': emulator.invokeUrl(SHOP_API_ID, 'prod'),
      'connect-to': emulator.connectTo,
      ...inputs,
    },
    files: { [file]: text },
  });
}

function checksOf(run: ActionRun): Check[] {
  assert.ok(run.report, `a report was written (exit ${run.exitCode}); stdout: ${run.stdout}\nstderr: ${run.stderr}`);
  return run.report.checks as unknown as Check[];
}

interface Expected {
  route: string;
  /** a comment unique to the operation key's line in the document */
  line: string;
  auth: Check['auth'];
  status: number;
  outcome: 'passed' | 'failed';
  code?: string;
  /** the path the request went to, after the stage */
  path: string;
}

/** Each check: route, how it was sent, what came back, and where it is annotated. */
function assertChecks(run: ActionRun, file: string, text: string, expected: Expected[]): void {
  const checks = checksOf(run);
  assert.deepEqual(
    checks.map((c) => ({
      route: c.route,
      line: c.source.line,
      file: c.source.file,
      auth: c.auth,
      status: c.status,
      outcome: c.outcome,
      code: c.diagnosis?.code,
      path: new URL(c.url).pathname.replace(/^\/prod/, ''),
    })),
    expected.map((e) => ({ ...e, line: lineOf(text, e.line), file, code: e.code })),
  );
  const annotations = annotationsOf(run.stdout).filter((a) => a.file === file);
  for (const failed of expected.filter((e) => e.code)) {
    const titled = annotations.filter((a) => a.title === `${failed.code}: ${failed.route}`);
    assert.equal(titled.length, 1, `one annotation for ${failed.route}`);
    assert.deepEqual({ level: titled[0]!.level, line: titled[0]!.line }, { level: 'error', line: lineOf(text, failed.line) });
  }
}

describe('an OpenAPI document as the routes source, end to end', () => {
  let emulator: Emulator;
  before(async () => {
    emulator = await startEmulator(shopModel({ stageOnNewest: false }));
  });
  after(() => emulator.close());

  test('OpenAPI 3 with x-amazon-apigateway extensions: each operation checked with its auth, example and expectation, annotated on its line', async () => {
    const run = await runDocument(emulator, OPENAPI_FILE, OPENAPI_3);
    assertChecks(run, OPENAPI_FILE, OPENAPI_3, [
      { route: 'GET /health', line: '# health', auth: 'none', status: 200, outcome: 'passed', path: '/health' },
      { route: 'GET /users/{id}', line: '# one user', auth: 'none', status: 200, outcome: 'passed', path: '/users/42' },
      // the document says keyed, the stage serves it open: the declared security is checked
      {
        route: 'GET /users',
        line: '# users, declared keyed',
        auth: 'api-key',
        status: 200,
        outcome: 'failed',
        code: 'auth-mismatch',
        path: '/users',
      },
      // apiKeyRequired, 201 with the key and the schema's example body
      { route: 'POST /orders', line: '# place an order', auth: 'api-key', status: 201, outcome: 'passed', path: '/orders' },
      // AWS_IAM: signed with SigV4, which the emulator verifies
      { route: 'GET /reports', line: '# reports, signed', auth: 'iam', status: 200, outcome: 'passed', path: '/reports' },
      {
        route: 'GET /invoices',
        line: '# invoices, not deployed',
        auth: 'none',
        status: 403,
        outcome: 'failed',
        code: 'route-not-deployed',
        path: '/invoices',
      },
    ]);
    assert.equal(run.outputs.result, 'failed');
    assert.equal(run.exitCode, 1);
    // the fixes speak of the document, not of a manifest's keys
    const fix = checksOf(run).find((c) => c.route === 'GET /users')?.diagnosis?.fix ?? '';
    assert.match(
      fix,
      /change the operation's `security` at api\/openapi\.yaml:\d+ to what is deployed, or add `x-apigw-route-verify: { auth: none }`/,
    );
    assert.doesNotMatch(fix, /set `auth:/);
    const undeclared = reportOf(run).findings.find((f) => f.code === 'undeclared-routes')?.message ?? '';
    assert.match(undeclared, /Add (it|them) to api\/openapi\.yaml as operations/);
  });

  test('Swagger 2 JSON with basePath and an ANY method: every route passes', async () => {
    const file = 'api/swagger.json';
    const run = await runDocument(emulator, file, SWAGGER_2);
    assertChecks(run, file, SWAGGER_2, [
      { route: 'GET /users/{id}', line: '"get": {', auth: 'none', status: 200, outcome: 'passed', path: '/users/42' },
      { route: 'POST /orders', line: '"post": {', auth: 'api-key', status: 201, outcome: 'passed', path: '/orders' },
      // ANY is checked with GET, which the deployed GET /reports (AWS_IAM) answers when signed
      { route: 'GET /reports', line: '"x-amazon-apigateway-any-method"', auth: 'iam', status: 200, outcome: 'passed', path: '/reports' },
    ]);
    assert.equal(run.outputs.result, 'passed');
    assert.equal(run.exitCode, 0);
  });

  test('a path parameter without an example stops the run before any request, annotated on the parameter', async () => {
    const text = OPENAPI_3.replace('schema: { type: string, example: "42" }', 'schema: { type: string }');
    const run = await runDocument(emulator, OPENAPI_FILE, text);
    assert.equal(run.report, undefined, 'no report: no request was sent');
    assert.equal(run.exitCode, 1);
    const [annotation, ...others] = annotationsOf(run.stdout).filter((a) => a.level === 'error' && a.file === OPENAPI_FILE);
    assert.equal(others.length, 0);
    assert.equal(annotation?.line, lineOf(text, '- name: id'));
    assert.match(annotation?.message ?? '', /path parameter `id` of `GET \/users\/\{id\}` has no example value/);
  });

  test('without the rest-api-id input (a document has no api block) the run stops with "no REST API id"', async () => {
    const run = await runDocument(emulator, OPENAPI_FILE, OPENAPI_3, { 'rest-api-id': '' });
    assert.equal(run.report, undefined);
    assert.match(
      run.stdout,
      /no REST API id — set the `rest-api-id` input \(api\/openapi.yaml is an OpenAPI document: it cannot name it\)/,
    );
  });
});
