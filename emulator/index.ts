// An in-process API Gateway (REST API) emulator for tests, demos and benchmarks.
// Two loopback servers: the control plane the AWS SDK talks to (AWS_ENDPOINT_URL_API_GATEWAY),
// and the data plane, which picks the API from the Host header the way execute-api does.
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { handleControlPlane } from './control-plane.ts';
import { handleDataPlane } from './data-plane.ts';
import type { EmulatorModel, FaultModel } from './model.ts';
import { EmulatorState } from './state.ts';

export type * from './model.ts';
export { EmulatorState } from './state.ts';

export interface Emulator {
  state: EmulatorState;
  /** for AWS_ENDPOINT_URL_API_GATEWAY */
  controlUrl: string;
  /** where the data plane listens; send the API's host name in the Host header */
  dataUrl: string;
  /** the `connect-to` value that sends every request to the data plane: "::127.0.0.1:<port>" */
  connectTo: string;
  /** "http://<id>.execute-api.<region>.amazonaws.com/<stage>", in the API's region (reach it through connectTo) */
  invokeUrl(apiId: string, stage?: string): string;
  addFault(fault: FaultModel): void;
  close(): Promise<void>;
}

function listen(handler: http.RequestListener): Promise<http.Server> {
  const server = http.createServer(handler);
  // Idle keep-alive connections stay open 5 s, as Node's default (close() ends them all). Not
  // less: Node 24's agent closes a connection 1 s before the server's announced timeout, so
  // "Keep-Alive: timeout=1" would make every client open a new connection per request.
  server.keepAliveTimeout = 5000;
  return new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => resolve(server));
  });
}

function port(server: http.Server): number {
  return (server.address() as AddressInfo).port;
}

function close(server: http.Server): Promise<void> {
  server.closeAllConnections();
  return new Promise((resolve) => server.close(() => resolve()));
}

export async function startEmulator(model: EmulatorModel): Promise<Emulator> {
  const state = new EmulatorState(model);
  const withLatency =
    (handle: (s: EmulatorState, req: http.IncomingMessage, res: http.ServerResponse) => void | Promise<void>): http.RequestListener =>
    (req, res) => {
      const go = () => {
        Promise.resolve()
          .then(() => handle(state, req, res))
          .catch((err: unknown) => {
            if (!res.headersSent) res.writeHead(500, { 'content-type': 'text/plain' });
            res.end(`emulator error: ${err instanceof Error ? err.stack : String(err)}`);
          });
      };
      if (state.model.latencyMs) setTimeout(go, state.model.latencyMs);
      else go();
    };
  const control = await listen(withLatency(handleControlPlane));
  const data = await listen(withLatency(handleDataPlane));
  const dataPort = port(data);
  return {
    state,
    controlUrl: `http://127.0.0.1:${port(control)}`,
    dataUrl: `http://127.0.0.1:${dataPort}`,
    connectTo: `::127.0.0.1:${dataPort}`,
    invokeUrl: (apiId, stage) => {
      // An API of another region is reached on that region's host.
      const api = state.api(apiId);
      const region = api ? state.regionOf(api) : state.region;
      return `http://${apiId}.execute-api.${region}.amazonaws.com${stage ? `/${stage}` : ''}`;
    },
    addFault: (fault) => state.addFault(fault),
    close: async () => {
      await Promise.all([close(control), close(data)]);
    },
  };
}
