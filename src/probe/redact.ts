// Secrets must not reach a report even when a backend echoes the request (debug or echo
// endpoints), or the gateway quotes the Authorization header in an IncompleteSignature
// message. Every value we sent that is secret is replaced where it comes back.

export const REDACTED = '***';

/** The secret values, longest first so a secret containing another is replaced whole. */
export function secretList(values: ReadonlyArray<string | undefined>): string[] {
  const unique = new Set<string>();
  for (const value of values) {
    if (!value) continue;
    unique.add(value);
    const encoded = encodeURIComponent(value);
    if (encoded !== value) unique.add(encoded);
  }
  return [...unique].sort((a, b) => b.length - a.length);
}

export function redact(text: string, secrets: readonly string[]): string {
  let out = text;
  for (const secret of secrets) if (out.includes(secret)) out = out.replaceAll(secret, REDACTED);
  return out;
}

export function redactHeaders(headers: Record<string, string>, secrets: readonly string[]): Record<string, string> {
  return Object.fromEntries(Object.entries(headers).map(([name, value]) => [name, redact(value, secrets)]));
}
