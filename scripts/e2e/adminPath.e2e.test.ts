/**
 * The admin's path to green in the local preview (Chromium, through playwright-core).
 *
 * "Ready means agents get chats": on the `fullAgentsNotReady` scenario every item is done or only a warning, yet two
 * agents are assigned at user level to a configuration whose capacity is below what one chat takes. The checklist
 * must not call the org ready; its summary counts the agents as the engine does and links to the Agents view
 * filtered to the ones who are not ready.
 *
 * "The plan shows what it writes": the plan dialog lists each change's record changes (object, action, how many
 * rows, the first rows' links, "and N more" with Show all / Show fewer), in English and Korean, axe-core clean.
 */
import assert from 'node:assert/strict';
import path from 'node:path';
import { after, before, describe, it } from 'node:test';
import { type BrowserContext, type Page } from 'playwright-core';
import { scenario } from '../../samples/scenarios';
import { agentUsersOf, presenceOf, TRAINEE_DESK, utilityBarsOf } from '../../samples/agents';
import { agentReadiness } from '../../force-app/main/default/lwc/setupEngine/setupEngine';
import { axeViolations, SHOTS, startBrowser, text, type Browser } from './browser';

let browser: Browser;
let context: BrowserContext;
let base: string;

/** The page once its load and follow-up reads are in, and the checklist's progress says `progress`. */
async function open(query: string, progress: string): Promise<Page> {
    const page = await context.newPage();
    const errors: string[] = [];
    page.on('pageerror', (error) => errors.push(String(error)));
    await page.goto(`${base}?${query}`);
    await page.locator('[data-id="header"][data-settled="true"]').waitFor();
    await page.waitForFunction(
        (want) =>
            document
                .querySelector('c-simply-chat-setup')
                ?.shadowRoot?.querySelector('[data-id="progress"]')
                ?.textContent?.trim() === want,
        progress
    );
    (page as Page & { errors?: string[] }).errors = errors;
    return page;
}

/** What the engine says of the scenario's agents, as the tab reads them (utility bars read after the load). */
function expected(): { total: number; ready: number; notReady: string[] } {
    const org = scenario('fullAgentsNotReady').snapshot();
    const snapshot = { ...org, utilityBars: utilityBarsOf(org) };
    const users = agentUsersOf(snapshot);
    const rows = agentReadiness(snapshot, users, presenceOf(snapshot, users));
    return {
        total: rows.length,
        ready: rows.filter((r) => r.status === 'ready').length,
        notReady: rows
            .filter((r) => r.status !== 'ready')
            .map((r) => r.name)
            .sort(),
    };
}

// One browser and one preview server for every test of the file.
before(async () => {
    browser = await startBrowser('admin-path');
    context = browser.context;
    base = browser.base;
});

after(async () => {
    await browser?.close();
});

describe('ready means agents get chats (fullAgentsNotReady)', () => {
    it('is the state the scenario stands for: items done or warnings only, two agents not ready for capacity', () => {
        const want = expected();
        assert.equal(want.total - want.ready, 2, `not ready: ${want.notReady.join(', ')}`);
        assert.ok(want.ready > 0);
    });

    for (const lang of ['en', 'ko'] as const) {
        it(`does not call the org ready and links to the agents who are not (${lang})`, async () => {
            const want = expected();
            const words =
                lang === 'en'
                    ? {
                          progress: '12 of 14 ready',
                          counts: `${want.ready} of ${want.total} agents ready`,
                          link: 'Show the 2 agents who are not ready',
                          ready: 'Everything SimplyChat needs is ready',
                          notReadyOnly: 'Not ready only',
                          review: 'Review',
                      }
                    : {
                          progress: '14개 중 12개 완료',
                          counts: `상담원 ${want.total}명 중 ${want.ready}명 준비됨`,
                          link: '준비되지 않은 상담원 2명 보기',
                          ready: 'SimplyChat에 필요한 모든 설정이 완료되었습니다',
                          notReadyOnly: '준비되지 않은 상담원만',
                          review: '검토 필요',
                      };
            const page = await open(`scenario=fullAgentsNotReady&lang=${lang}`, words.progress);
            // The agents are counted on the checklist (the Agents view's read), never skipped.
            await page.waitForFunction(
                (counts) =>
                    document
                        .querySelector('c-simply-chat-setup')
                        ?.shadowRoot?.querySelector('[data-id="agents-summary-text"]')
                        ?.textContent?.trim() === counts,
                words.counts
            );
            assert.equal(await page.locator('[data-id="success"]').count(), 0, 'no success state');
            assert.ok(!(await page.locator('c-simply-chat-setup').innerText()).includes(words.ready));
            // Item 9 names the two agents the admin chose not to move: a warning to review, not done.
            const presence = page.locator('c-setup-checklist-row', { has: page.locator('[data-id="presenceConfig"]') });
            assert.equal(await text(presence, '[data-id="status"]'), words.review);
            assert.match(await text(presence, '[data-id="reason-text"]'), /Han Yerin/);
            const link = page.locator('[data-id="agents-summary"]').getByRole('button', { name: words.link });
            assert.deepEqual(await axeViolations(page), [], 'checklist with the agents summary');
            await page.screenshot({ path: path.join(SHOTS, `fullAgentsNotReady-summary-${lang}.png`), fullPage: true });
            await link.click();
            // The Agents view, filtered to the agents who are not ready: exactly the engine's two, for capacity.
            await page.getByRole('checkbox', { name: words.notReadyOnly }).waitFor();
            assert.ok(await page.getByRole('checkbox', { name: words.notReadyOnly }).isChecked());
            await page.locator('[data-id="agents-reading"]').waitFor({ state: 'detached' });
            await page.waitForFunction(
                (n) =>
                    document
                        .querySelector('c-simply-chat-setup')
                        ?.shadowRoot?.querySelector('c-setup-agents')
                        ?.shadowRoot?.querySelectorAll('[data-id="agent-row"]').length === n,
                want.notReady.length
            );
            const rows = page.locator('[data-id="agent-row"]');
            const statuses = await rows.evaluateAll((list) => list.map((r) => (r as HTMLElement).dataset.status));
            assert.deepEqual(statuses, ['notReady', 'notReady']);
            const rowText = (await rows.allTextContents()).map((t) => t.replace(/\s+/g, ' '));
            for (const name of want.notReady) {
                assert.ok(
                    rowText.some((t) => t.includes(name)),
                    `${name} in ${rowText.join(' | ')}`
                );
            }
            const reasons = await page.locator('[data-id="agent-row"] [data-col="reason"]').allTextContents();
            assert.ok(
                reasons.every((r) => r.includes(TRAINEE_DESK.MasterLabel)),
                reasons.join(' | ')
            );
            assert.deepEqual(await axeViolations(page), [], 'Agents view, not ready only');
            assert.deepEqual((page as Page & { errors?: string[] }).errors, []);
            await page.screenshot({ path: path.join(SHOTS, `fullAgentsNotReady-agents-${lang}.png`), fullPage: true });
            await page.close();
        });
    }
});

describe('the plan dialog lists the record changes of each change', () => {
    for (const lang of ['en', 'ko'] as const) {
        it(`names the rows each change inserts, axe clean (${lang})`, async () => {
            const words =
                lang === 'en'
                    ? {
                          progress: '5 of 14 ready',
                          fixAll: 'Fix all',
                          heading: 'Record changes',
                          grants: /^Insert \d+ SetupEntityAccess rows: the status \w+ for the profile /,
                      }
                    : {
                          progress: '14개 중 5개 완료',
                          fixAll: '모두 해결',
                          heading: '레코드 변경',
                          grants: /^SetupEntityAccess 행 \d+개 추가: .+ 프로필\(프로필 자체 권한 집합\)에 \w+ 상태/,
                      };
            const page = await open(`scenario=partly&lang=${lang}`, words.progress);
            await page.getByRole('button', { name: words.fixAll }).click();
            const dialog = page.getByRole('dialog');
            await dialog.waitFor();
            const records = dialog.locator('[data-id="records"]');
            await records.first().waitFor();
            assert.match(await text(dialog, '[data-id="records"]'), new RegExp(`^${words.heading}`));
            const changes = (await dialog.locator('[data-id="record-change"]').allTextContents()).map((t) =>
                t.replace(/\s+/g, ' ').trim()
            );
            assert.ok(
                changes.some((t) => words.grants.test(t)),
                changes.join(' | ')
            );
            assert.deepEqual(await axeViolations(page), [], 'plan dialog with its record changes');
            await page.screenshot({ path: path.join(SHOTS, `partly-plan-records-${lang}.png`), fullPage: true });
            await page.close();
        });
    }

    it("cuts 1,000 profiles' grants to the first rows and opens and closes the rest", async () => {
        const page = await open('scenario=profiles1000', '5 of 14 ready');
        await page.getByRole('button', { name: 'Fix all' }).click();
        const dialog = page.getByRole('dialog');
        await dialog.waitFor();
        const grants = dialog.locator('[data-id="record-change"]', { hasText: 'SetupEntityAccess' });
        await grants.waitFor();
        const shown = async (): Promise<string> => ((await grants.locator('span').first().textContent()) ?? '').trim();
        assert.match(await shown(), /^Insert 2,000 SetupEntityAccess rows: .+ and 1,997 more$/);
        const toggle = grants.getByRole('button', { name: 'Show all' });
        assert.equal(await toggle.getAttribute('aria-expanded'), 'false');
        await toggle.click();
        const fewer = grants.getByRole('button', { name: 'Show fewer' });
        await fewer.waitFor();
        assert.equal(await fewer.getAttribute('aria-expanded'), 'true');
        assert.match(await shown(), /Agent Team 1000 \(its own permission set\)$/);
        await fewer.click();
        await grants.getByRole('button', { name: 'Show all' }).waitFor();
        assert.match(await shown(), /and 1,997 more$/);
        assert.deepEqual(await axeViolations(page), [], 'plan dialog, 1,000 profiles');
        await page.close();
    });
});
