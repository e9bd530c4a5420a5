// Runs the README's quick start as written: the ```ts block under
// "## Quick start", type-checked against the built package and run with
// CLOUT_SERVER pointing at a fresh cloutd.
import { test, before, after } from 'node:test';
import * as assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import * as ts from 'typescript';

import { packageDir, startCloutd, type Cloutd } from './server';

let server: Cloutd;
before(async () => {
  server = await startCloutd();
});
after(async () => {
  await server?.stop();
});

function quickStart(): string {
  const readme = fs.readFileSync(path.join(packageDir, 'README.md'), 'utf8');
  const m = /^## Quick start\n[\s\S]*?^```ts\n([\s\S]*?)^```$/m.exec(readme);
  assert.ok(m, 'no ```ts block under "## Quick start" in README.md');
  return m[1];
}

test('the README quick start type-checks and runs as written', () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'clout-quickstart-'));
  try {
    // '@clout/client' resolves to this package, as after npm install.
    fs.mkdirSync(path.join(dir, 'node_modules', '@clout'), { recursive: true });
    fs.symlinkSync(packageDir, path.join(dir, 'node_modules', '@clout', 'client'), 'dir');
    const file = path.join(dir, 'quickstart.ts');
    fs.writeFileSync(file, quickStart());

    const program = ts.createProgram([file], {
      target: ts.ScriptTarget.ES2022,
      module: ts.ModuleKind.CommonJS,
      moduleResolution: ts.ModuleResolutionKind.Node10,
      strict: true,
      esModuleInterop: true,
      skipLibCheck: true,
      types: ['node'],
      typeRoots: [path.join(packageDir, 'node_modules', '@types')],
      outDir: dir,
    });
    const emit = program.emit();
    const diagnostics = ts.getPreEmitDiagnostics(program).concat(emit.diagnostics);
    const text = ts.formatDiagnostics(diagnostics, { getCanonicalFileName: (f) => f, getCurrentDirectory: () => dir, getNewLine: () => '\n' });
    assert.equal(diagnostics.length, 0, `the quick start does not compile:\n${text}`);

    const out = execFileSync(process.execPath, [path.join(dir, 'quickstart.js')], {
      env: { ...process.env, CLOUT_SERVER: server.address },
      encoding: 'utf8',
      timeout: 60_000,
    });
    assert.match(out, /^followers: 10000 10010$/m);
    assert.match(out, /^rejected series 0 sample 0: .*-4 is negative/m);
    assert.match(out, /^engagement_rate: 8 percent \(by_views\)$/m);
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
});
