import { existsSync, mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { type BrowserContext, chromium, type Page } from 'playwright-core';
import { usingPostgres } from './test-db.js';

/** Debian's Chromium (`apt-get install -y chromium`), driven by playwright-core. */
export const CHROMIUM = '/usr/bin/chromium';
export const chromiumPresent = existsSync(CHROMIUM);
/** In CI a missing browser fails the browser tests; run by hand, they are skipped and say how to install it. */
export const browserSkipReason =
  chromiumPresent || process.env.CI === 'true'
    ? null
    : `skipped: ${CHROMIUM} is missing (install it with apt-get install -y chromium)`;

/** Where screenshots go: CI's results folder (kept as artifacts, never committed). */
const ARTIFACTS = resolve(
  process.env.PUNCHCARD_ARTIFACTS ?? join(import.meta.dirname, '..', '..', '.ci', 'results'),
);

export interface Browser {
  page: Page;
  /** Keeps a screenshot of the page as `sandbox-<name>-<store>.png` among the CI artifacts. */
  screenshot(name: string): Promise<string>;
  close(): Promise<void>;
}

export async function openBrowser(): Promise<Browser> {
  if (!chromiumPresent) throw new Error(`${CHROMIUM} is missing: apt-get install -y chromium`);
  const profile = mkdtempSync(join(tmpdir(), 'punchcard-chromium-'));
  const context: BrowserContext = await chromium.launchPersistentContext(profile, {
    executablePath: CHROMIUM,
    headless: true,
    viewport: { width: 1280, height: 860 },
    acceptDownloads: true,
    args: [
      '--no-sandbox',
      '--disable-gpu',
      '--disable-quic',
      '--no-first-run',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
    ],
  });
  const page = context.pages()[0] ?? (await context.newPage());
  return {
    page,
    async screenshot(name) {
      mkdirSync(ARTIFACTS, { recursive: true });
      const path = join(ARTIFACTS, `sandbox-${name}-${usingPostgres ? 'postgres' : 'pglite'}.png`);
      await page.screenshot({ path });
      return path;
    },
    async close() {
      await context.close();
      rmSync(profile, { recursive: true, force: true });
    },
  };
}
