/**
 * The Live view in the local preview (Chromium, through playwright-core): each scenario with waiting chats (agents
 * online and free, all at capacity, nobody online, online but not in the queue) in English and Korean, with the
 * headline and the reason the engine gives, axe-core clean, and a screenshot each (build/screenshots/live-*.png).
 */
import assert from 'node:assert/strict';
import path from 'node:path';
import { after, before, describe, it } from 'node:test';
import { type BrowserContext, type Page } from 'playwright-core';
import { axeViolations, SHOTS, startBrowser, type Browser } from './browser';

let browser: Browser;
let context: BrowserContext;
let base: string;

const TAB = { en: 'Live', ko: '실시간' } as const;

/** Each scenario: the state the headline carries and the first reason's code (none when chats flow). */
const SCENARIOS = [
    { id: 'liveFree', state: 'flowing', why: [] as string[] },
    { id: 'liveAtCapacity', state: 'stuck', why: ['allAtCapacity'] },
    { id: 'liveNobody', state: 'stuck', why: ['noneOnline'] },
    { id: 'liveNotInQueue', state: 'stuck', why: ['notInQueue'] },
] as const;

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
        browser = await startBrowser('live');
        context = browser.context;
        base = browser.base;
    });

    after(async () => {
        await browser?.close();
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
