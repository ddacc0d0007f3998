// What changes from one demo run to the next (emulator ports, measured times, request ids, temp
// folders, the run's own clock) replaced by fixed values, so the screenshots' sources depend only
// on the code: the same on every machine and every run.

/** Where the run happened, as far as the text can show it. */
export interface RunContext {
  /** the action's workspace (a temp folder) */
  workspace: string;
  /** the machine's temp folder */
  tmpdir: string;
  /** the run's start and end, ms since the epoch: timestamps inside are the run's own clock */
  startedAt: number;
  endedAt: number;
}

/** The fixed values put in place of the volatile ones. Plausible, so the screenshots read naturally. */
export const FIXED = {
  port: '8080',
  milliseconds: '20 ms',
  seconds: '0.2 s',
  workspace: '/home/runner/work/shop/shop',
  tmpdir: '/tmp',
  timestamp: '2026-11-30T12:00:00.000Z',
} as const;

/** A run's clock may be read a little before the run starts or after it ends (process start, slow machines). */
const CLOCK_SLACK_MS = 5 * 60_000;

const LOOPBACK_PORT = /\b(127\.0\.0\.1|localhost):\d{1,5}\b/g;
/** Measured times: `17 ms` (rounded) and `0.2 s` (seconds always carry a decimal); configured ones like `30 s` stay. */
const MILLISECONDS = /\b\d+ ms\b/g;
const SECONDS = /\b\d+\.\d+ s\b/g;
const UUID = /\b[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}\b/gi;
const ISO_TIMESTAMP = /\b\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(?:\.\d+)?Z\b/g;

/** A normaliser for one run: request ids are numbered in the order they first appear across every text it is given. */
export function normaliserFor(run: RunContext): (text: string) => string {
  const uuids = new Map<string, string>();
  const fixedUuid = (uuid: string) => {
    const key = uuid.toLowerCase();
    let fixed = uuids.get(key);
    if (!fixed) {
      fixed = `00000000-0000-4000-8000-${String(uuids.size + 1).padStart(12, '0')}`;
      uuids.set(key, fixed);
    }
    return fixed;
  };
  const fromRunClock = (iso: string) => {
    const at = Date.parse(iso);
    return at >= run.startedAt - CLOCK_SLACK_MS && at <= run.endedAt + CLOCK_SLACK_MS;
  };
  return (text) =>
    replaceAll(replaceAll(text, run.workspace, FIXED.workspace), run.tmpdir, FIXED.tmpdir)
      .replace(LOOPBACK_PORT, (_, host: string) => `${host}:${FIXED.port}`)
      .replace(MILLISECONDS, FIXED.milliseconds)
      .replace(SECONDS, FIXED.seconds)
      .replace(UUID, fixedUuid)
      .replace(ISO_TIMESTAMP, (iso) => (fromRunClock(iso) ? FIXED.timestamp : iso));
}

function replaceAll(text: string, literal: string, by: string): string {
  return literal ? text.split(literal).join(by) : text;
}
