// The committed generated code must match what the .proto files produce now:
// src/generated (proto-loader-gen-types) and the build's proto/ copy.
import { test } from 'node:test';
import * as assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';

import { packageDir } from './server';

// Plain CommonJS helpers shared with the build scripts.
// eslint-disable-next-line @typescript-eslint/no-require-imports
const protos = require(path.join(packageDir, 'scripts', 'protos.js')) as {
  sourceProtoDir: string;
  packageProtoDir: string;
  protoFiles: string[];
  listDir(dir: string): string[];
};

function assertSameTree(committed: string, fresh: string, fix: string) {
  const a = protos.listDir(committed);
  const b = protos.listDir(fresh);
  assert.deepEqual(a, b, `the file lists differ: ${fix}`);
  for (const f of a) {
    const x = fs.readFileSync(path.join(committed, f), 'utf8');
    const y = fs.readFileSync(path.join(fresh, f), 'utf8');
    assert.ok(x === y, `${f} is stale: ${fix}`);
  }
}

test('src/generated matches proto-loader-gen-types run on ../../proto now', () => {
  const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'clout-gen-'));
  try {
    execFileSync(process.execPath, [path.join(packageDir, 'scripts', 'gen-types.js'), tmp], { stdio: 'pipe' });
    assertSameTree(path.join(packageDir, 'src', 'generated'), tmp, 'run "npm run gen" in clients/node and commit src/generated');
  } finally {
    fs.rmSync(tmp, { recursive: true, force: true });
  }
});

test('the packaged proto/ copy matches ../../proto', () => {
  for (const f of protos.protoFiles) {
    const src = fs.readFileSync(path.join(protos.sourceProtoDir, f), 'utf8');
    const copy = fs.readFileSync(path.join(protos.packageProtoDir, f), 'utf8');
    assert.ok(src === copy, `proto/${f} differs from the repository's: run "npm run build"`);
  }
});
