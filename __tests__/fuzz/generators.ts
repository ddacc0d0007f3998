// Hostile YAML for fuzzing the manifest parser: well-formed routes with unsendable values,
// aliases and anchors (cycles and bombs included), deep nesting, odd scalars, control
// characters, large scalars, unknown and duplicate keys. Sizes stay small so that thousands
// of cases run in seconds; the limits themselves have their own tests.
import fc from 'fast-check';

const loneSurrogate = fc.integer({ min: 0xd800, max: 0xdfff }).map((c) => String.fromCharCode(c));
const control = fc.integer({ min: 0, max: 0x1f }).map((c) => String.fromCharCode(c));

/** Text that breaks things: control characters, non-ASCII, dot segments, YAML and Markdown punctuation. */
const oddText = fc.oneof(
  fc.constantFrom(
    '',
    ' ',
    '.',
    '..',
    '%2e%2E',
    '~',
    'null',
    'true',
    '0x1F',
    '007',
    '1e400',
    '.inf',
    '.nan',
    '€',
    'é',
    'ü.example',
    '\u0085',
    '\u2028',
    '\ufeff',
    '`<img src=x>`',
    '</details>',
    '|',
    '&amp;',
    '${{ secrets.X }}',
    '::error::x',
    'a/b',
    'a/../b',
    '/x',
    'x y',
    '%',
    '%zz',
    '?q=1',
    '#top',
  ),
  fc.string({ maxLength: 12 }),
  fc.string({ unit: 'binary', maxLength: 8 }),
  fc.tuple(fc.string({ maxLength: 4 }), fc.oneof(loneSurrogate, control), fc.string({ maxLength: 4 })).map((parts) => parts.join('')),
);

/** A scalar as YAML text: double-quoted (escapes, so surrogates and controls get in), single-quoted or plain. */
export const yamlScalar = fc.oneof(
  { weight: 3, arbitrary: oddText.map((s) => JSON.stringify(s)) },
  { weight: 1, arbitrary: oddText.map((s) => `'${s.replace(/'/g, "''")}'`) },
  {
    weight: 2,
    arbitrary: fc.constantFrom(
      'x',
      '1',
      '-1',
      '2.5',
      'yes',
      '~',
      'GET /a',
      '!!str 1',
      '!tag x',
      '<<',
      '"\\uD800"',
      '"\\0"',
      '"\\x85"',
      "'a''b'",
      '*a',
      '&a x',
      '@x',
      '`x`',
      '|',
      '>-',
    ),
  },
  { weight: 1, arbitrary: oddText },
);

/** Any YAML value in flow style, aliases and anchors included (a, b, c: cycles happen). */
export const yamlValue: fc.Arbitrary<string> = fc.letrec<{ value: string; seq: string; map: string }>((tie) => ({
  value: fc.oneof(
    { depthSize: 'small' },
    { weight: 4, arbitrary: yamlScalar },
    { weight: 1, arbitrary: tie('seq') },
    { weight: 1, arbitrary: tie('map') },
    { weight: 1, arbitrary: fc.constantFrom('*a', '*b', '*c') },
    { weight: 1, arbitrary: fc.tuple(fc.constantFrom('a', 'b', 'c'), tie('value')).map(([name, v]) => `&${name} ${v}`) },
  ),
  seq: fc.array(tie('value'), { maxLength: 4 }).map((items) => `[${items.join(', ')}]`),
  map: fc
    .array(fc.tuple(yamlScalar, tie('value')), { maxLength: 4 })
    .map((pairs) => `{ ${pairs.map(([k, v]) => `${k}: ${v}`).join(', ')} }`),
})).value;

const headerName = fc.oneof(
  fc.constantFrom('accept', 'x-api-key', 'X-Trace', 'authorization', 'x a', 'x(a)', 'é', '', 'host', 'content-length'),
  fc.string({ maxLength: 6 }),
);
const headerValue = fc.oneof(fc.constantFrom('application/json', '€', 'café', 'a\u0000b', 'a\tb', ' x ', 'a\r\nb', ''), oddText);
const segment = fc.oneof(
  fc.constantFrom('a', 'users', '{id}', '.', '..', '%2E', '%2e%2e', '{proxy+}', 'x y', 'ü', '%', '{id}.json', 'a:b', "'", '[x]'),
  fc.string({ maxLength: 5 }),
);
const origin = fc.oneof(
  fc.constantFrom(
    'https://app.example.com',
    'http://localhost:3000',
    'https://bücher.example',
    'https://x.example/app',
    'null',
    'https://a\u0000b',
    'https://xn--bcher-kva.example',
  ),
  oddText,
);

const q = (s: string) => JSON.stringify(s);
const flowMap = (record: Record<string, string>) =>
  `{ ${Object.entries(record)
    .map(([k, v]) => `${q(k)}: ${q(v)}`)
    .join(', ')} }`;

/** One route as a flow mapping, most of it plausible, some of it not. */
export const routeItem = fc
  .record(
    {
      method: fc.constantFrom('GET', 'POST', 'PUT', 'DELETE', 'OPTIONS', 'HEAD', 'PATCH', 'get', 'ANY', 'GTE'),
      segments: fc.array(segment, { maxLength: 4 }),
      params: fc.dictionary(
        fc.constantFrom('id', 'proxy', 'x'),
        fc.oneof(fc.constantFrom('42', 'a/b', '..', '.', 'a/../b', 'é', ''), oddText),
        { maxKeys: 2 },
      ),
      query: fc.dictionary(oddText, oddText, { maxKeys: 2 }),
      headers: fc.dictionary(headerName, headerValue, { maxKeys: 3 }),
      body: yamlValue,
      cors: fc.record({ origin, method: fc.constantFrom('GET', 'POST', 'any', 'x') }),
      expect: fc.constantFrom('200', '[201, 409]', '2xx', 'reachable', '700', '[]'),
      auth: fc.constantFrom('none', 'iam', 'api-key', 'AWS_IAM', 'token'),
      extra: fc.constantFrom('x-note: 1', 'expected: 200', 'route: GET /dup', '<<: *a'),
    },
    { requiredKeys: ['method', 'segments'] },
  )
  .map((r) => {
    const fields = [`route: ${q(`${r.method} /${r.segments.join('/')}`)}`];
    if (r.params) fields.push(`params: ${flowMap(r.params)}`);
    if (r.query) fields.push(`query: ${flowMap(r.query)}`);
    if (r.headers) fields.push(`headers: ${flowMap(r.headers)}`);
    if (r.body !== undefined) fields.push(`body: ${r.body}`);
    if (r.cors) fields.push(`cors: { origin: ${q(r.cors.origin)}, method: ${r.cors.method} }`);
    if (r.expect) fields.push(`expect: ${r.expect}`);
    if (r.auth) fields.push(`auth: ${r.auth}`);
    if (r.extra) fields.push(r.extra);
    return `{ ${fields.join(', ')} }`;
  });

const plainRoute = fc
  .tuple(fc.constantFrom('GET', 'POST', 'DELETE'), fc.array(segment, { maxLength: 3 }))
  .map(([m, s]) => `${m} /${s.join('/')}`);

/** A whole manifest: mostly the right shape, with hostile additions. */
export const manifestText = fc
  .record({
    version: fc.constantFrom('version: 1', '', 'version: 2', 'version: *a'),
    defaults: fc.oneof(
      fc.constant(''),
      fc
        .record({ headers: fc.dictionary(headerName, headerValue, { maxKeys: 2 }) })
        .map((d) => `defaults: { headers: ${flowMap(d.headers)} }`),
      yamlValue.map((v) => `defaults: ${v}`),
    ),
    extraTop: fc.constantFrom(
      '',
      'servers: []',
      'routes: [GET /dup]',
      'x-anchors: &a { a: 1 }',
      'api: { base-url: "https://x.example/v1" }',
      'api: { stage: "\\uD800" }',
    ),
    routes: fc.array(
      fc.oneof(
        { weight: 3, arbitrary: routeItem },
        { weight: 1, arbitrary: plainRoute.map(q) },
        { weight: 1, arbitrary: yamlValue },
        { weight: 1, arbitrary: fc.constantFrom('*a', '&a GET /a', '&b { route: POST /b, body: *b }') },
      ),
      { maxLength: 5 },
    ),
    prefix: fc.constantFrom('', '\ufeff', '%YAML 1.2\n---\n', '# c\n', '\t'),
    suffix: fc.oneof(
      { weight: 6, arbitrary: fc.constant('') },
      { weight: 1, arbitrary: fc.constantFrom('---\nroutes: []', '...', '\u0000', '\n\n\t\n') },
      { weight: 1, arbitrary: fc.integer({ min: 90, max: 130 }).map((n) => `deep: ${'['.repeat(n)}${']'.repeat(n)}`) },
      { weight: 1, arbitrary: fc.integer({ min: 1, max: 10_000 }).map((n) => `big: ${'x'.repeat(n)}`) },
      { weight: 1, arbitrary: fc.integer({ min: 2, max: 6 }).map((n) => `bomb: [${Array(n).fill('*a').join(', ')}]`) },
    ),
  })
  .map(
    (m) =>
      [m.prefix + m.version, m.extraTop, m.defaults, `routes:`, ...m.routes.map((r) => `  - ${r}`), m.suffix]
        .filter((l) => l !== '')
        .join('\n') + '\n',
  );
