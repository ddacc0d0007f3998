// One walk over a parsed YAML document, before anything reads it: resolves every `*alias` once,
// and refuses what would hang, crash or be sent garbled later — alias cycles, alias bombs,
// nesting too deep for the stack, and lone UTF-16 surrogates (from `"\uD800"` escapes).
//
// The yaml library's own alias resolution walks the whole document per alias (and its
// maxAliasCount is counted per toJS call), so thousands of aliases cost seconds and an
// expansion spread over many bodies is never counted as a whole. Here every alias is resolved
// in the same document-order walk, and what the aliases expand to is counted for the document.

import { Composer, CST, isAlias, isMap, isScalar, isSeq, Lexer, parseDocument, Parser, YAMLParseError } from 'yaml';
import type { Alias, Document, DocumentOptions, Node, ParseOptions } from 'yaml';

/** What all the aliases of a document may expand to together, in characters and nodes. */
export const MAX_ALIAS_EXPANSION = 1024 * 1024;
/** Nesting (through aliases too) deeper than this is no route manifest, and would exhaust the stack. */
export const MAX_DEPTH = 100;

export interface Hazard {
  node: Node;
  message: string;
  fix: string;
}

export interface Guarded {
  /** `*alias` → the node its `&anchor` names (the last one before it, as YAML says) */
  targets: Map<Alias, Node>;
  hazards: Hazard[];
}

interface Anchored {
  node: Node;
  /** expanded size, known once the node is closed */
  size: number;
  depth: number;
  open: boolean;
}

interface Measure {
  size: number;
  depth: number;
}

export function guardDocument(root: Node): Guarded {
  const targets = new Map<Alias, Node>();
  const hazards: Hazard[] = [];
  const anchors = new Map<string, Anchored>();
  let expansion = 0;
  let stopped = false; // after an expansion or depth hazard, nothing further is counted

  const walk = (node: unknown, depth: number): Measure => {
    if (stopped || !node || typeof node !== 'object') return { size: 1, depth };
    if (depth > MAX_DEPTH) {
      hazards.push({
        node: node as Node,
        message: `the manifest is nested more than ${MAX_DEPTH} levels deep here`,
        fix: 'flatten the value: no route needs this much nesting',
      });
      stopped = true;
      return { size: 1, depth };
    }
    if (isAlias(node)) return walkAlias(node, depth);
    const anchored: Anchored | undefined = hasAnchor(node) ? { node: node as Node, size: 0, depth: 0, open: true } : undefined;
    if (anchored) anchors.set((node as Node & { anchor: string }).anchor, anchored);
    const measure = walkNode(node, depth);
    if (anchored) Object.assign(anchored, { size: measure.size, depth: measure.depth - depth, open: false });
    return measure;
  };

  const walkNode = (node: object, depth: number): Measure => {
    if (isScalar(node)) {
      if (typeof node.value === 'string' && hasLoneSurrogate(node.value)) {
        hazards.push({
          node,
          message:
            'this string has a lone UTF-16 surrogate (a `\\uD800`–`\\uDFFF` escape without its pair), which cannot be encoded or sent',
          fix: 'write the character itself, or both halves of its surrogate pair (e.g. `"\\uD83D\\uDE00"`)',
        });
      }
      return { size: 1 + (typeof node.value === 'string' ? node.value.length : 0), depth };
    }
    let size = 1;
    let deepest = depth;
    const add = (child: unknown) => {
      const m = walk(child, depth + 1);
      size += m.size;
      deepest = Math.max(deepest, m.depth);
    };
    if (isMap(node)) {
      for (const pair of node.items) {
        add(pair.key);
        add(pair.value);
      }
    } else if (isSeq(node)) {
      for (const item of node.items) add(item);
    }
    return { size, depth: deepest };
  };

  const walkAlias = (alias: Alias, depth: number): Measure => {
    const anchored = anchors.get(alias.source);
    if (!anchored) return { size: 1, depth }; // the parser already reported the unknown anchor
    if (anchored.open) {
      hazards.push({
        node: alias,
        message: `alias \`*${alias.source}\` refers to the node that contains it, an endless loop`,
        fix: `write the value out, or move \`*${alias.source}\` outside the \`&${alias.source}\` it repeats`,
      });
      return { size: 1, depth };
    }
    targets.set(alias, anchored.node);
    expansion += anchored.size;
    if (expansion > MAX_ALIAS_EXPANSION || depth + anchored.depth > MAX_DEPTH) {
      const what = expansion > MAX_ALIAS_EXPANSION ? `more than ${MAX_ALIAS_EXPANSION} characters` : `more than ${MAX_DEPTH} levels deep`;
      hazards.push({
        node: alias,
        message: `YAML aliases expand to ${what} here (\`*${alias.source}\`), as in an alias bomb`,
        fix: 'write the value out once, or use fewer aliases of large values; shared headers, query and expectations belong in `defaults:`',
      });
      stopped = true;
    }
    return { size: anchored.size, depth: depth + anchored.depth };
  };

  walk(root, 0);
  return { targets, hazards };
}

/** A high surrogate without its low half, or a low one without its high half (String#isWellFormed, ES2024). */
export function hasLoneSurrogate(text: string): boolean {
  return /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/.test(text);
}

function hasAnchor(node: object): boolean {
  return typeof (node as { anchor?: unknown }).anchor === 'string';
}

/** Lexer tokens that mark a state and take no room in the text. */
const MARKERS: ReadonlySet<string> = new Set(['doc-mode', 'flow-error-end', 'scalar']);

/**
 * Nesting as the lexer's tokens show it, token by token: depth is the open flow brackets plus
 * the block indicators (`-`, `?`) on the current line; indentation-only nesting is bounded by
 * the file size limit (its lines grow with every level). `step` is true at the first token
 * that goes deeper than MAX_DEPTH, and `offset` is then where that token starts.
 */
function nestingTracker(): { step(token: string): boolean; readonly offset: number } {
  let offset = 0;
  let flow = 0;
  let onLine = 0;
  return {
    step(token) {
      const type = CST.tokenType(token);
      if (type === 'flow-seq-start' || type === 'flow-map-start') flow++;
      else if ((type === 'flow-seq-end' || type === 'flow-map-end') && flow > 0) flow--;
      else if (type === 'seq-item-ind' || type === 'explicit-key-ind') onLine++;
      else if (type === 'newline') onLine = 0;
      if (flow + onLine > MAX_DEPTH) return true;
      if (!MARKERS.has(type ?? '')) offset += token.length;
      return false;
    },
    get offset() {
      return offset;
    },
  };
}

const TOO_DEEP = Symbol('too deep');

/**
 * yaml's parseDocument, with the text lexed once: each token is checked for nesting before the
 * parser gets it. The parser takes tens of seconds on a megabyte of `[[[[…` or `- - - …` before
 * its stack overflows; this stops at the hundred-and-first level. Nested too deep, parsing stops at that token
 * and `tooDeep` is its offset; the document is then the empty text's.
 */
export function parseDocumentGuarded(source: string, options: DocumentOptions & ParseOptions): { doc: Document.Parsed; tooDeep?: number } {
  const nesting = nestingTracker();
  const parser = new Parser();
  function* tokens(): Generator<CST.Token> {
    for (const lexeme of new Lexer().lex(source)) {
      if (nesting.step(lexeme)) throw TOO_DEEP;
      yield* parser.next(lexeme);
    }
    yield* parser.end();
  }
  try {
    let doc: Document.Parsed | undefined;
    for (const next of new Composer(options).compose(tokens(), true, source.length)) {
      if (!doc) doc = next;
      else {
        // as parseDocument does
        doc.errors.push(
          new YAMLParseError(
            [next.range[0], next.range[1]],
            'MULTIPLE_DOCS',
            'Source contains multiple documents; please use YAML.parseAllDocuments()',
          ),
        );
        break;
      }
    }
    return { doc: doc ?? parseDocument('', options) };
  } catch (error) {
    if (error !== TOO_DEEP) throw error;
    return { doc: parseDocument('', options), tooDeep: nesting.offset };
  }
}

/**
 * The plain value of a node, aliases followed through `targets` (sent as a JSON body).
 * Safe after guardDocument found no hazard: no cycle, bounded size and depth.
 */
export function plainValue(node: unknown, targets: Map<Alias, Node>): unknown {
  const value = isAlias(node) ? targets.get(node) : node;
  if (isScalar(value)) return value.value ?? null;
  if (isSeq(value)) return value.items.map((item) => plainValue(item, targets));
  if (isMap(value)) {
    // no prototype: a `__proto__` key is data like any other
    const object: Record<string, unknown> = Object.create(null) as Record<string, unknown>;
    for (const pair of value.items) {
      const key = plainValue(pair.key, targets);
      object[typeof key === 'object' && key !== null ? JSON.stringify(key) : String(key)] = plainValue(pair.value, targets);
    }
    return object;
  }
  return null;
}
