// Last line of defence: whatever the action writes (log, summary, report, comment,
// annotations) goes through this, so a secret that slipped into an error message,
// a URL or an evidence object is still never published.

/** Shorter values would blank out ordinary words; core.setSecret masks them in the log anyway. */
const MIN_SECRET_LENGTH = 4;

/** Percent-encoding as encodeURIComponent does it, and with lower-case hex as some clients do. */
function urlEncodedForms(secret: string): string[] {
  const upper = encodeURIComponent(secret);
  const lower = upper.replace(/%[0-9A-F]{2}/g, (hex) => hex.toLowerCase());
  // application/x-www-form-urlencoded writes spaces as "+"
  const form = upper.replace(/%20/g, '+');
  return [upper, lower, form];
}

/** Standard and URL-safe base64, with and without padding. */
function base64Forms(secret: string): string[] {
  const bytes = Buffer.from(secret, 'utf8');
  const standard = bytes.toString('base64');
  const urlSafe = bytes.toString('base64url');
  return [standard, standard.replace(/=+$/, ''), urlSafe];
}

/** As the value appears inside a JSON string (quotes and backslashes escaped). */
function jsonForm(secret: string): string {
  return JSON.stringify(secret).slice(1, -1);
}

export function formsOf(secret: string): string[] {
  return [secret, ...urlEncodedForms(secret), ...base64Forms(secret), jsonForm(secret)];
}

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

/**
 * A function replacing every occurrence of each secret (length ≥ 4), and of its
 * URL-encoded, base64 and JSON-escaped forms, with `***`.
 */
export function redactor(secrets: readonly string[]): (text: string) => string {
  const forms = new Set<string>();
  for (const secret of secrets) {
    if (secret.length < MIN_SECRET_LENGTH) continue;
    for (const form of formsOf(secret)) if (form.length >= MIN_SECRET_LENGTH) forms.add(form);
  }
  if (forms.size === 0) return (text) => text;
  // Longest first, so a longer form is replaced whole rather than around a shorter one inside it.
  const pattern = new RegExp([...forms].sort((a, b) => b.length - a.length).map(escapeRegExp).join('|'), 'g');
  return (text) => text.replace(pattern, '***');
}
