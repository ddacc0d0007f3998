import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdir, mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { writeJsonReport } from '../../src/report/json.ts';
import { diagnosis, failed, passed, report } from './builders.ts';

async function scratch(t: { after: (fn: () => Promise<void>) => void }): Promise<string> {
  const dir = await mkdtemp(join(tmpdir(), 'report-json-'));
  t.after(() => rm(dir, { recursive: true, force: true }));
  return dir;
}

const sample = report([passed('GET /', 2), failed('GET /users/{id}', 3)]);

test('creates missing directories and writes pretty JSON that parses back to the report', async (t) => {
  const dir = await scratch(t);
  const file = join(dir, 'a', 'b', 'report.json');
  await writeJsonReport(file, sample);
  const text = await readFile(file, 'utf8');
  assert.deepEqual(JSON.parse(text), sample);
  assert.match(text, /^\{\n {2}"version": 1,\n/);
  assert.deepEqual(await readdir(join(dir, 'a', 'b')), ['report.json'], 'no temporary file is left behind');
});

test('replaces an existing report whole', async (t) => {
  const dir = await scratch(t);
  const file = join(dir, 'report.json');
  await writeFile(file, 'x'.repeat(100_000));
  await writeJsonReport(file, sample);
  assert.deepEqual(JSON.parse(await readFile(file, 'utf8')), sample);
  assert.deepEqual(await readdir(dir), ['report.json']);
});

test('a directory that cannot be created rejects with the path and what to change', async (t) => {
  const dir = await scratch(t);
  await writeFile(join(dir, 'not-a-dir'), 'file');
  const file = join(dir, 'not-a-dir', 'sub', 'report.json');
  await assert.rejects(writeJsonReport(file, sample), (error: Error) => {
    assert.ok(error.message.includes(file), error.message);
    assert.match(error.message, /report-file/);
    return true;
  });
  assert.deepEqual((await readdir(dir)).sort(), ['not-a-dir']);
});

test('a failed rename (the path is a directory) rejects and leaves no partial file', async (t) => {
  const dir = await scratch(t);
  const file = join(dir, 'report.json');
  await mkdir(file);
  await assert.rejects(writeJsonReport(file, sample), /could not write the JSON report/);
  assert.deepEqual(await readdir(dir), ['report.json']);
  assert.deepEqual(await readdir(file), [], 'nothing was written into the directory either');
});

test('the streamed file is byte for byte JSON.stringify(report, null, 2), whatever the chunk size', async (t) => {
  const dir = await scratch(t);
  const many = report(
    Array.from({ length: 300 }, (_, i) =>
      i % 7 === 0 ? failed(`GET /r${i}/{id}`, i + 2) : passed(`GET /r${i}`, i + 2, { url: `https://example.test/prod/r${i}?q="ü\n"` }),
    ),
  );
  // members JSON.stringify leaves out, and empty arrays, come out as it writes them
  const odd = { ...many, findings: [], definitionRead: undefined } as unknown as typeof many;
  for (const [name, value] of [
    ['many', many],
    ['odd', odd],
    ['sample', sample],
  ] as const) {
    for (const chunk of [1, 100, 64 * 1024]) {
      const file = join(dir, `${name}-${chunk}.json`);
      await writeJsonReport(file, value, undefined, chunk);
      assert.equal(await readFile(file, 'utf8'), `${JSON.stringify(value, null, 2)}\n`, `${name}, chunks of ${chunk}`);
    }
  }
});

test('a secret in a check is redacted even where the writes split it, and only the redacted text is written', async (t) => {
  const dir = await scratch(t);
  const secret = 'sk-live-0123456789abcdef';
  const checks = Array.from({ length: 50 }, (_, i) => failed(`GET /r${i}`, i + 2));
  const leaky = failed('GET /leaky', 60, 'integration-error', {
    url: `https://example.test/prod/leaky?key=${secret}`,
    diagnosis: diagnosis('integration-error', { explanation: `the backend echoed ${secret} back` }),
  });
  const value = report([...checks, leaky]);
  const redact = (text: string) => text.replaceAll(secret, '***');
  const pieces: string[] = [];
  const recording = (text: string) => {
    pieces.push(text);
    return redact(text);
  };
  const text = JSON.stringify(value, null, 2);
  const at = text.indexOf(secret);
  // chunk sizes that put a write boundary inside the secret's first occurrence
  for (const chunk of [at + 3, 17]) {
    const file = join(dir, `r-${chunk}.json`);
    pieces.length = 0;
    await writeJsonReport(file, value, recording, chunk);
    const written = await readFile(file, 'utf8');
    assert.ok(!written.includes(secret), `chunks of ${chunk}: the secret was written`);
    assert.equal(written, `${redact(text)}\n`, 'the same as redacting the whole text');
    assert.ok(pieces.length > 50, 'redacted piece by piece, not as one string');
    assert.ok(Math.max(...pieces.map((p) => p.length)) < text.length / 10, 'no piece is the whole report');
  }
});
