// What every end-to-end run shares: `relief serve --demo` on a free loopback port with a fresh
// database, Debian's Chromium on a 1024-px tablet viewport, named steps that print ok/FAIL,
// screenshots, and a cleanup that always stops the server and the browser.
import { mkdirSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { chromium } from 'playwright-core';
import { startRelief } from '../../tests/support/relief-server.mjs';

const here = resolve(import.meta.dirname, '..');
export const shots = process.env.SCREENSHOT_DIR ?? resolve(here, '../build/e2e-screenshots');
export const webRoot = process.env.WEB_ROOT ?? resolve(here, 'dist');
export const password = 'relief-demo-2026';

export function expect(cond, message) {
  if (!cond) throw new Error(message);
}

// Waits for a locator, failing with a sentence instead of Playwright's timeout dump.
export async function see(locator, what, timeout = 15_000) {
  try {
    await locator.first().waitFor({ timeout });
  } catch {
    throw new Error(`${what} did not appear within ${timeout / 1000} s`);
  }
}

// Runs `scenario({ page, context, base, step, shot })` against a fresh demo server and sets the
// process exit code: 0 when every step passed.
export async function runE2E(name, scenario) {
  mkdirSync(shots, { recursive: true });
  let server;
  let browser;
  let passed = 0;
  let failed = 0;
  const step = async (title, fn) => {
    try {
      await fn();
      passed++;
      console.log(`ok   ${title}`);
    } catch (err) {
      failed++;
      // Playwright's first line says only "Timeout exceeded"; the call log below it names the
      // locator it was waiting for, which is what a flaky run needs to be understood.
      const lines = err.message.split('\n');
      const waiting = lines.find((l) => /waiting for/.test(l));
      console.log(`FAIL ${title}: ${lines[0]}${waiting ? ` (${waiting.trim()})` : ''}`);
      throw err;
    }
  };
  try {
    server = await startRelief(`e2e-${name}`, ['--demo', '--web-root', webRoot]);
    browser = await chromium.launch({
      executablePath: '/usr/bin/chromium',
      args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run',
        '--disable-background-networking', '--disable-component-update', '--disable-sync'],
    });
    const context = await browser.newContext({ viewport: { width: 1024, height: 768 } });
    const page = await context.newPage();
    // What a user's browser console would show: a script error, a script or style the page's
    // Content-Security-Policy refused, a request that failed. Answers a scenario provokes on
    // purpose (a wrong password, a refused dose, an ended session) show as "Failed to load
    // resource" with a 4xx status and are left out, except on asking whether there is a session
    // (/auth/session), which a first visit must be able to do without an error.
    const consoleErrors = [];
    const watch = (p) => {
      p.on('pageerror', (err) => consoleErrors.push(`script error: ${err.message}`));
      p.on('console', (msg) => {
        if (msg.type() !== 'error') return;
        const text = msg.text();
        const url = msg.location()?.url ?? '';
        const provoked = /Failed to load resource: the server responded with a status of 4\d\d/.test(text);
        if (provoked && !url.includes('/auth/session')) return;
        consoleErrors.push(`${text} ${url}`);
      });
    };
    watch(page);
    context.on('page', watch);
    const shot = (file) => page.screenshot({ path: join(shots, `${file}.png`), fullPage: true });
    await scenario({ page, context, base: server.base, step, shot });
    await step('the browser console shows no errors', async () => {
      expect(consoleErrors.length === 0, consoleErrors.slice(0, 3).join(' | '));
    });
  } catch (err) {
    if (failed === 0) {
      failed++;
      console.log(`FAIL setup: ${err.message}`);
    }
  } finally {
    await browser?.close().catch(() => {});
    await server?.stop();
    console.log(`screenshots in ${shots}`);
    console.log(`${passed} passed, ${failed} failed`);
    process.exitCode = failed === 0 ? 0 : 1;
  }
}
