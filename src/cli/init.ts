// `init`: a starter routes manifest for a deployed stage, one route per deployed method, to
// review and commit. Placeholders are the string "TODO" with a comment beside them: the parser
// accepts them (a run sends them as written), so the file is valid from the start and a search
// for TODO finds what to fill in.
import { randomBytes } from 'node:crypto';
import { link, rm, stat, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { Document, type Scalar, type YAMLMap, type YAMLSeq } from 'yaml';
import { authOfMethod } from '../authorizers.ts';
import { deployedMethods, pathParams } from '../deployed/routes.ts';
import type { MethodTable } from '../types.ts';

export const TODO = 'TODO';
export const SCHEMA_URL = 'https://raw.githubusercontent.com/apigw-route-verify/apigw-route-verify/v1/schema/apigw-routes.schema.json';
const MANIFEST_DOCS = 'https://github.com/apigw-route-verify/apigw-route-verify/blob/v1/docs/manifest.md';

export interface StarterInput {
  restApiId: string;
  stage: string;
  region: string;
  deploymentId: string;
  deployed: MethodTable;
}

/** Verbs whose request is complete without a body: they keep the default `expect` (2xx). */
const READS = ['GET', 'HEAD'];
/** Verbs whose request needs a body the deployment cannot tell. */
const WRITES = ['POST', 'PUT', 'PATCH', 'DELETE'];

/** Text for a comment: one line, nothing a YAML comment or a terminal would take as more. */
const commentSafe = (text: string) => text.replace(/[^\x20-\x7e]/g, '?');

/** The manifest's YAML: a header comment, the `api` block and one route per deployed method. */
export function starterManifest(input: StarterInput): string {
  const methods = deployedMethods(input.deployed);
  const doc = new Document({
    version: 1,
    api: { 'rest-api-id': input.restApiId, stage: input.stage, region: input.region },
    routes: [],
  });
  doc.commentBefore = [
    ` yaml-language-server: $schema=${SCHEMA_URL}`,
    ` Starter routes manifest for REST API ${input.restApiId}, stage ${input.stage} (${input.region}):`,
    ` the ${methods.length} methods of deployment ${input.deploymentId}, written by \`apigw-route-verify init\`. Before committing it:`,
    ` - replace every "${TODO}" with a real value: it is sent as written;`,
    ' - GET routes expect 2xx (the default); give the others a `body` and the status they answer,',
    '   they expect `reachable` (routed and authorized, whatever the backend says) until then;',
    ' - `auth` is what the method required when this was written (open methods have none:',
    '   `auth: auto` follows the stage). Reference: ' + MANIFEST_DOCS,
  ]
    .map(commentSafe)
    .join('\n');

  const routes = doc.get('routes', true) as YAMLSeq;
  for (const { method, path: resourcePath, deployedVerb } of methods) {
    const methodInfo = input.deployed[resourcePath]?.[deployedVerb];
    const auth = methodInfo ? authOfMethod(methodInfo) : 'none';
    const params = pathParams(resourcePath);
    const expectReachable = !READS.includes(method);
    const route = `${method} ${resourcePath}`;
    const anyNote = deployedVerb === 'ANY' ? ` the ANY method: ${method} tests it` : undefined;

    if (params.length === 0 && auth === 'none' && !expectReachable) {
      const item = doc.createNode(route) as Scalar;
      if (anyNote) item.comment = anyNote;
      routes.add(item);
      continue;
    }
    const entry: Record<string, unknown> = { route };
    if (params.length) entry.params = Object.fromEntries(params.map((p) => [p.name, TODO]));
    if (auth !== 'none') entry.auth = auth;
    if (expectReachable) entry.expect = 'reachable';
    const item = doc.createNode(entry) as YAMLMap;
    if (anyNote) (item.get('route', true) as Scalar).comment = anyNote;
    const paramsNode = item.get('params', true) as YAMLMap<Scalar, Scalar> | undefined;
    if (paramsNode) {
      paramsNode.flow = true;
      for (const pair of paramsNode.items) if (pair.value) pair.value.type = 'QUOTE_DOUBLE';
      const what = params.map((p) => (p.greedy ? `a real path under ${resourcePath.replace(/\{[^}]*\+\}$/, '')}` : `a real ${p.name}`));
      paramsNode.comment = commentSafe(` ${TODO}: ${what.join(', ')}`);
    }
    if (expectReachable && WRITES.includes(method)) {
      (item.get('expect', true) as Scalar).comment = ` ${TODO}: a body, and the status a real request answers`;
    }
    routes.add(item);
  }
  return doc.toString({ lineWidth: 0 });
}

/**
 * Writes `text` to `file`, which must not exist: into a temporary file beside it first, then
 * hard-linked into place (which fails when the file exists), so nothing is half-written and
 * nothing is overwritten, even by a file created meanwhile.
 */
export async function writeNewFile(file: string, text: string): Promise<void> {
  if (await exists(file)) throw new Error(`${file} exists; it was left as it is (remove it, or choose another --out)`);
  const temporary = path.join(path.dirname(file), `.${path.basename(file)}.${process.pid}.${randomBytes(4).toString('hex')}.tmp`);
  try {
    await writeFile(temporary, text, { flag: 'wx' });
    await link(temporary, file);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'EEXIST')
      throw new Error(`${file} exists; it was left as it is (remove it, or choose another --out)`, { cause: error });
    throw new Error(`could not write ${file}: ${(error as Error).message}`, { cause: error });
  } finally {
    await rm(temporary, { force: true });
  }
}

async function exists(file: string): Promise<boolean> {
  return stat(file).then(
    () => true,
    () => false,
  );
}
