// `npm run readme`: writes the README's inputs and outputs tables from action.yml, between
// `<!-- inputs:start -->`/`<!-- inputs:end -->` and `<!-- outputs:start -->`/`<!-- outputs:end -->`.
// action.yml is the one source: a test fails when the README's tables are not what this writes.
// `npm run readme -- --check` only compares (exit 1 when they differ).
import { readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { parse } from 'yaml';

export interface ActionMetadata {
  inputs: Record<string, { description: string; required?: boolean; default?: string }>;
  outputs: Record<string, { description: string }>;
}

/** A table cell: one line, and a `|` that would end the cell escaped. */
function cell(text: string): string {
  return text.replace(/\s*\n\s*/g, ' ').replace(/\|/g, '\\|');
}

/** A default as code, with enough backticks around it that one inside cannot end the span. */
function code(value: string): string {
  const longest = Math.max(0, ...[...value.matchAll(/`+/g)].map((m) => m[0].length));
  const fence = '`'.repeat(longest + 1);
  const pad = value.startsWith('`') || value.endsWith('`') ? ' ' : '';
  return `${fence}${pad}${cell(value)}${pad}${fence}`;
}

export function inputsTable(action: ActionMetadata): string {
  const rows = Object.entries(action.inputs).map(
    ([name, input]) =>
      `| \`${name}\` | ${input.required ? 'yes' : 'no'} | ${input.default ? code(input.default) : ''} | ${cell(input.description)} |`,
  );
  return ['| input | required | default | description |', '|---|---|---|---|', ...rows].join('\n');
}

export function outputsTable(action: ActionMetadata): string {
  const rows = Object.entries(action.outputs).map(([name, output]) => `| \`${name}\` | ${cell(output.description)} |`);
  return ['| output | description |', '|---|---|', ...rows].join('\n');
}

/** The README with both tables replaced; throws when a marker is missing or out of order. */
export function withTables(readme: string, action: ActionMetadata): string {
  let text = readme;
  for (const [name, table] of [
    ['inputs', inputsTable(action)],
    ['outputs', outputsTable(action)],
  ] as const) {
    const start = `<!-- ${name}:start -->`;
    const end = `<!-- ${name}:end -->`;
    const from = text.indexOf(start);
    const to = text.indexOf(end);
    if (from < 0 || to < from) throw new Error(`README.md needs the markers ${start} and ${end}, in this order`);
    text = `${text.slice(0, from + start.length)}\n${table}\n${text.slice(to)}`;
  }
  return text;
}

export function parseAction(yamlText: string): ActionMetadata {
  return parse(yamlText) as ActionMetadata;
}

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');

if (process.argv[1] && import.meta.url === pathToFileURL(path.resolve(process.argv[1])).href) {
  const readmePath = path.join(root, 'README.md');
  const [readme, action] = await Promise.all([readFile(readmePath, 'utf8'), readFile(path.join(root, 'action.yml'), 'utf8')]);
  const wanted = withTables(readme, parseAction(action));
  if (wanted === readme) console.log('README.md: the inputs and outputs tables match action.yml');
  else if (process.argv.includes('--check')) {
    console.error('README.md: the inputs or outputs table differs from action.yml. Run `npm run readme`.');
    process.exitCode = 1;
  } else {
    await writeFile(readmePath, wanted);
    console.log('README.md: inputs and outputs tables rewritten from action.yml');
  }
}
