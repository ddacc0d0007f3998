// Every secret of the run in one place: collected as soon as it is known (inputs, the AWS
// credentials the SDK's provider chain resolved — env, file, web identity alike —, each SigV4
// Authorization header the probe creates), masked in the log at once through the injected
// `mask` (core.setSecret), and cut out of every text that leaves the process.
//
// A secret comes back in many spellings: a backend or a gateway response echoes it raw,
// percent-encoded, base64-encoded (Basic auth, debug dumps), JSON-escaped; the Markdown
// renderer escapes `_` or `*` inside it. Each spelling is replaced.
import { escapeMarkdown } from './report/markdown.ts';

export const REDACTED = '***';

/** Shorter values would blank out ordinary words; they are still masked in the log. */
export const MIN_REDACTED_LENGTH = 4;

/** Percent-encoding as encodeURIComponent writes it, with lower-case hex, and with `+` for spaces. */
function urlEncodedForms(secret: string): string[] {
  const upper = encodeURIComponent(secret);
  const lower = upper.replace(/%[0-9A-F]{2}/g, (hex) => hex.toLowerCase());
  return [upper, lower, upper.replace(/%20/g, '+'), lower.replace(/%20/g, '+')];
}

/** Standard and URL-safe base64, with and without padding. */
function base64Forms(secret: string): string[] {
  const standard = Buffer.from(secret, 'utf8').toString('base64');
  const bare = standard.replace(/=+$/, '');
  const urlSafe = bare.replace(/\+/g, '-').replace(/\//g, '_');
  return [standard, bare, urlSafe, urlSafe + standard.slice(bare.length)];
}

/** Every spelling of `secret` that is redacted, longest first. */
export function formsOf(secret: string): string[] {
  const plain = [secret, ...urlEncodedForms(secret), ...base64Forms(secret), JSON.stringify(secret).slice(1, -1)];
  const forms = new Set<string>();
  for (const form of plain) {
    forms.add(form);
    forms.add(escapeMarkdown(form)); // as the summary and the PR comment render it
  }
  return [...forms].filter((f) => f.length >= MIN_REDACTED_LENGTH).sort((a, b) => b.length - a.length);
}

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

export interface SecretOptions {
  /** register it with `mask` too (default true); an access key id is redacted but not masked */
  mask?: boolean;
}

/** A SigV4 signature as it appears in an Authorization header, and as a bare run of hex. */
const SIGV4_SIGNATURE = /Signature=([0-9a-f]{64})\b/;
const HEX_64 = /[0-9a-f]{64}/g;

export class Secrets {
  private readonly values = new Set<string>();
  /**
   * One per signed request: kept apart from the pattern, which would otherwise grow with every
   * request and make redaction quadratic in the number of routes. A signature is lower-case
   * hex, the same in its URL-encoded, JSON and Markdown forms.
   */
  private readonly signatures = new Set<string>();
  private readonly forms = new Set<string>();
  private pattern: RegExp | undefined;
  private readonly mask: (value: string) => void;

  /** `mask` is core.setSecret in the action, a no-op or a recorder in tests. */
  constructor(mask: (value: string) => void = () => undefined) {
    this.mask = mask;
  }

  /** Record a secret the moment it is known; masked before anything else can print it. */
  add(value: string | undefined, options: SecretOptions = {}): void {
    if (!value || this.values.has(value)) return;
    this.values.add(value);
    if (options.mask !== false) this.mask(value);
    if (value.length < MIN_REDACTED_LENGTH) return;
    for (const form of formsOf(value)) this.forms.add(form);
    this.pattern = undefined;
  }

  /** The signature of a SigV4 Authorization header the probe is about to send: masked, and redacted from then on. */
  addSignature(authorization: string | undefined): void {
    const signature = authorization ? SIGV4_SIGNATURE.exec(authorization)?.[1] : undefined;
    if (!signature || this.signatures.has(signature)) return;
    this.signatures.add(signature);
    this.mask(signature);
  }

  /** How many alternatives the pattern of fixed secrets has (signatures are not among them). */
  patternSize(): number {
    return this.forms.size;
  }

  /** Every spelling of every secret, and every signature, replaced by `***`. */
  redact(text: string): string {
    if (text === '') return text;
    let out = text;
    if (this.forms.size > 0) {
      // Longest first, so a longer form is replaced whole rather than around a shorter one inside it.
      this.pattern ??= new RegExp(
        [...this.forms]
          .sort((a, b) => b.length - a.length)
          .map(escapeRegExp)
          .join('|'),
        'g',
      );
      out = out.replace(this.pattern, REDACTED);
    }
    if (this.signatures.size > 0) out = out.replace(HEX_64, (hex) => (this.signatures.has(hex) ? REDACTED : hex));
    return out;
  }

  redactHeaders(headers: Record<string, string>): Record<string, string> {
    return Object.fromEntries(Object.entries(headers).map(([name, value]) => [name, this.redact(value)]));
  }
}
