/**
 * What every browser test file shares: the preview built and served once per file, one headless Chromium with a
 * profile of its own (removed afterwards), axe-core's WCAG A/AA check and the page's text.
 */
import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type http from 'node:http';
import { chromium, type BrowserContext, type Locator, type Page } from 'playwright-core';
import { buildPreview, serve, urlOf } from '../preview';

/** Where the browser tests leave their screenshots. */
export const SHOTS = path.resolve(__dirname, '..', '..', '..', 'build', 'screenshots');
const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
const AXE_SOURCE = fs.readFileSync(require.resolve('axe-core/axe.min.js'), 'utf8');
/** How long a test waits for a state of the page (long: a loaded machine is slow, never wrong). */
export const STATE_TIMEOUT = Number(process.env.E2E_STATE_TIMEOUT_MS ?? 180000);

export interface Browser {
    readonly context: BrowserContext;
    /** The preview's address. */
    readonly base: string;
    close(): Promise<void>;
}

/** Builds and serves the preview on a free port, and starts Chromium with a profile of its own. */
export async function startBrowser(name: string): Promise<Browser> {
    assert.ok(fs.existsSync(CHROMIUM), `Chromium not found at ${CHROMIUM} (apt-get install chromium)`);
    fs.mkdirSync(SHOTS, { recursive: true });
    const built = await buildPreview();
    console.log(`preview built in ${(built.ms / 1000).toFixed(1)} s (${name})`);
    const server: http.Server = await serve(0);
    const profileDir = fs.mkdtempSync(path.join(os.tmpdir(), `simplychat-chromium-${name}-`));
    process.env.XDG_CONFIG_HOME = path.join(profileDir, 'config');
    process.env.XDG_CACHE_HOME = path.join(profileDir, 'cache');
    const context = await chromium.launchPersistentContext(path.join(profileDir, 'profile'), {
        executablePath: CHROMIUM,
        headless: true,
        viewport: { width: 1280, height: 900 },
        args: [
            '--headless',
            '--no-sandbox',
            '--disable-gpu',
            '--disable-quic',
            '--no-first-run',
            '--disable-background-networking',
            '--disable-component-update',
            '--disable-sync',
        ],
    });
    context.setDefaultTimeout(STATE_TIMEOUT);
    return {
        context,
        base: urlOf(server),
        async close(): Promise<void> {
            await context.close();
            server.close();
            fs.rmSync(profileDir, { recursive: true, force: true });
        },
    };
}

/** axe-core's WCAG 2.x A/AA (and best-practice) violations on the page as it is now, one line each (rule: element). */
export async function axeViolations(page: Page): Promise<string[]> {
    if (!(await page.evaluate(() => 'axe' in window))) await page.addScriptTag({ content: AXE_SOURCE });
    return page.evaluate(async () => {
        const axe = (window as unknown as { axe: { run: (ctx: unknown, opts: unknown) => Promise<AxeResult> } }).axe;
        interface AxeResult {
            violations: { id: string; help: string; nodes: { target: string[] }[] }[];
        }
        const result = await axe.run(document, {
            runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'best-practice'] },
            resultTypes: ['violations'],
        });
        return result.violations.flatMap((v) => v.nodes.map((n) => `${v.id} (${v.help}): ${n.target.join(' ')}`));
    });
}

/** The text of the first element `selector` finds, with white space folded. */
export async function text(scope: Page | Locator, selector: string): Promise<string> {
    return ((await scope.locator(selector).first().textContent()) ?? '').replace(/\s+/g, ' ').trim();
}
