// `npm pack` makes a working package: installed into an empty project, it
// loads its .proto files and talks to a server.
import { test, before, after } from 'node:test';
import * as assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';

import { packageDir, startCloutd, type Cloutd } from './server';

let server: Cloutd;
before(async () => {
  server = await startCloutd();
});
after(async () => {
  await server?.stop();
});

const npm = process.platform === 'win32' ? 'npm.cmd' : 'npm';

test('npm pack produces a package that installs and works', () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'clout-pack-'));
  try {
    // The build already ran (dist/ and proto/ exist): pack without running prepack again.
    const packed = JSON.parse(
      execFileSync(npm, ['pack', '--json', '--ignore-scripts', '--pack-destination', dir], { cwd: packageDir, encoding: 'utf8' }),
    ) as Array<{ filename: string; files: Array<{ path: string }> }>;
    const files = packed[0].files.map((f) => f.path);
    for (const f of ['dist/src/index.js', 'dist/src/index.d.ts', 'dist/examples/readback.js', 'proto/clout/v1/ingest.proto', 'proto/google/rpc/status.proto', 'README.md']) {
      assert.ok(files.includes(f), `${f} is not in the package`);
    }
    assert.ok(!files.some((f) => f.startsWith('dist/test/') || f.startsWith('src/')), 'tests or sources in the package');

    const project = path.join(dir, 'project');
    fs.mkdirSync(project);
    fs.writeFileSync(path.join(project, 'package.json'), JSON.stringify({ name: 'pack-check', version: '1.0.0', private: true }));
    // The dependencies are in npm's cache after `npm ci`.
    execFileSync(npm, ['install', '--prefer-offline', '--no-audit', '--no-fund', '--loglevel=error', path.join(dir, packed[0].filename)], { cwd: project, stdio: 'pipe' });
    fs.writeFileSync(
      path.join(project, 'check.js'),
      `const { CloutClient } = require('@clout/client');
       (async () => {
         const c = new CloutClient(process.env.CLOUT_SERVER);
         try {
           await c.write([{ creatorId: 'tiktok:pack', field: 'followers', timestampsMs: [1000n], values: [2n ** 60n] }]);
           const r = await c.readSeries({ creatorId: 'tiktok:pack', field: 'followers' });
           const m = await c.listMetrics();
           console.log(r.values[0].toString(), m.map((x) => x.name).join(','));
         } finally { c.close(); }
       })().catch((e) => { console.error(e); process.exit(1); });`,
    );
    const out = execFileSync(process.execPath, ['check.js'], { cwd: project, encoding: 'utf8', env: { ...process.env, CLOUT_SERVER: server.address } });
    assert.equal(out.trim(), `${2n ** 60n} engagement_rate,follower_quality,like_velocity`);
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
});
