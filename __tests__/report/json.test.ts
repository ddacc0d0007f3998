import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdir, mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { writeJsonReport } from '../../src/report/json.ts';
import { failed, passed, report } from './builders.ts';

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
