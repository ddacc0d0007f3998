// The API Gateway control plane (REST-JSON) the AWS SDK talks to, served from the model:
// read-only Get* operations, SigV4 caller checks, injected faults, a call counter per operation.
import type http from 'node:http';
import type { FaultModel } from './model.ts';
import type { EmulatorState } from './state.ts';
import { authorize, scopeRegion } from './control/auth.ts';
import { ControlError, notFound, sendError, sendJson } from './control/http.ts';
import { OPERATIONS, matchOperation } from './control/operations.ts';

/** Counter key for requests no operation serves. */
export const UNKNOWN_OPERATION = 'UnknownOperation';

function applyFault(fault: FaultModel, res: http.ServerResponse): void {
  switch (fault.kind) {
    case 'throttle': {
      const retryAfter: Record<string, string> = fault.retryAfter === null ? {} : { 'retry-after': String(fault.retryAfter ?? 1) };
      sendError(res, new ControlError(429, 'TooManyRequestsException', 'Too Many Requests', retryAfter));
      return;
    }
    case 'server-error':
      // The 5xx the service model declares for the control plane (retryable by the SDK).
      sendError(
        res,
        new ControlError(503, 'ServiceUnavailableException', 'Service Unavailable', { 'retry-after': String(fault.retryAfter ?? 1) }),
      );
      return;
    case 'reset':
      // No answer at all: the client sees the connection drop.
      res.socket?.destroy();
      return;
    case 'hang':
      // Accepted, never answered: only the client's deadline ends it (close() drops the socket).
      return;
    case 'malformed-json': {
      const body = '{"id": "cut short by a proxy", "name": ';
      res.writeHead(200, { 'content-type': 'application/json', 'content-length': Buffer.byteLength(body) });
      res.end(body);
      return;
    }
    default:
      throw new Error(`emulator: fault ${fault.kind} is data-plane only`);
  }
}

// async so that a model error (a thrown Error, not a ControlError) becomes a rejected promise,
// which index.ts turns into a 500 naming the problem.
export async function handleControlPlane(state: EmulatorState, req: http.IncomingMessage, res: http.ServerResponse): Promise<void> {
  req.resume(); // Get* requests have no body; drain whatever comes so the socket stays usable.
  const method = req.method ?? 'GET';
  const url = new URL(req.url ?? '/', 'http://control-plane.invalid');
  const match = matchOperation(method, url.pathname);
  const operation = match?.operation.name ?? UNKNOWN_OPERATION;
  state.countControl(operation);
  try {
    authorize(state, req, url.searchParams, url.pathname);
    const fault = state.takeFault(operation, false);
    if (fault) {
      applyFault(fault, res);
      return;
    }
    if (!match) {
      throw notFound(
        `No operation serves ${method} ${url.pathname}: the emulator's control plane serves ${OPERATIONS.map((o) => o.name).join(', ')}`,
      );
    }
    const region = scopeRegion(req, url.searchParams) ?? state.region;
    sendJson(res, 200, match.operation.handle({ state, params: match.params, query: url.searchParams, region }));
  } catch (err) {
    if (!(err instanceof ControlError)) throw err; // a model error: index.ts answers 500 with the stack
    sendError(res, err);
  }
}
