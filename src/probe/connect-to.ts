// curl's --connect-to HOST1:PORT1:HOST2:PORT2: a request for HOST1:PORT1 opens its TCP
// connection to HOST2:PORT2 instead, while the URL (Host header, TLS SNI, SigV4 host) stays.
// Empty HOST1/PORT1 match any host/port; empty HOST2/PORT2 keep the original. The first
// matching entry wins, as in curl. IPv6 addresses are written in brackets: [::1].
import type { ConnectTo } from '../settings.ts';

const HOST = String.raw`(\[[0-9A-Fa-f:.]+\]|[^:\[\]\s]*)`;
const PORT = String.raw`([0-9]*)`;
const ENTRY = new RegExp(`^${HOST}:${PORT}:${HOST}:${PORT}$`);
const EXAMPLE = 'api.example.com:443:127.0.0.1:8443';

/** One entry per line (commas also separate); blank lines are ignored. */
export function parseConnectTo(lines: string): ConnectTo[] {
  const entries = lines
    .split(/[\n,]/)
    .map((line) => line.trim())
    .filter((line) => line !== '');
  return entries.map((entry, i) => {
    const m = ENTRY.exec(entry);
    if (!m) {
      throw new Error(
        `connect-to entry ${i + 1} "${entry}" is not HOST1:PORT1:HOST2:PORT2 (e.g. "${EXAMPLE}"; leave HOST1 or PORT1 empty to match any host or port, write IPv6 addresses in brackets)`,
      );
    }
    const [, host = '', port = '', connectHost = '', connectPort = ''] = m;
    for (const p of [port, connectPort]) {
      if (p !== '' && !(Number(p) >= 1 && Number(p) <= 65535)) {
        throw new Error(`connect-to entry ${i + 1} "${entry}": port ${p} is not between 1 and 65535`);
      }
    }
    return { host, port, connectHost, connectPort };
  });
}

export interface ConnectTarget {
  /** host to open the TCP connection to (IPv6 without brackets) */
  host: string;
  port: number;
}

/** Where to connect for `hostname:port` (hostname as URL.hostname gives it, IPv6 in brackets). */
export function resolveConnectTarget(hostname: string, port: number, rules: ConnectTo[]): ConnectTarget {
  const rule = rules.find(
    (r) => (r.host === '' || r.host.toLowerCase() === hostname.toLowerCase()) && (r.port === '' || Number(r.port) === port),
  );
  const host = rule && rule.connectHost !== '' ? rule.connectHost : hostname;
  return {
    host: host.replace(/^\[(.*)\]$/, '$1'),
    port: rule && rule.connectPort !== '' ? Number(rule.connectPort) : port,
  };
}
