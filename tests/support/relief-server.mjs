// Starts `relief serve` for a Node test: a fresh database in a temporary directory, a free loopback
// port (read back from --port-file), and a stop() that ends the server and removes the directory.
import { spawn } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';

export const binary = process.env.RELIEF_BINARY ?? resolve(import.meta.dirname, '../../build/relief');

async function waitForPort(server, file, ms) {
  const deadline = Date.now() + ms;
  while (Date.now() < deadline) {
    if (existsSync(file)) return Number(readFileSync(file, 'utf8').trim());
    if (server.exitCode !== null) throw new Error(`relief serve exited early with ${server.exitCode}`);
    await new Promise((r) => setTimeout(r, 200));
  }
  throw new Error('relief serve did not start in time');
}

// extraArgs: e.g. ['--demo', '--web-root', dir]. Answers { base, stop }.
export async function startRelief(name, extraArgs = []) {
  const work = mkdtempSync(join(tmpdir(), `relief-${name}-`));
  const server = spawn(binary, ['serve', '--db', join(work, 'relief.db'), '--listen', '127.0.0.1:0', '--port-file',
    join(work, 'port'), '--quiet', ...extraArgs], { stdio: ['ignore', 'ignore', 'inherit'] });
  const stop = async () => {
    if (server.exitCode === null && server.signalCode === null) {
      server.kill('SIGTERM');
      await new Promise((r) => server.once('exit', r));
    }
    rmSync(work, { recursive: true, force: true });
  };
  try {
    const port = await waitForPort(server, join(work, 'port'), 180_000);
    return { base: `http://127.0.0.1:${port}`, stop };
  } catch (err) {
    await stop();
    throw err;
  }
}
