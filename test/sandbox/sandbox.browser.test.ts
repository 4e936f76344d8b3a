import { readFile } from 'node:fs/promises';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createLogger } from '../../src/logger.js';
import { type Sandbox, startSandbox } from '../../src/sandbox/sandbox.js';
import { type Browser, browserSkipReason, openBrowser } from '../support/browser.js';
import { createTestDatabase, type TestDatabase } from '../support/test-db.js';

/**
 * `npm run sandbox` in a real browser (Debian's Chromium): the page, the sandbox behind it and the
 * real app over Socket Mode, on this run's store (PGlite, or Postgres with DATABASE_URL).
 */

interface Running {
  db: TestDatabase;
  sandbox: Sandbox;
  browser: Browser;
  logs: string[];
}

async function start(demo: boolean): Promise<Running> {
  const db = await createTestDatabase();
  const logs: string[] = [];
  const sandbox = await startSandbox({
    logger: createLogger({ level: 'warn', sink: (line) => logs.push(line) }),
    port: 0,
    database: db.handle,
    demo,
    scheduler: false,
  });
  const browser = await openBrowser();
  await browser.page.goto(sandbox.url);
  return { db, sandbox, browser, logs };
}

async function stop(running: Running | undefined) {
  await running?.browser.close();
  await running?.sandbox.stop();
  await running?.db.close();
}

async function as(page: Page, userId: string) {
  await page.selectOption('#person', userId);
}

async function type(page: Page, text: string) {
  await page.fill('#message', text);
  await page.press('#message', 'Enter');
}

// Said once where the run's output shows it, not only in the skipped tests' names.
if (browserSkipReason) console.warn(`The sandbox's browser tests are ${browserSkipReason}.`);

const item = (page: Page, text: string | RegExp) => page.locator('.item').filter({ hasText: text });

describe.skipIf(browserSkipReason !== null)(
  `the sandbox in a browser${browserSkipReason ? ` (${browserSkipReason})` : ''}`,
  () => {
    describe('an empty sandbox', () => {
      let r: Running | undefined;
      beforeAll(async () => {
        r = await start(false);
      });
      afterAll(() => stop(r));
      const page = () => (r as Running).browser.page;

      it('a contractor logs /log 2h design, sees the confirmation, and Undo takes it back', async () => {
        await as(page(), 'UNORA');
        await type(page(), '/log 2h design');
        const confirmation = item(page(), 'Logged 2h to design');
        await confirmation.waitFor();
        expect(await confirmation.textContent()).toContain('Only visible to you');
        await confirmation.getByRole('button', { name: 'Undo' }).click();
        await item(page(), 'Undone: removed 2h of design').waitFor();
        expect(await item(page(), 'Logged 2h to design').count()).toBe(0);
        await r?.browser.screenshot('log-undo');
        // Nobody else sees Nora's ephemeral replies.
        await as(page(), 'ULENA');
        await page().locator('#zone').filter({ hasText: 'Europe/Berlin' }).waitFor();
        expect(await page().locator('#items').textContent()).not.toContain('Undone');
      });

      it('draws what people type as text, never as HTML', async () => {
        await as(page(), 'UNORA');
        await type(page(), '/log 1h design <b>bold</b> & <img src=x onerror=alert(1)>');
        const confirmation = item(page(), 'Logged 1h to design');
        await confirmation.waitFor();
        expect(await confirmation.textContent()).toContain('<b>bold</b> & <img src=x onerror=alert(1)>');
        expect(await confirmation.locator('b, img').count()).toBe(0);
        await r?.browser.screenshot('escaping');
      });

      it('after "advance to the next check-in" the check-in is answered by DM and posted in the channel', async () => {
        await as(page(), 'UMAYA');
        await page().locator('[data-conversation="C0TEAM"]').click();
        await type(page(), '/standup create #team 09:30 @lena');
        await item(page(), 'Check-in created').waitFor();

        await as(page(), 'ULENA');
        await page().getByRole('button', { name: 'Advance to the next check-in' }).click();
        await page().locator('#clock-note').filter({ hasText: 'went out on the way' }).waitFor();
        await page().locator('#open-dm').click();
        await item(page(), 'Time for your check-in').waitFor();
        for (const [answer, next] of [
          ['Shipped the pricing page', 'What are you working on today?'],
          ['Checkout flow', 'Anything blocking you?'],
          ['Waiting on the API keys from Acme', 'Your check-in is posted'],
        ]) {
          await type(page(), answer as string);
          await item(page(), next as string).waitFor();
        }
        await page().locator('[data-conversation="C0TEAM"]').click();
        const post = item(page(), 'checked in for');
        await post.waitFor();
        const text = await post.textContent();
        expect(text).toContain('Lena');
        expect(text).toContain('Shipped the pricing page');
        expect(text).toContain('Waiting on the API keys from Acme');
        await r?.browser.screenshot('checkin');
      });

      it("the log form shows a bad duration's error beside the field and stays open", async () => {
        await as(page(), 'UNORA');
        await page().locator('#open-dm').click();
        await type(page(), '/log');
        const modal = page().getByRole('dialog', { name: 'Log time' });
        await modal.waitFor();
        await modal.getByLabel('How long').fill('soon');
        await modal.getByLabel('Category or project').fill('design');
        await modal.getByRole('button', { name: 'Log time' }).click();
        const error = modal.locator('.field-error');
        await error.waitFor();
        expect(await error.count()).toBe(1);
        expect(await modal.locator('.input.has-error').getByLabel('How long').inputValue()).toBe('soon');
        await r?.browser.screenshot('log-modal-error');
        await modal.getByRole('button', { name: 'Cancel' }).click();
        await modal.waitFor({ state: 'detached' });
      });
    });

    describe('the demo', () => {
      let r: Running | undefined;
      beforeAll(async () => {
        r = await start(true);
      }, 120_000);
      afterAll(() => stop(r));
      const page = () => (r as Running).browser.page;

      it("a manager sees the team's week on Home, previews the digest and downloads a CSV export", async () => {
        await as(page(), 'UMAYA');
        await page().locator('#open-home').click();
        const home = page().locator('#home');
        await home.getByText('Your team').waitFor();
        await home.getByText('Hours this week').waitFor();
        expect(await home.textContent()).toMatch(/Ravi\s*\d+h/);
        await r?.browser.screenshot('home');

        await page().locator('[data-conversation="C0TEAM"]').click();
        await type(page(), '/punchcard digest preview #team');
        const digest = item(page(), 'Preview — only you can see this');
        await digest.waitFor();
        expect(await digest.textContent()).toContain('acme-web');
        await r?.browser.screenshot('digest');

        await type(page(), '/timesheet export last week all');
        await page().locator('#open-dm').click();
        const link = page().locator('.file a');
        await link.waitFor();
        const [download] = await Promise.all([page().waitForEvent('download'), link.click()]);
        const csv = await readFile((await download.path()) as string, 'utf8');
        expect(csv.split('\n')[0]).toContain('date');
        expect(csv).toContain('acme-web');
        expect(csv).toContain('Ravi');
        await r?.browser.screenshot('export');
      });
    });
  },
);
