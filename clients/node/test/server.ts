// Starts a real cloutd for the tests: on a free port (--listen=127.0.0.1:0),
// with a temporary data folder and the built-in plugins. The binary is
// <repo>/build/cloutd and the plugins <repo>/build/plugins, or $CLOUTD and
// $CLOUT_PLUGINS.
import { spawn, type ChildProcess } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';

/** clients/node (this file is compiled to dist/test/server.js). */
export const packageDir = path.resolve(__dirname, '..', '..');
export const repoDir = path.resolve(packageDir, '..', '..');

export interface Cloutd {
  address: string;
  dataDir: string;
  stop(): Promise<void>;
}

export async function startCloutd(): Promise<Cloutd> {
  const bin = process.env.CLOUTD || path.join(repoDir, 'build', 'cloutd');
  const plugins = process.env.CLOUT_PLUGINS || path.join(repoDir, 'build', 'plugins');
  if (!fs.existsSync(bin)) {
    throw new Error(`cloutd not found at ${bin}: build it (cmake --build build --target cloutd) or set CLOUTD`);
  }
  const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'clout-node-test-'));
  const dataDir = path.join(tmp, 'data');
  const child = spawn(bin, ['--listen=127.0.0.1:0', `--data=${dataDir}`, `--plugins=${plugins}`, '--log_level=warning', '--shutdown_grace_ms=1000'], {
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let stderr = '';
  child.stderr!.on('data', (d: Buffer) => (stderr += d.toString()));
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));

  const address = await new Promise<string>((resolve, reject) => {
    let out = '';
    const timer = setTimeout(() => fail(new Error('cloutd did not print its address within 20 s')), 20_000);
    function fail(e: Error) {
      clearTimeout(timer);
      child.kill('SIGKILL');
      reject(new Error(`${e.message}\nstdout: ${out}\nstderr: ${stderr}`));
    }
    child.stdout!.on('data', (d: Buffer) => {
      out += d.toString();
      const m = /cloutd listening on (\S+)/.exec(out);
      if (m) {
        clearTimeout(timer);
        resolve(m[1]);
      }
    });
    child.once('exit', (code, signal) => fail(new Error(`cloutd exited (${code ?? signal}) before listening`)));
    child.once('error', (e) => fail(e));
  });
  child.stdout!.resume();

  return {
    address,
    dataDir,
    async stop() {
      await stopChild(child, exited);
      fs.rmSync(tmp, { recursive: true, force: true });
    },
  };
}

async function stopChild(child: ChildProcess, exited: Promise<void>): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return;
  child.kill('SIGTERM');
  const timer = setTimeout(() => child.kill('SIGKILL'), 10_000);
  await exited;
  clearTimeout(timer);
}

/** 2025-01-01T00:00:00Z in ms, and an hour. */
export const T0 = Date.UTC(2025, 0, 1);
export const HOUR = 3_600_000;

/**
 * The metrics fixture: one creator with followers 10,000 / 10,010 / 10,025
 * at T0, +1 h, +2 h and one post published at T0 with, an hour later, 5,400
 * views, 400 likes, 20 comments and 12 shares.
 */
export const FIXTURE_CREATOR = 'tiktok:fixture';
