// Reads one series back and computes one metric, printing ONE JSON object:
//   {"timestamps": [...], "values": [...], "metric_value": number}
// Timestamps and values are printed from bigint as exact JSON integers (an
// int64 beyond 2^53 keeps every digit). Used by the cross-language test.
//
// Usage: node dist/examples/readback.js --server HOST:PORT --creator ID
//          --field NAME [--post ID] --metric NAME --start MS --end MS
import { parseArgs } from 'node:util';
import { CloutClient, CloutError } from '../src/index';

const USAGE = 'usage: readback --server HOST:PORT --creator ID --field NAME [--post ID] --metric NAME --start MS --end MS';

async function main(): Promise<number> {
  let values: Record<string, string | undefined>;
  try {
    values = parseArgs({
      options: {
        server: { type: 'string' },
        creator: { type: 'string' },
        field: { type: 'string' },
        post: { type: 'string' },
        metric: { type: 'string' },
        start: { type: 'string' },
        end: { type: 'string' },
      },
      strict: true,
    }).values;
  } catch (e) {
    console.error(`${(e as Error).message}\n${USAGE}`);
    return 2;
  }
  for (const required of ['server', 'creator', 'field', 'metric', 'start', 'end']) {
    if (!values[required]) {
      console.error(`missing --${required}\n${USAGE}`);
      return 2;
    }
  }
  const startMs = BigInt(values.start!);
  const endMs = BigInt(values.end!);
  const client = new CloutClient(values.server!, { timeoutMs: 30_000 });
  try {
    const series = await client.readSeries({ creatorId: values.creator!, postId: values.post ?? '', field: values.field!, startMs, endMs });
    const result = await client.compute({ metric: values.metric!, creatorId: values.creator!, startMs, endMs });
    const out =
      `{"timestamps": [${series.timestampsMs.map(String).join(', ')}], ` +
      `"values": [${series.values.map(String).join(', ')}], ` +
      `"metric_value": ${JSON.stringify(result.value)}}`;
    process.stdout.write(out + '\n');
    return 0;
  } catch (e) {
    console.error(e instanceof CloutError ? `readback: ${e.message}` : e);
    return 1;
  } finally {
    client.close();
  }
}

main().then((code) => {
  process.exitCode = code;
});
