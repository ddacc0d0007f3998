// "METHOD /path" → method, path template and its `{params}`, or what is wrong with it.

import { suggestKey } from './suggest.ts';

export const METHODS = ['GET', 'POST', 'PUT', 'PATCH', 'DELETE', 'HEAD', 'OPTIONS'] as const;
/** Verbs whose requests carry no body (and through CloudFront must not). */
export const BODYLESS_METHODS: readonly string[] = ['GET', 'HEAD', 'OPTIONS'];

export interface PathParam {
  /** the name without braces or `+` */
  name: string;
  /** `{name+}`: spans the rest of the path */
  greedy: boolean;
}

export interface RouteLine {
  method: string;
  path: string;
  params: PathParam[];
}

/** message + fix, placed by the caller */
export interface Complaint {
  message: string;
  fix: string;
}

export type Parsed<T> = { value: T; complaints: [] } | { value: undefined; complaints: Complaint[] };

const EXAMPLE = 'e.g. `GET /health`';

export function parseRouteLine(line: string): Parsed<RouteLine> {
  if (line.trim() === '') return fail({ message: 'the route is empty', fix: `write \`METHOD /path\`, ${EXAMPLE}` });
  if (line !== line.trim()) {
    return fail({ message: `route \`${line}\` has leading or trailing whitespace`, fix: `write exactly \`${line.trim()}\`` });
  }
  const parts = /^(\S+)(\s+)(.*)$/s.exec(line);
  if (!parts) {
    if (line.startsWith('/')) return fail({ message: `route \`${line}\` has no method`, fix: `write the verb first: \`GET ${line}\`` });
    const asMethod = line.toUpperCase();
    if ((METHODS as readonly string[]).includes(asMethod)) {
      return fail({ message: `route \`${line}\` has no path`, fix: `write \`${asMethod} /path\`` });
    }
    return fail({ message: `route \`${line}\` is not \`METHOD /path\``, fix: `write the verb, one space and the path, ${EXAMPLE}` });
  }
  const [, methodToken = '', separator = '', path = ''] = parts;
  const complaints: Complaint[] = [];
  if (separator !== ' ') {
    complaints.push({
      message: `route \`${line}\` must separate the method and the path with a single space`,
      fix: `write \`${methodToken} ${path}\``,
    });
  }
  const method = parseMethod(methodToken);
  complaints.push(...method.complaints);
  const template = parsePathTemplate(path);
  complaints.push(...template.complaints);
  if (complaints.length > 0 || method.value === undefined || template.value === undefined) return { value: undefined, complaints };
  return { value: { method: method.value, path, params: template.value }, complaints: [] };
}

/** A concrete HTTP verb, any case, normalised to upper case. */
export function parseMethod(token: string): Parsed<string> {
  const method = token.toUpperCase();
  if ((METHODS as readonly string[]).includes(method)) return { value: method, complaints: [] };
  if (method === 'ANY') {
    return fail({
      message: '`ANY` is not a request verb',
      fix: "pick the concrete verb to send, e.g. `GET`; API Gateway's ANY method answers every verb, so any of them tests it",
    });
  }
  const suggestion = suggestKey(method, METHODS);
  return fail({
    message: `unknown HTTP method \`${token}\`${suggestion ? ` — did you mean \`${suggestion}\`?` : ''}`,
    fix: `use one of ${METHODS.join(', ')}`,
  });
}

/** Checks a path template and returns its parameters. */
export function parsePathTemplate(path: string): Parsed<PathParam[]> {
  if (/^https?:\/\//i.test(path)) {
    return fail({
      message: `the route path \`${path}\` is a full URL`,
      fix: 'write only the resource path (`/users`) and put the scheme, host and stage in `api.base-url` or the `base-url` input',
    });
  }
  if (!path.startsWith('/')) return fail({ message: `the route path \`${path}\` does not start with \`/\``, fix: `write \`/${path}\`` });
  if (/\s/.test(path)) {
    return fail({
      message: `the route path \`${path}\` contains whitespace`,
      fix: 'write one space between the method and the path, nothing after the path, and `%20` for a space inside it',
    });
  }
  const queryAt = path.indexOf('?');
  if (queryAt >= 0) {
    return fail({
      message: `the route path \`${path}\` contains a query string`,
      fix: `write the route as \`${path.slice(0, queryAt)}\` and move the parameters to ${querySuggestion(path.slice(queryAt + 1))}`,
    });
  }
  if (path.includes('#')) {
    return fail({
      message: `the route path \`${path}\` contains a \`#\` fragment`,
      fix: 'remove it: clients never send the fragment to the server',
    });
  }
  if (path.includes('//')) {
    return fail({
      message: `the route path \`${path}\` contains an empty segment (\`//\`)`,
      fix: `write \`${path.replace(/\/{2,}/g, '/')}\`: API Gateway resource paths have no empty segments`,
    });
  }

  const segments = path.split('/').slice(1);
  if (segments.some(isDotSegment)) {
    return fail({
      message: `the route path \`${path}\` has a \`.\` or \`..\` dot segment, which clients resolve away before sending`,
      fix: `write \`${resolveDotSegments(segments)}\`, the path it resolves to`,
    });
  }

  const params: PathParam[] = [];
  for (const [index, segment] of segments.entries()) {
    if (!segment.includes('{') && !segment.includes('}')) continue;
    const match = /^\{([A-Za-z0-9_.-]+)(\+?)\}$/.exec(segment);
    if (!match) {
      return fail({
        message: `path segment \`${segment}\` is not a whole \`{parameter}\``,
        fix: 'API Gateway path parameters fill a whole segment: write `/files/{name}`, not `/files/{name}.json` or `/files/id-{n}`',
      });
    }
    const [, name = '', plus] = match;
    if (plus && index !== segments.length - 1) {
      return fail({
        message: `greedy parameter \`${segment}\` is not the last segment of \`${path}\``,
        fix: 'a `{name+}` parameter must end the path',
      });
    }
    if (params.some((p) => p.name === name)) {
      return fail({ message: `path parameter \`{${name}}\` appears twice in \`${path}\``, fix: 'give each path parameter its own name' });
    }
    params.push({ name, greedy: plus === '+' });
  }
  return { value: params, complaints: [] };
}

/** `a=1&b=x` → `query: { a: "1", b: "x" }`, to show the user exactly what to write. */
function querySuggestion(search: string): string {
  const pairs = [...new URLSearchParams(search)].map(([k, v]) => `${k}: ${JSON.stringify(v)}`);
  return pairs.length > 0 ? `\`query: { ${pairs.join(', ')} }\`` : '`query:`';
}

/** `.` and `..`, also percent-encoded: URL parsers and curl resolve them, so what is sent would differ. */
export function isDotSegment(segment: string): boolean {
  return /^(?:\.|%2e){1,2}$/i.test(segment);
}

/** RFC 3986 §5.2.4 on a path's segments: `.` goes, `..` takes the segment before it. */
function resolveDotSegments(segments: string[]): string {
  const kept: string[] = [];
  for (const segment of segments) {
    if (!isDotSegment(segment)) kept.push(segment);
    else if (/^(?:\.|%2e){2}$/i.test(segment)) kept.pop();
  }
  return `/${kept.join('/')}`;
}

function fail<T>(complaint: Complaint): Parsed<T> {
  return { value: undefined, complaints: [complaint] };
}
