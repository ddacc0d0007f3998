// Shell words in every command the action suggests (curl reproductions, `aws logs …` lookups).
// Users paste them into a terminal, and parts come from the manifest or a server answer: each
// such part is one POSIX single-quoted word, so nothing in it is expanded or ends the word.

/** One POSIX shell word: single quotes, with an embedded `'` closed, escaped and reopened. */
export function shellQuote(value: string): string {
  return `'${value.replaceAll("'", `'\\''`)}'`;
}

/** A command line from words, each quoted unless it is plainly safe (letters, digits, `-_./:=@,+%`). */
export function shellCommand(words: readonly string[]): string {
  return words.map((w) => (/^[A-Za-z0-9_\-./:=@,+%]+$/.test(w) ? w : shellQuote(w))).join(' ');
}

/**
 * An API Gateway request id (x-amzn-RequestId: a UUID, or `req-…` in tests and proxies): letters,
 * digits and `-` only. Anything else a server sends is not used, quoted or not.
 */
export function isRequestId(value: unknown): value is string {
  return typeof value === 'string' && /^[A-Za-z0-9][A-Za-z0-9-]{0,63}$/.test(value);
}

/** The request id of an answer (lower-case header names), when it is one. */
export function requestIdOf(headers: Record<string, string>): string | undefined {
  const id = headers['x-amzn-requestid']?.trim();
  return isRequestId(id) ? id : undefined;
}
