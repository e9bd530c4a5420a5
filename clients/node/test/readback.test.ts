// The contract of examples/readback.ts with the cross-language test: flags
// in, ONE JSON object out, with exact integers.
import { test, before, after } from 'node:test';
import * as assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import * as path from 'node:path';
import { promisify } from 'node:util';

import { CloutClient } from '../src/index';
import { packageDir, startCloutd, type Cloutd, T0, HOUR } from './server';

const run = promisify(execFile);
const readback = path.join(packageDir, 'dist', 'examples', 'readback.js');

let server: Cloutd;
before(async () => {
  server = await startCloutd();
  const client = new CloutClient(server.address, { timeoutMs: 10_000 });
  try {
    await client.write([
      { creatorId: 'tiktok:rb', field: 'followers', timestampsMs: [T0, T0 + HOUR], values: [10_000, 10_010] },
      { creatorId: 'tiktok:rb', field: 'likes_total', timestampsMs: [T0, T0 + 1, T0 + HOUR], values: [1n, 2n ** 53n + 1n, 2n ** 62n + 3n] },
    ]);
    await client.upsertPosts([{ creatorId: 'tiktok:rb', postId: 'v', publishedMs: T0 }]);
    await client.write(
      (['views', 'likes', 'comments', 'shares'] as const).map((field, i) => ({
        creatorId: 'tiktok:rb', postId: 'v', field, timestampsMs: [T0 + HOUR], values: [[5400, 400, 20, 12][i]],
      })),
    );
  } finally {
    client.close();
  }
});
after(async () => {
  await server?.stop();
});

const window = ['--start', String(T0), '--end', String(T0 + 24 * HOUR)];

test('readback prints one JSON object with exact int64 values', async () => {
  const { stdout } = await run(process.execPath, [readback, '--server', server.address, '--creator', 'tiktok:rb', '--field', 'likes_total', '--metric', 'engagement_rate', ...window]);
  const lines = stdout.trim().split('\n');
  assert.equal(lines.length, 1, stdout);
  // Parse with the integers kept as text: JSON.parse would round them.
  const exact = JSON.parse(lines[0].replace(/(-?\d{16,})/g, '"$1"'));
  assert.deepEqual(exact.timestamps, [T0, T0 + 1, T0 + HOUR]);
  assert.deepEqual(exact.values, [1, '9007199254740993', '4611686018427387907']);
  assert.ok(Math.abs(exact.metric_value - 4.32) < 1e-9, String(exact.metric_value));
  assert.deepEqual(Object.keys(exact), ['timestamps', 'values', 'metric_value']);
});

test('readback of a post series, with --post', async () => {
  const { stdout } = await run(process.execPath, [readback, '--server', server.address, '--creator', 'tiktok:rb', '--post', 'v', '--field', 'views', '--metric', 'like_velocity', ...window]).catch((e) => e);
  // like_velocity's default 24 h is not reached by the fixture: the metric fails, exit 1.
  assert.equal(stdout, '');
  const ok = await run(process.execPath, [readback, '--server', server.address, '--creator', 'tiktok:rb', '--post', 'v', '--field', 'views', '--metric', 'engagement_rate', ...window]);
  assert.deepEqual(JSON.parse(ok.stdout), { timestamps: [T0 + HOUR], values: [5400], metric_value: 4.32 });
});

test('readback refuses a missing flag with exit code 2', async () => {
  const err = await run(process.execPath, [readback, '--server', server.address]).then(() => undefined, (e: { code: number; stderr: string }) => e);
  assert.ok(err, 'readback without flags succeeded');
  assert.equal(err.code, 2);
  assert.match(err.stderr, /missing --creator/);
});
