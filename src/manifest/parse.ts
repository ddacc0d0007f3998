// YAML (or JSON) text → nodes that remember where they were written.
// Everything downstream reads the document through `Item`s so that every problem and every
// route carries an exact 1-based line and column.

import { isAlias, isMap, isScalar, isSeq, LineCounter } from 'yaml';
import type { Alias, ErrorCode, Node, YAMLError, YAMLMap, YAMLSeq } from 'yaml';
import type { InputProblem, SourceLocation } from '../types.ts';
import { guardDocument, MAX_DEPTH, parseDocumentGuarded, plainValue } from './guard.ts';
import { suggestKey } from './suggest.ts';

/** A value as written, with where it was written. `node` is null for an absent value. */
export interface Item {
  node: Node | null;
  at: SourceLocation;
}

/** One `key: value` of a mapping. */
export interface Entry extends Item {
  key: string;
  keyAt: SourceLocation;
}

export interface Ctx {
  file: string;
  problems: InputProblem[];
  report(at: SourceLocation, message: string, fix: string): void;
  /** the plain JS value of a node (used for JSON bodies) */
  toJS(node: Node): unknown;
  locate(node: Node | null | undefined, fallback: SourceLocation): SourceLocation;
  /** follow `*alias` to the anchored node */
  deref(node: unknown): Node | null;
}

export interface ParsedYaml {
  ctx: Ctx;
  /** the document's top-level value; null when the text is empty or has syntax errors */
  root: Item | null;
}

const SYNTAX_FIXES: Partial<Record<ErrorCode, string>> = {
  DUPLICATE_KEY: 'remove or rename one of the two keys',
  TAB_AS_INDENT: 'indent with spaces, not tabs',
  MULTIPLE_DOCS: 'keep a single document: remove the `---` separator and what follows, or merge them',
  TAG_RESOLVE_FAILED: 'remove the `!tag`; the manifest uses plain YAML values',
  BAD_ALIAS: 'define the `&anchor` before using `*alias`',
};
const GENERIC_SYNTAX_FIX = 'fix the YAML at this position: check the indentation, a missing `:` after a key, an unclosed quote or bracket';

export function parseYaml(text: string, file: string): ParsedYaml {
  // A UTF-8 byte order mark would shift every column of the first line.
  const source = text.startsWith('\uFEFF') ? text.slice(1) : text;
  const problems: InputProblem[] = [];
  // nothing of a text nested too deep is parsed: that is what takes the parser tens of seconds
  const { doc, tooDeep } = parseDocumentGuarded(source, { prettyErrors: false });
  if (tooDeep !== undefined) {
    const lines = source.slice(0, tooDeep).split('\n');
    problems.push({
      message: `the manifest is nested more than ${MAX_DEPTH} levels deep here`,
      fix: 'flatten the value: no route needs this much nesting',
      source: { file, line: lines.length, column: (lines.at(-1) ?? '').length + 1 },
    });
  }
  // Lines are counted here, not by the parser: after some syntax errors it skips line breaks.
  const lineCounter = new LineCounter();
  lineCounter.addNewLine(0);
  for (let at = source.indexOf('\n'); at >= 0; at = source.indexOf('\n', at + 1)) lineCounter.addNewLine(at + 1);
  const start: SourceLocation = { file, line: 1, column: 1 };

  const position = (offset: number): SourceLocation => {
    const { line, col } = lineCounter.linePos(offset);
    return { file, line: Math.max(line, 1), column: Math.max(col, 1) };
  };
  let targets = new Map<Alias, Node>();
  const deref = (node: unknown): Node | null => {
    if (isAlias(node)) return targets.get(node) ?? null;
    return isScalar(node) || isMap(node) || isSeq(node) ? node : null;
  };
  const ctx: Ctx = {
    file,
    problems,
    report: (at, message, fix) => problems.push({ message, fix, source: at }),
    toJS: (node) => plainValue(node, targets),
    locate: (node, fallback) => {
      if (!node?.range) return fallback;
      // `key:` with nothing after it parses as an empty scalar placed at the end of the line;
      // pointing at the key is more useful.
      if (isScalar(node) && node.value === null && node.range[0] === node.range[1]) return fallback;
      return position(node.range[0]);
    },
    deref,
  };

  if (tooDeep !== undefined) return { ctx, root: null };
  const syntax = [...doc.errors, ...doc.warnings];
  for (const error of syntax) problems.push(syntaxProblem(error, position(error.pos[0])));
  if (syntax.length > 0) return { ctx, root: null };

  const contents = doc.contents as Node | null;
  if (contents === null || (isScalar(contents) && contents.value === null)) {
    ctx.report(start, 'the routes manifest is empty', `declare at least one route, e.g. ${MINIMAL_EXAMPLE}`);
    return { ctx, root: null };
  }
  // Aliases are resolved once here; a document that would loop, explode or not encode goes no further.
  const guarded = guardDocument(contents);
  targets = guarded.targets;
  for (const hazard of guarded.hazards) ctx.report(ctx.locate(hazard.node, start), hazard.message, hazard.fix);
  if (guarded.hazards.length > 0) return { ctx, root: null };
  return { ctx, root: { node: deref(contents), at: ctx.locate(contents, start) } };
}

/** One line, so it reads well in annotations, logs and Markdown lists alike; valid YAML and JSON-like. */
export const MINIMAL_EXAMPLE = '`{ version: 1, routes: ["GET /health"] }`';

function syntaxProblem(error: YAMLError, at: SourceLocation): InputProblem {
  const message = `YAML syntax error: ${error.message.replace(/;? ?please use YAML\.parseAllDocuments\(\)/, '')}`;
  return { message, fix: SYNTAX_FIXES[error.code] ?? GENERIC_SYNTAX_FIX, source: at };
}

/** Entries of a mapping in order. With `allowed`, unknown keys are reported and left out. */
export function entriesOf(map: YAMLMap, ctx: Ctx, mapAt: SourceLocation, allowed?: { keys: readonly string[]; where: string }): Entry[] {
  const entries: Entry[] = [];
  for (const pair of map.items) {
    const keyNode = pair.key as Node | null;
    const keyAt = ctx.locate(keyNode, mapAt);
    const keyValue = isScalar(keyNode) ? keyNode.value : undefined;
    if (typeof keyValue !== 'string' && typeof keyValue !== 'number' && typeof keyValue !== 'boolean') {
      ctx.report(keyAt, 'keys must be plain names', 'write the key as a plain word followed by `:`');
      continue;
    }
    const key = isScalar(keyNode) && typeof keyValue === 'number' && keyNode.source ? keyNode.source : String(keyValue);
    if (allowed && !allowed.keys.includes(key)) {
      reportUnknownKey(ctx, keyAt, key, allowed.keys, allowed.where);
      continue;
    }
    const valueNode = pair.value as Node | null;
    entries.push({ key, keyAt, node: ctx.deref(valueNode), at: ctx.locate(valueNode, keyAt) });
  }
  return entries;
}

function reportUnknownKey(ctx: Ctx, at: SourceLocation, key: string, keys: readonly string[], where: string): void {
  const suggestion = suggestKey(key, keys);
  const accepted = keys.map((k) => `\`${k}\``).join(', ');
  if (key === '<<') {
    ctx.report(
      at,
      'YAML merge keys (`<<`) are not supported',
      `repeat the keys, or put shared values in \`defaults:\` (${where} accepts ${accepted})`,
    );
  } else if (suggestion) {
    ctx.report(
      at,
      `unknown key \`${key}\` — did you mean \`${suggestion}\`?`,
      `rename it to \`${suggestion}\` (${where} accepts ${accepted})`,
    );
  } else {
    ctx.report(at, `unknown key \`${key}\` in ${where}`, `remove it; ${where} accepts ${accepted}`);
  }
}

/** Items of a sequence, aliases followed, each with its own location. */
export function itemsOf(seq: YAMLSeq, ctx: Ctx, seqAt: SourceLocation): Item[] {
  return seq.items.map((raw) => ({ node: ctx.deref(raw), at: ctx.locate(raw as Node, seqAt) }));
}

/**
 * What a node is, for messages: "a list", "a mapping", "the number 42", "empty" …
 * `quote: false` leaves a string's text out (header values may hold credentials).
 */
export function describe(node: Node | null, quote = true): string {
  if (isMap(node)) return 'a mapping';
  if (isSeq(node)) return 'a list';
  if (!isScalar(node) || node.value === null || node.value === undefined) return 'empty';
  if (typeof node.value === 'string') return quote ? `the string "${node.value}"` : 'a string';
  return `${typeof node.value === 'boolean' ? 'the boolean' : 'the number'} ${scalarText(node) ?? ''}`;
}

/**
 * The text of a scalar: strings as they are, numbers and booleans as written
 * (`007` stays "007", which matters for ids). Undefined for null and collections.
 */
export function scalarText(node: Node | null): string | undefined {
  if (!isScalar(node)) return undefined;
  const { value } = node;
  if (typeof value === 'string') return value;
  if (typeof value === 'number' || typeof value === 'boolean' || typeof value === 'bigint') {
    return node.type === 'PLAIN' && node.source ? node.source : String(value);
  }
  return undefined;
}

/** A string value (a quoted or plain scalar that YAML read as a string). */
export function stringValue(node: Node | null): string | undefined {
  return isScalar(node) && typeof node.value === 'string' ? node.value : undefined;
}
