// Manifests from the parser's tests, text only, for tests that must agree with the parser on
// them, such as the JSON Schema test. Taken from the parser's own case tables (valid-cases.ts,
// invalid-cases.ts), so a case added there is checked here too; load.test.ts's files are added.
import { INVALID_CASES } from './invalid-cases.ts';
import { VALID_CASES } from './valid-cases.ts';

export interface ManifestCase {
  name: string;
  text: string;
  /** the path shown in problems; a `.json` file is written in JSON */
  file?: string;
}

const textOf = ({ name, text, file }: ManifestCase): ManifestCase => ({ name, text, ...(file !== undefined ? { file } : {}) });

export const VALID_MANIFESTS: ManifestCase[] = [
  ...VALID_CASES.map(textOf),
  {
    name: 'load: a file with a shorthand route and a body',
    text: 'routes:\n  - GET /health\n  - route: POST /orders\n    body: { sku: x }\n',
  },
];

export const INVALID_MANIFESTS: ManifestCase[] = [
  ...INVALID_CASES.map(textOf),
  { name: 'load: a JSON file with a misspelt method', file: 'routes.json', text: '{\n  "routes": ["GET /a", "PSOT /b"]\n}\n' },
];
