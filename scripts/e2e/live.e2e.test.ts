/**
 * The Live view in the local preview (Chromium, through playwright-core): each scenario with waiting chats (agents
 * online and free, all at capacity, nobody online, online but not in the queue) in English and Korean, with the
 * headline and the reason the engine gives, axe-core clean, and a screenshot each (build/screenshots/live-*.png).
 */
import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type http from 'node:http';
import { after, before, describe, it } from 'node:test';
import { chromium, type BrowserContext, type Page } from 'playwright-core';
import { buildPreview, serve, urlOf } from '../preview';

const SHOTS = path.resolve(__dirname, '..', '..', '..', 'build', 'screenshots');
const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
const AXE_SOURCE = fs.readFileSync(require.resolve('axe-core/axe.min.js'), 'utf8');

let server: http.Server;
let context: BrowserContext;
let profileDir: string;
let base: string;

const TAB = { en: 'Live', ko: '실시간' } as const;

/** Each scenario: the state the headline carries and the first reason's code (none when chats flow). */
const SCENARIOS = [
    { id: 'liveFree', state: 'flowing', why: [] as string[] },
    { id: 'liveAtCapacity', state: 'stuck', why: ['allAtCapacity'] },
    { id: 'liveNobody', state: 'stuck', why: ['noneOnline'] },
    { id: 'liveNotInQueue', state: 'stuck', why: ['notInQueue'] },
] as const;

async function axeViolations(page: Page): Promise<string[]> {
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

async function openLive(query: string, lang: 'en' | 'ko'): Promise<Page> {
    const page = await context.newPage();
    const errors: string[] = [];
    page.on('pageerror', (error) => errors.push(String(error)));
    await page.goto(`${base}?${query}`);
    await page.locator('c-setup-checklist-row').first().waitFor({ timeout: 20000 });
    await page.getByRole('tab', { name: TAB[lang] }).click();
    await page.locator('[data-id="live-headline"]').waitFor({ timeout: 20000 });
    (page as Page & { errors?: string[] }).errors = errors;
    return page;
}

describe('the Live view in the preview', () => {
    before(async () => {
        assert.ok(fs.existsSync(CHROMIUM), `Chromium not found at ${CHROMIUM} (apt-get install chromium)`);
        fs.mkdirSync(SHOTS, { recursive: true });
        await buildPreview();
        server = await serve(0);
        base = urlOf(server);
        profileDir = fs.mkdtempSync(path.join(os.tmpdir(), 'simplychat-chromium-live-'));
        process.env.XDG_CONFIG_HOME = path.join(profileDir, 'config');
        process.env.XDG_CACHE_HOME = path.join(profileDir, 'cache');
        context = await chromium.launchPersistentContext(path.join(profileDir, 'profile'), {
            executablePath: CHROMIUM,
            headless: true,
            viewport: { width: 1280, height: 900 },
            args: ['--headless', '--no-sandbox', '--disable-gpu', '--no-first-run', '--disable-background-networking'],
        });
    });

    after(async () => {
        await context?.close();
        server?.close();
        if (profileDir) fs.rmSync(profileDir, { recursive: true, force: true });
    });

    for (const s of SCENARIOS) {
        for (const lang of ['en', 'ko'] as const) {
            it(`${s.id} in ${lang}: the headline, the reason, axe-core clean`, async () => {
                const page = await openLive(`scenario=${s.id}&lang=${lang}`, lang);
                assert.equal(await page.locator('[data-id="live-headline"]').getAttribute('data-state'), s.state);
                const codes = await page
                    .locator('[data-id="live-why-line"]')
                    .evaluateAll((nodes) => nodes.map((n) => (n as HTMLElement).dataset.code ?? ''));
                assert.deepEqual(codes, s.why);
                assert.equal(((await page.locator('[data-id="live-waiting"]').textContent()) ?? '').trim(), '6');
                assert.deepEqual(await axeViolations(page), []);
                assert.deepEqual((page as Page & { errors?: string[] }).errors, []);
                await page.waitForTimeout(300);
                await page.screenshot({ path: path.join(SHOTS, `live-${s.id}-${lang}.png`), fullPage: true });
                await page.close();
            });
        }
    }

    it('a reason links to the checklist item that fixes it', async () => {
        const page = await openLive('scenario=liveNotInQueue', 'en');
        await page.getByRole('button', { name: 'Open the checklist item' }).click();
        await page.locator('[data-id="progress"]').waitFor();
        assert.equal(await page.getByRole('tab', { name: 'Checklist' }).getAttribute('aria-selected'), 'true');
        await page.close();
    });
});
