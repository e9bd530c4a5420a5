// The client against a real cloutd: rejections with their index, exact
// read-back (int64 beyond 2^53), streaming writes, every built-in metric,
// ListMetrics, deadlines and NOT_FOUND.
import { test, before, after, describe } from 'node:test';
import * as assert from 'node:assert/strict';

import { CloutClient, CloutError, Code, type SeriesInput } from '../src/index';
import { startCloutd, type Cloutd, T0, HOUR, FIXTURE_CREATOR } from './server';

let server: Cloutd;
let client: CloutClient;

before(async () => {
  server = await startCloutd();
  client = new CloutClient(server.address, { timeoutMs: 10_000 });
  await client.ready();
});

after(async () => {
  client?.close();
  await server?.stop();
});

describe('write', () => {
  test('a batch with one bad sample: the rejection reaches the caller with its index', async () => {
    const batch: SeriesInput[] = [
      { creatorId: 'tiktok:bad', field: 'followers', timestampsMs: [T0, T0 + HOUR], values: [100, 110] },
      { creatorId: 'tiktok:bad', field: 'following', timestampsMs: [T0, T0 + HOUR, T0 + 2 * HOUR], values: [5, 6, -4] },
    ];
    const err = await client.write(batch).then(
      () => assert.fail('write of a negative counter succeeded'),
      (e: unknown) => e,
    );
    assert.ok(err instanceof CloutError, `not a CloutError: ${err}`);
    assert.ok(err instanceof Error);
    assert.equal(err.code, Code.INVALID_ARGUMENT);
    assert.equal(err.codeName, 'INVALID_ARGUMENT');
    assert.equal(err.rejections.length, 1);
    assert.equal(err.rejections[0].seriesIndex, 1);
    assert.equal(err.rejections[0].sampleIndex, 2);
    assert.match(err.rejections[0].reason, /-4 is negative/);
    assert.equal(err.writeResult?.accepted, 4n);
    assert.equal(err.writeResult?.rejected, 1n);
    // The valid samples of the batch were stored.
    const following = await client.readSeries({ creatorId: 'tiktok:bad', field: 'following' });
    assert.deepEqual(following.values, [5n, 6n]);
  });

  test('exact read-back, including int64 values beyond 2^53', async () => {
    const big = 2n ** 53n + 1n; // 9007199254740993: not representable as a double
    const huge = 2n ** 62n + 12345n;
    const timestampsMs = [T0, T0 + 1, T0 + HOUR, T0 + 2 * HOUR, T0 + 3 * HOUR];
    const values = [0n, 1n, big, huge, 9_223_372_036_854_775_807n];
    const res = await client.write([{ creatorId: 'tiktok:big', field: 'likes_total', timestampsMs, values, flags: [0, 0, 4, 0, 1] }]);
    assert.deepEqual(res, { accepted: 5n, rejected: 0n, rejections: [] });
    const read = await client.readSeries({ creatorId: 'tiktok:big', field: 'likes_total' });
    assert.deepEqual(read.timestampsMs, timestampsMs.map(BigInt));
    assert.deepEqual(read.values, values);
    assert.equal(read.values[2].toString(), '9007199254740993');
    assert.deepEqual(read.flags, [0, 0, 4, 0, 1]);
    // A window: [T0 + 1, T0 + 2 h).
    const part = await client.readSeries({ creatorId: 'tiktok:big', field: 'likes_total', startMs: T0 + 1, endMs: T0 + 2 * HOUR });
    assert.deepEqual(part.values, [1n, big]);
    // Aggregated: the sum of the first hour's two samples.
    const sums = await client.readSeries({ creatorId: 'tiktok:big', field: 'likes_total', endMs: T0 + HOUR, stepMs: HOUR, aggregation: 'AGGREGATION_SUM' });
    assert.deepEqual(sums.timestampsMs, [BigInt(T0)]);
    assert.deepEqual(sums.values, [1n]);
  });

  test('an unsafe number is refused before sending', async () => {
    await assert.rejects(
      client.write([{ creatorId: 'tiktok:big', field: 'views', timestampsMs: [T0], values: [2 ** 53 + 2] }]),
      RangeError,
    );
  });

  test('a streaming write of several batches', async () => {
    async function* batches() {
      for (let m = 0; m < 5; m++) {
        const ts = Array.from({ length: 100 }, (_, i) => BigInt(T0 + (m * 100 + i) * 60_000));
        yield [
          { creatorId: 'tiktok:stream', field: 'followers', timestampsMs: ts, values: ts.map((_, i) => BigInt(1000 + m * 100 + i)) },
          { creatorId: 'tiktok:stream', postId: 'p1', field: 'views', timestampsMs: ts.slice(0, 10), values: ts.slice(0, 10).map(() => 7n) },
        ];
      }
    }
    const res = await client.writeStream(batches());
    assert.equal(res.messages, 5n);
    assert.equal(res.accepted, 550n);
    assert.equal(res.rejected, 0n);
    const followers = await client.readSeries({ creatorId: 'tiktok:stream', field: 'followers' });
    assert.equal(followers.values.length, 500);
    assert.equal(followers.values[0], 1000n);
    assert.equal(followers.values[499], 1499n);
    // A stream with a bad sample fails at its end with the rejection, the
    // series index counting from the start of the stream.
    const ok = { creatorId: 'tiktok:stream', field: 'following', timestampsMs: [T0], values: [3] };
    const bad = { creatorId: 'tiktok:stream', field: 'posts_total', timestampsMs: [T0 - 1, T0 - 2], values: [1, -1] };
    await assert.rejects(client.writeStream([[ok], [ok, bad]]), (e: unknown) => {
      assert.ok(e instanceof CloutError);
      assert.equal(e.code, Code.INVALID_ARGUMENT);
      assert.deepEqual(e.rejections.map((r) => [r.seriesIndex, r.sampleIndex]), [[2, 1]]);
      assert.equal(e.writeStreamResult?.messages, 2n);
      assert.equal(e.writeStreamResult?.accepted, 3n);
      assert.equal(e.writeStreamResult?.rejected, 1n);
      return true;
    });
    // ExportSeries streams every series of the creator back.
    const exported = [];
    for await (const s of client.exportSeries({ creatorId: 'tiktok:stream' })) exported.push(s);
    const byKey = new Map(exported.map((s) => [`${s.postId}/${s.field}`, s]));
    assert.equal(byKey.get('/followers')?.values.length, 500);
    assert.deepEqual(byKey.get('p1/views')?.values, Array(50).fill(7n));
  });
});

describe('metrics', () => {
  const window = { creatorId: FIXTURE_CREATOR, startMs: T0, endMs: T0 + 24 * HOUR };

  before(async () => {
    await client.upsertCreators([{ creatorId: FIXTURE_CREATOR, platform: 'tiktok', handle: 'fixture', labels: { tier: 'small' } }]);
    await client.write([{ creatorId: FIXTURE_CREATOR, field: 'followers', timestampsMs: [T0, T0 + HOUR, T0 + 2 * HOUR], values: [10_000, 10_010, 10_025] }]);
    await client.upsertPosts([{ creatorId: FIXTURE_CREATOR, postId: 'video1', publishedMs: T0 }]);
    const at = [T0 + HOUR];
    await client.write([
      { creatorId: FIXTURE_CREATOR, postId: 'video1', field: 'views', timestampsMs: [T0, T0 + HOUR], values: [0, 5400] },
      { creatorId: FIXTURE_CREATOR, postId: 'video1', field: 'likes', timestampsMs: at, values: [400] },
      { creatorId: FIXTURE_CREATOR, postId: 'video1', field: 'comments', timestampsMs: at, values: [20] },
      { creatorId: FIXTURE_CREATOR, postId: 'video1', field: 'shares', timestampsMs: at, values: [12] },
    ]);
  });

  test('ListMetrics lists the three built-in metrics with their schemas', async () => {
    const metrics = await client.listMetrics();
    assert.deepEqual(metrics.map((m) => m.name), ['engagement_rate', 'follower_quality', 'like_velocity']);
    const er = metrics[0];
    assert.equal(er.unit, 'percent');
    assert.equal(er.outputKind, 'OUTPUT_KIND_SCALAR');
    assert.deepEqual(er.variants, ['by_followers', 'by_views']);
    const variant = er.parameters.find((p) => p.name === 'variant');
    assert.equal(variant?.type, 'PARAMETER_TYPE_ENUM');
    assert.equal(variant?.defaultChoice, 'by_followers');
    assert.equal(metrics[2].parameters.find((p) => p.name === 'hours')?.type, 'PARAMETER_TYPE_INT');
  });

  test('engagement_rate by views: (400 + 20 + 12) / 5400 = 8 percent', async () => {
    const r = await client.compute({ metric: 'engagement_rate', ...window, parameters: { variant: 'by_views' } });
    assert.ok(Math.abs(r.value - 8) < 1e-9, `value ${r.value}`);
    assert.equal(r.unit, 'percent');
    assert.equal(r.variant, 'by_views');
    assert.equal(r.creatorId, FIXTURE_CREATOR);
    assert.equal(r.windowStartMs, BigInt(T0));
    assert.equal(r.parameters.variant, 'by_views');
    assert.equal(r.parameters.min_views, 0n);
    assert.equal(r.rows.length, 1);
    assert.equal(r.rows[0].key, 'video1');
    assert.equal(r.rows[0].timestampMs, BigInt(T0));
    const col = (name: string) => r.rows[0].values[r.rowColumns.indexOf(name)];
    assert.equal(col('interactions'), 432);
    assert.equal(col('denominator'), 5400);
  });

  test('engagement_rate by followers (default): 432 / 10,000 = 4.32 percent', async () => {
    const r = await client.compute({ metric: 'engagement_rate', ...window });
    assert.ok(Math.abs(r.value - 4.32) < 1e-9, `value ${r.value}`);
    assert.equal(r.variant, 'by_followers');
  });

  test('follower_quality: engagement above the 5K-20K benchmark and 20 comments per 400 likes score 100', async () => {
    const r = await client.compute({ metric: 'follower_quality', ...window });
    assert.equal(r.unit, 'score');
    const c = (name: string) => r.components.find((x) => x.name === name)?.value;
    // 4.32% >= 3.76% -> 100; 20/400 = 0.05 >= 0.002 -> 100; weights 0.35 + 0.15 have data.
    assert.equal(c('score_engagement_vs_tier'), 100);
    assert.equal(c('score_comment_like_ratio'), 100);
    assert.ok(Math.abs((c('data_coverage') ?? 0) - 0.5) < 1e-9);
    assert.ok(Math.abs(r.value - 100) < 1e-9, `value ${r.value}`);
  });

  test('like_velocity over the first hour: 400 likes per hour', async () => {
    const r = await client.compute({ metric: 'like_velocity', ...window, parameters: { hours: 1 } });
    assert.ok(Math.abs(r.value - 400) < 1e-9, `value ${r.value}`);
    assert.equal(r.parameters.hours, 1n);
    // With the default 24 hours no post has samples that far: FAILED_PRECONDITION.
    await assert.rejects(client.compute({ metric: 'like_velocity', ...window }), (e: unknown) => e instanceof CloutError && e.code === Code.FAILED_PRECONDITION);
  });

  test('ComputeBatch streams one item per creator, errors included; Rank orders them', async () => {
    const items = [];
    for await (const item of client.computeBatch({ metric: 'engagement_rate', creatorIds: [FIXTURE_CREATOR, 'tiktok:missing'], startMs: T0, endMs: T0 + 24 * HOUR, parameters: { variant: 'by_views' } })) {
      items.push(item);
    }
    const byId = new Map(items.map((i) => [i.creatorId, i]));
    assert.equal(byId.get(FIXTURE_CREATOR)?.result?.value, 8);
    assert.equal(byId.get(FIXTURE_CREATOR)?.errorCode, 0);
    assert.equal(byId.get('tiktok:missing')?.errorCode, Code.NOT_FOUND);
    const ranked = await client.rank({ metric: 'engagement_rate', startMs: T0, endMs: T0 + 24 * HOUR, parameters: { variant: 'by_views' }, platform: 'tiktok' });
    assert.equal(ranked.entries[0].creatorId, FIXTURE_CREATOR);
    assert.equal(ranked.entries[0].rank, 1);
    assert.equal(ranked.unit, 'percent');
  });

  test('GetCreator, ListCreators and GetStats', async () => {
    const details = await client.getCreator(FIXTURE_CREATOR);
    assert.equal(details.creator.handle, 'fixture');
    assert.deepEqual(details.creator.labels, { tier: 'small' });
    assert.deepEqual(details.accountFields, ['followers']);
    assert.equal(details.postCount, 1n);
    const page = await client.listCreators({ labels: { tier: 'small' } });
    assert.deepEqual(page.creators.map((c) => c.creatorId), [FIXTURE_CREATOR]);
    const stats = await client.stats();
    assert.equal(typeof stats.samples, 'bigint');
    assert.ok(stats.samples > 0n);
    assert.deepEqual(stats.plugins.map((p) => p.metric).sort(), ['engagement_rate', 'follower_quality', 'like_velocity']);
  });
});

describe('errors', () => {
  test('NOT_FOUND surfaces as a CloutError with its code', async () => {
    await assert.rejects(client.getCreator('tiktok:nobody'), (e: unknown) => {
      assert.ok(e instanceof CloutError);
      assert.equal(e.code, Code.NOT_FOUND);
      assert.match(e.message, /^NOT_FOUND: creator 'tiktok:nobody' does not exist/);
      assert.deepEqual(e.rejections, []);
      return true;
    });
    await assert.rejects(client.readSeries({ creatorId: 'tiktok:nobody', field: 'followers' }), { name: 'CloutError', code: Code.NOT_FOUND });
    await assert.rejects(client.compute({ metric: 'no_such_metric', creatorId: FIXTURE_CREATOR }), { code: Code.NOT_FOUND });
  });

  test('a deadline that expires: DEADLINE_EXCEEDED while a stream waits for its next batch', async () => {
    async function* stalling() {
      yield [{ creatorId: 'tiktok:slow', field: 'followers', timestampsMs: [T0], values: [1] }];
      await new Promise((r) => setTimeout(r, 2000)); // far longer than the deadline
      yield [{ creatorId: 'tiktok:slow', field: 'followers', timestampsMs: [T0 + 1], values: [2] }];
    }
    const started = Date.now();
    await assert.rejects(client.writeStream(stalling(), { timeoutMs: 300 }), (e: unknown) => {
      assert.ok(e instanceof CloutError, String(e));
      assert.equal(e.code, Code.DEADLINE_EXCEEDED);
      return true;
    });
    const elapsed = Date.now() - started;
    // It failed at the deadline, not when the source resumed.
    assert.ok(elapsed >= 250 && elapsed < 1800, `failed after ${elapsed} ms`);
    // A unary call whose deadline has already passed fails the same way.
    await assert.rejects(client.stats({ deadline: new Date(Date.now() - 1) }), { code: Code.DEADLINE_EXCEEDED });
  });

  test('an unreachable server is UNAVAILABLE', async () => {
    const dead = new CloutClient('127.0.0.1:1', { timeoutMs: 2000 });
    try {
      await assert.rejects(dead.listMetrics(), (e: unknown) => e instanceof CloutError && (e.code === Code.UNAVAILABLE || e.code === Code.DEADLINE_EXCEEDED));
    } finally {
      dead.close();
    }
  });
});
