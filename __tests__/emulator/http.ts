// Real HTTP to an emulator's data plane on loopback, with the Host header of the name being
// "called", and aws4 signing as the action does it. Shared by the emulator's feature tests.
import assert from 'node:assert/strict';
import http from 'node:http';
import aws4 from 'aws4';
import { APIGatewayClient } from '@aws-sdk/client-api-gateway';
import type { Emulator } from '../../emulator/index.ts';

export interface Answer {
  status: number;
  headers: http.IncomingHttpHeaders;
  body: string;
}

export interface Call {
  method?: string;
  path: string;
  host: string;
  headers?: Record<string, string>;
  body?: string;
}

export function send(emulator: Emulator, call: Call): Promise<Answer> {
  const { port } = new URL(emulator.dataUrl);
  return new Promise((resolve, reject) => {
    const req = http.request(
      {
        host: '127.0.0.1',
        port,
        method: call.method ?? 'GET',
        path: call.path,
        agent: false,
        headers: { host: call.host, ...call.headers },
      },
      (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (c: Buffer) => chunks.push(c));
        res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body: Buffer.concat(chunks).toString('utf8') }));
      },
    );
    req.setTimeout(5000, () => req.destroy(new Error(`no answer to ${call.host}${call.path} within 5 s`)));
    req.on('error', reject);
    req.end(call.body);
  });
}

export interface Creds {
  accessKeyId: string;
  secretAccessKey: string;
  sessionToken?: string;
}

/** Sign with aws4 as the action does (service execute-api), for the host the call names. */
export function signed(call: Call, creds: Creds, region: string): Call {
  const request = aws4.sign(
    {
      host: call.host,
      method: call.method ?? 'GET',
      path: call.path,
      ...(call.body !== undefined ? { body: call.body } : {}),
      headers: { ...call.headers },
      service: 'execute-api',
      region,
    },
    creds,
  );
  const headers: Record<string, string> = {};
  for (const [name, value] of Object.entries(request.headers ?? {})) headers[name] = String(value);
  return { ...call, path: request.path ?? call.path, headers };
}

export function executeApiHost(apiId: string, region: string): string {
  return `${apiId}.execute-api.${region}.amazonaws.com`;
}

export const routeOf = (answer: Answer): string => (JSON.parse(answer.body) as { route: string }).route;

export function assertGatewayError(answer: Answer, status: number, errorType: string, body: string): void {
  assert.equal(answer.status, status, answer.body);
  assert.equal(answer.headers['x-amzn-errortype'], errorType);
  assert.equal(answer.body, body);
}

export const FORBIDDEN_BODY = '{"message":"Forbidden"}';
export const MAT_BODY = '{"message":"Missing Authentication Token"}';

/** The real SDK against the emulator's control plane, as the action builds it. */
export function controlClient(emulator: Emulator, region: string, credentials: Creds): APIGatewayClient {
  return new APIGatewayClient({ region, endpoint: emulator.controlUrl, credentials, maxAttempts: 1 });
}
