// The front-door and lock scenarios deliver what they promise to the end-to-end tests and the
// demo: their manifests are valid, and each declared route gets the answer the scenario documents
// when sent the way the manifest says (base URL, params, signing).
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { GetRestApiCommand, NotFoundException } from '@aws-sdk/client-api-gateway';
import { type Emulator, startEmulator } from '../../emulator/index.ts';
import type { EmulatorModel } from '../../emulator/model.ts';
import { TEST_CREDENTIALS } from '../../emulator/run-action.ts';
import {
  STOREFRONT_DOMAIN,
  THROUGH_CLOUDFRONT_MANIFEST,
  WRONG_REGION_MANIFEST,
  frontDoorsModel,
} from '../../emulator/scenarios/front-doors.ts';
import { LOCKS_MANIFEST, locksModel } from '../../emulator/scenarios/locks.ts';
import { parseManifest } from '../../src/manifest/index.ts';
import type { Manifest, RouteSpec } from '../../src/types.ts';
import { type Answer, FORBIDDEN_BODY, MAT_BODY, assertGatewayError, controlClient, routeOf, send, signed } from './http.ts';

function parsed(text: string): Manifest {
  const { manifest, problems } = parseManifest(text, '.github/apigw-routes.yml');
  assert.deepEqual(problems, []);
  assert.ok(manifest);
  return manifest;
}

/** The route's URL as the action builds it: the base URL (or the default invoke URL) + the filled path. */
function urlOf(manifest: Manifest, route: RouteSpec): URL {
  const { restApiId, region, stage, baseUrl } = manifest.api;
  const base = baseUrl ?? `https://${restApiId}.execute-api.${region}.amazonaws.com/${stage}`;
  const path = route.path.replace(/\{([^}+]+)\+?\}/g, (_, name: string) => encodeURIComponent(route.params[name] ?? ''));
  return new URL(`${base}${path}`);
}

function sendRoute(emulator: Emulator, manifest: Manifest, route: RouteSpec, sign: boolean): Promise<Answer> {
  const url = urlOf(manifest, route);
  const call = { method: route.method, host: url.host, path: url.pathname };
  return send(emulator, sign ? signed(call, TEST_CREDENTIALS, manifest.api.region ?? 'us-east-1') : call);
}

async function withEmulator(model: EmulatorModel, body: (emulator: Emulator) => Promise<void>): Promise<void> {
  const emulator = await startEmulator(model);
  try {
    await body(emulator);
  } finally {
    await emulator.close();
  }
}

describe('front-doors scenario', () => {
  test('THROUGH_CLOUDFRONT_MANIFEST: every route misses behind the /api/* behavior, and is served on the custom domain', async () => {
    const manifest = parsed(THROUGH_CLOUDFRONT_MANIFEST);
    await withEmulator(frontDoorsModel(), async (emulator) => {
      for (const route of manifest.routes) {
        const answer = await sendRoute(emulator, manifest, route, false);
        assertGatewayError(answer, 403, 'MissingAuthenticationTokenException', MAT_BODY);
        assert.equal(answer.headers['x-cache'], 'Error from cloudfront', route.route);
        const direct = await send(emulator, { host: STOREFRONT_DOMAIN, path: urlOf(manifest, route).pathname.replace(/^\/api/, '') });
        assert.equal(routeOf(direct), `${route.method} ${route.path}`);
      }
    });
  });

  test('WRONG_REGION_MANIFEST: the region named has no such API, on either plane', async () => {
    const manifest = parsed(WRONG_REGION_MANIFEST);
    await withEmulator(frontDoorsModel(), async (emulator) => {
      for (const route of manifest.routes)
        assertGatewayError(await sendRoute(emulator, manifest, route, false), 403, 'ForbiddenException', FORBIDDEN_BODY);
      const client = controlClient(emulator, manifest.api.region ?? '', TEST_CREDENTIALS);
      try {
        await assert.rejects(
          client.send(new GetRestApiCommand({ restApiId: manifest.api.restApiId })),
          (err: unknown) => err instanceof NotFoundException,
        );
      } finally {
        client.destroy();
      }
    });
  });
});

describe('locks scenario', () => {
  test('LOCKS_MANIFEST: each route answers the status it declares (2xx or the 403 of its lock)', async () => {
    const manifest = parsed(LOCKS_MANIFEST);
    const model = locksModel();
    const stageResources = model.apis[0]?.deployments[0]?.resources;
    assert.ok(stageResources);
    await withEmulator(model, async (emulator) => {
      const seen: string[] = [];
      for (const route of manifest.routes) {
        // auth auto signs the stage's AWS_IAM methods; `none` sends nothing.
        const iam = stageResources[route.path]?.[route.method]?.authorizationType === 'AWS_IAM';
        const answer = await sendRoute(emulator, manifest, route, route.auth === 'auto' && iam);
        const { codes, classes } = route.expect;
        assert.ok(
          codes.includes(answer.status) || classes.includes(Math.floor(answer.status / 100)),
          `${route.route}: ${answer.status} ${answer.body}`,
        );
        seen.push(`${route.route} ${answer.status}`);
      }
      assert.deepEqual(seen, ['GET /public 200', 'GET /office 403', 'GET /blocked 403', 'GET /internal 403', 'GET /reports 200']);
    });
  });
});
