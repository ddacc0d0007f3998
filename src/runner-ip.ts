// The runner's public address, for a resource policy that filters on aws:SourceIp: one GET to a
// "what is my IP" service with a short deadline. Nothing is sent but the bare request (no
// credentials, no headers of ours), and the answer is untrusted: only a valid IP is taken.
import { isIP } from 'node:net';

export const CHECKIP_URL_ENV = 'APIGW_CHECKIP_URL';
const DEFAULT_CHECKIP_URL = 'https://checkip.amazonaws.com';
const DEFAULT_TIMEOUT_MS = 2000;
/** An address is at most 45 characters; anything much longer is not an answer. */
const MAX_BODY = 100;

export interface RunnerIpOptions {
  url?: string;
  timeoutMs?: number;
  signal?: AbortSignal;
}

/** The runner's public IP, or undefined when it cannot be learned within the deadline. */
export async function learnRunnerIp(options: RunnerIpOptions = {}): Promise<string | undefined> {
  const url = options.url ?? process.env[CHECKIP_URL_ENV] ?? DEFAULT_CHECKIP_URL;
  const deadline = AbortSignal.timeout(options.timeoutMs ?? DEFAULT_TIMEOUT_MS);
  const signal = options.signal ? AbortSignal.any([deadline, options.signal]) : deadline;
  try {
    const response = await fetch(url, { signal, redirect: 'error', credentials: 'omit' });
    if (!response.ok) {
      await response.body?.cancel();
      return undefined;
    }
    const text = await boundedText(response, MAX_BODY);
    const ip = text?.trim();
    return ip && isIP(ip) ? ip : undefined;
  } catch {
    return undefined;
  }
}

/** The body as text, or undefined once it grows past `max` bytes (the rest is not read). */
async function boundedText(response: Response, max: number): Promise<string | undefined> {
  if (!response.body) return '';
  const chunks: Uint8Array[] = [];
  let size = 0;
  for await (const chunk of response.body) {
    size += chunk.byteLength;
    if (size > max) {
      await response.body.cancel().catch(() => undefined);
      return undefined;
    }
    chunks.push(chunk);
  }
  return Buffer.concat(chunks).toString('utf8');
}
