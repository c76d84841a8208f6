/**
 * End-to-end tests of the local preview in Chromium (Debian's, through playwright-core): the real setup tab on
 * each simulated scenario, as an admin sees and uses it. Screenshots go to build/screenshots/ (git-ignored).
 */
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { after, before, describe, it } from 'node:test';
import { type BrowserContext, type Locator, type Page } from 'playwright-core';
import { scenario as scenarioById, SCENARIOS } from '../../samples/scenarios';
import { agentsOrg, agentUsersOf, presenceOf, utilityBarsOf } from '../../samples/agents';
import { agentReadiness } from '../../force-app/main/default/lwc/setupEngine/setupEngine';
import { axeViolations, SHOTS, startBrowser, text, type Browser } from './browser';

/**
 * Figures with 1,000 profiles are printed, never asserted (the targets: 300 ms to the first render, 50 ms per
 * keystroke): timings on 2 shared cores belong in the log, not in a flaky assertion.
 *
 * Every wait is on a state of the page (an element, a text, `data-settled` once a load and its follow-up reads
 * are in), never on a fixed delay; STATE_TIMEOUT only bounds how long a state may take on a busy machine (a
 * fresh-clone build at load 12-14 on 2 cores), so a slow run waits longer instead of failing.
 */

let browser: Browser;
let context: BrowserContext;
let base: string;

async function open(query: string): Promise<Page> {
    const page = await context.newPage();
    const errors: string[] = [];
    page.on('pageerror', (error) => errors.push(String(error)));
    await page.goto(`${base}?${query}`);
    await page.locator('c-setup-checklist-row').first().waitFor();
    await page.locator('[data-id="progress"]').waitFor();
    await settled(page);
    (page as Page & { errors?: string[] }).errors = errors;
    return page;
}

/** The plan dialog's lines, each without its list of record changes (a list of its own, nested in the line). */
async function planLines(dialog: Locator): Promise<string[]> {
    return dialog.locator('[data-id="plan"] > li').evaluateAll((lines) =>
        lines.map((line) => {
            const copy = line.cloneNode(true) as Element;
            copy.querySelector('[data-id="records"]')?.remove();
            return copy.textContent ?? '';
        })
    );
}

/** Waits until the tab's load and its follow-up reads (connection test, utility bars, connection steps) are in. */
async function settled(page: Page): Promise<void> {
    await page.locator('[data-id="header"][data-settled="true"]').waitFor();
}

/** A screenshot once the web fonts are loaded and two frames have been painted (no fixed delay). */
async function shoot(page: Page, name: string): Promise<void> {
    await page.evaluate(async () => {
        await document.fonts.ready;
        await new Promise((resolve) => requestAnimationFrame(() => requestAnimationFrame(resolve)));
    });
    await page.screenshot({ path: path.join(SHOTS, `${name}.png`), fullPage: true });
}

/** Waits until the checklist's progress line reads `expected` (after a re-check). */
async function waitForProgress(page: Page, expected: string): Promise<void> {
    await page.waitForFunction(
        (want) =>
            document
                .querySelector('c-simply-chat-setup')
                ?.shadowRoot?.querySelector('[data-id="progress"]')
                ?.textContent?.trim() === want,
        expected
    );
}

/** The Fix buttons of the checklist rows (each named after its item, e.g. "Fix Busy presence status"). */
function rowFixButtons(page: Page) {
    return page.getByRole('button', { name: /^Fix (?!all$)/ });
}

/** The accessible names of every button, link and form control, from Chromium's accessibility tree. */
async function controlNames(page: Page): Promise<string[]> {
    const tree = await page.locator('body').ariaSnapshot();
    return [...tree.matchAll(/^\s*- (button|link|checkbox|textbox|searchbox|spinbutton) "([^"]*)"/gm)].map(
        (m) => `${m[1]} ${m[2]}`
    );
}

/** Opens the collapsed choices. */
async function openChoices(page: Page): Promise<void> {
    await page.locator('[data-id="choices-toggle"]').click();
    await page.locator('c-setup-choices').waitFor();
}

async function fixAll(page: Page, confirmOrgWide = false): Promise<void> {
    await page.getByRole('button', { name: 'Fix all' }).click();
    const dialog = page.getByRole('dialog');
    await dialog.waitFor();
    if (confirmOrgWide) await dialog.getByText('I understand that enabling Omni-Channel').click();
    await dialog.getByRole('button', { name: 'Make these changes' }).click();
    await page.locator('[data-id="summary-message"]').waitFor();
    await settled(page);
}

function scenarioOf(id: string) {
    return scenarioById(id).snapshot();
}

/** The agents scenario as the tab evaluates it (utility bars read after the load): how many are ready, not ready. */
function agentsExpected(): { total: number; ready: number; notReady: number } {
    const org = agentsOrg();
    const snapshot = { ...org, utilityBars: utilityBarsOf(org) };
    const users = agentUsersOf(snapshot);
    const readiness = agentReadiness(snapshot, users, presenceOf(snapshot, users), true);
    return {
        total: readiness.length,
        ready: readiness.filter((r) => r.status === 'ready').length,
        notReady: readiness.filter((r) => r.status === 'notReady').length,
    };
}

/** Opens the Agents tab and waits for its first row. */
async function openAgents(page: Page, tabName: string): Promise<void> {
    await page.getByRole('tab', { name: tabName }).click();
    await page.locator('[data-id="agent-row"]').first().waitFor();
}

/** Waits until every page of agents is read (the progress is gone). */
async function agentsRead(page: Page): Promise<void> {
    await page.locator('[data-id="agents-counts"]').waitFor();
    await page.locator('[data-id="agents-reading"]').waitFor({ state: 'detached' });
}

describe('local preview (npm start) in Chromium', () => {
    before(async () => {
        browser = await startBrowser('preview');
        context = browser.context;
        base = browser.base;
    });

    after(async () => {
        await browser?.close();
    });

    const expected: Record<string, string> = {
        fresh: '2 of 14 ready',
        // The new org's console app has the Omni-Channel utility: item 14 passes once its bars are read.
        empty: '4 of 14 ready',
        partly: '5 of 14 ready',
        full: '14 of 14 ready',
        // Items 5 (2 units per chat) and 9 (two agents on another configuration at user level) are warnings.
        fullAgentsNotReady: '12 of 14 ready',
        // The shared org's utility bars, read on demand, give item 14; item 13 fails (8 Support agents are missing).
        shared: '8 of 14 ready',
        // Item 5 waits for the admin's choice: another team's queue uses its routing configuration.
        sharedRouting: '13 of 14 ready',
        // As the partly set-up org: item 10 is planned through SimplyChat's permission set instead of the profiles.
        statusAccessBySet: '5 of 14 ready',
        profiles1000: '5 of 14 ready',
        readOnly: '4 of 14 ready',
        apiMissing: '4 of 14 ready',
        apiFailures: '5 of 14 ready',
        agentsNotReady: '10 of 14 ready',
        agents10000: '10 of 14 ready',
        liveFree: '14 of 14 ready',
        liveAtCapacity: '14 of 14 ready',
        liveNobody: '14 of 14 ready',
        liveNotInQueue: '14 of 14 ready',
    };

    for (const s of SCENARIOS) {
        it(`opens the ${s.id} scenario with the banner, and shows its progress`, async () => {
            const page = await open(`scenario=${s.id}`);
            assert.match(await text(page, '#banner'), new RegExp(`Simulated org: ${s.title.replace(/[()]/g, '.')}`));
            // Every per-item control has its own accessible name.
            const names = await controlNames(page);
            const repeated = names.filter((n, i) => names.indexOf(n) !== i);
            assert.deepEqual(repeated, [], `controls with the same accessible name: ${repeated.join(', ')}`);
            // The progress settles once the on-demand reads (utility bars) are in.
            await waitForProgress(page, expected[s.id]);
            assert.equal(await page.locator('c-setup-checklist-row').count(), 14);
            assert.deepEqual((page as Page & { errors?: string[] }).errors, []);
            await shoot(page, s.id);
            await page.close();
        });
    }

    for (const s of SCENARIOS) {
        for (const lang of ['en', 'ko']) {
            it(`has no axe-core violations on the ${s.id} scenario in ${lang}, with the plan open too`, async () => {
                const page = await open(`scenario=${s.id}&lang=${lang}`);
                assert.deepEqual(await axeViolations(page), [], 'checklist');
                await shoot(page, `${s.id}-${lang}`);
                const fixAll = page.locator('[data-id="fix-all"] button');
                if (await fixAll.isEnabled()) {
                    await fixAll.click();
                    await page.getByRole('dialog').waitFor();
                    assert.deepEqual(await axeViolations(page), [], 'plan dialog');
                    await shoot(page, `${s.id}-${lang}-plan`);
                }
                await page.close();
            });
        }
    }

    it('shows a read-only user why, and no Fix button', async () => {
        const page = await open('scenario=readOnly');
        assert.equal(
            await text(page, '[data-id="read-only"]'),
            'You can view the checklist but not fix it. To fix items, you need the permissions listed under “Your permissions”.'
        );
        assert.equal(await rowFixButtons(page).count(), 0);
        await page.close();
    });

    it('tells the admin the API connection is missing, and offers only the fix that needs none', async () => {
        const page = await open('scenario=apiMissing');
        const api = page.locator('c-setup-checklist-row').first();
        assert.match((await api.textContent()) ?? '', /The Named Credential SimplyChat Setup API is missing/);
        // It blocks the fixes that need it: it needs a fix (not a review) and says how many changes wait for it.
        assert.equal(await text(api, '[data-id="status"]'), 'Needs a fix');
        assert.match(await text(api, '[data-id="no-fix"]'), /\d+ changes wait for this connection \(/);
        // Each connection step with the state the simulated org reports for it (ConnectionStatusController).
        await api
            .locator('[data-step="externalCredential"] [data-id="step-status"]', { hasText: 'Needs attention' })
            .waitFor();
        assert.deepEqual(await api.locator('[data-id="step-status"]').allTextContents(), [
            'Done',
            'Done',
            'Needs attention',
            'Missing',
            'Cannot be checked from here',
            'Cannot be checked from here',
        ]);
        assert.equal(await rowFixButtons(page).count(), 1);
        assert.match(
            (await page.locator('c-setup-checklist-row').nth(7).textContent()) ?? '',
            /Set up the API connection first/
        );
        await page.close();
    });

    it('Fix all on the partly set up org shows the plan, then turns the checklist all green', async () => {
        const page = await open('scenario=partly');
        await page.getByRole('button', { name: 'Fix all' }).click();
        const dialog = page.getByRole('dialog');
        await dialog.waitFor();
        const planned = await planLines(dialog);
        assert.ok(planned.length >= 5, `planned ${planned.length} changes`);
        assert.match(planned[0], /^Create the routing configuration SimplyChat/);
        await shoot(page, 'partly-plan');
        await dialog.getByRole('button', { name: 'Make these changes' }).click();
        await page.locator('[data-id="summary-message"]').waitFor();
        await settled(page);
        assert.equal(await text(page, '[data-id="summary-message"]'), `All ${planned.length} changes were made.`);
        // Item 13 waits for the admin's choice of what to add to the new queue; item 14 is not checked yet.
        await waitForProgress(page, '12 of 14 ready');
        await shoot(page, 'partly-fixed');
        await page.close();
    });

    it('enables Omni-Channel on a fresh org only after the org-wide confirmation, and fixes everything', async () => {
        const page = await open('scenario=fresh');
        await fixAll(page, true);
        // Item 13 waits for the admin's choice; item 14 passes (the Service Console has the Omni-Channel utility).
        await waitForProgress(page, '13 of 14 ready');
        const apps = page.locator('c-setup-checklist-row', { has: page.locator('[data-id="agentApps"]') });
        assert.equal(await text(apps, '[data-id="status"]'), 'Ready');
        assert.match(await text(page, '[data-id="still-needed"]'), /^Agents are in the chat queue: /);
        await page.close();
    });

    it('names what changed and what did not when the API refuses a change, keeps the failure on its item, and retries it', async () => {
        const page = await open('scenario=apiFailures');
        await fixAll(page);
        assert.equal(
            await text(page, '[data-id="summary-message"]'),
            'Changes made: 6 of 7. Failed: 1. Not run: 0. The checklist was checked again and shows the current state.'
        );
        const lines = await page.locator('[data-id="summary-lines"] li').allTextContents();
        assert.match(
            lines[3],
            /^Failed: Create the presence configuration .* The simulated API refused this change\.$/
        );
        // The changes after the failure do not need the presence configuration, so they were made.
        assert.ok(
            lines.slice(4).every((l) => l.startsWith('Done: ')),
            lines.join('\n')
        );
        await waitForProgress(page, '11 of 14 ready');
        const presence = page.locator('c-setup-checklist-row', { has: page.locator('[data-id="presenceConfig"]') });
        assert.equal(
            await text(presence, '[data-id="failure"]'),
            'Last attempt failed (FIELD_INTEGRITY_EXCEPTION): The simulated API refused this change.'
        );
        await shoot(page, 'apiFailures-result');
        await page.getByRole('button', { name: 'Retry failed' }).click();
        const dialog = page.getByRole('dialog');
        await dialog.waitFor();
        assert.deepEqual(
            (await planLines(dialog)).map((t) => t.replace(/\s+/g, ' ').trim()),
            ['Create the presence configuration SimplyChat Agents with capacity 5 for SimplyChat Agent, Support']
        );
        await page.close();
    });

    it("joins the agents' Online status where Omni-Channel serves other teams, and leaves their setup alone", async () => {
        const page = await open('scenario=shared');
        await page.getByRole('button', { name: 'Fix all' }).click();
        const dialog = page.getByRole('dialog');
        await dialog.waitFor();
        const planned = await planLines(dialog);
        assert.match(
            planned[0],
            /^Add the channel Chat_Sessions to the status Online, keeping its other channels\s*\(Available_for_Chat\)/
        );
        assert.ok(!planned.some((line) => /Sales_Chat|capacity of/i.test(line)), planned.join('\n'));
        assert.ok(!planned.some((line) => /Create the (online )?status/i.test(line)), planned.join('\n'));
        await shoot(page, 'shared-plan');
        await dialog.getByRole('button', { name: 'Make these changes' }).click();
        await page.locator('[data-id="summary-message"]').waitFor();
        await settled(page);
        // Support stays in the Sales team's configuration until the admin ticks it: a warning that names the choice.
        // Once the utility bars are read again (settled), item 14 passes as before the fix: 12, not a transient 11.
        await waitForProgress(page, '12 of 14 ready');
        assert.match(
            (await page.locator('c-setup-checklist-row').nth(8).textContent()) ?? '',
            /sits? in another presence configuration/
        );
        // A reload (the language link) starts the simulated org again: the Korean reasons of the unfixed org.
        await page.getByRole('link', { name: '한국어' }).click();
        await page.locator('c-setup-checklist-row').first().waitFor();
        await settled(page);
        await waitForProgress(page, '14개 중 8개 완료');
        assert.match(
            (await page.locator('c-setup-checklist-row').nth(6).textContent()) ?? '',
            /상담원이 사용하는 온라인 상태\(Online\)에 아직 Chat_Sessions 채널/
        );
        await shoot(page, 'shared-ko');
        await page.close();
    });

    for (const lang of ['en', 'ko'] as const) {
        const t = {
            en: {
                agentUsers: 'Each agent user who is not a member',
                publicGroup: 'A public group',
                group: 'Public group',
                save: 'Save choices',
                fix: 'Fix Agents are in the chat queue',
                line: 'Add 8 agents to the queue Chat_Queue by name: Support (8). Its current members are kept.',
                confirm: 'Make these changes',
                ready: 'Ready',
            },
            ko: {
                agentUsers: '구성원이 아닌 각 상담원 사용자',
                publicGroup: '공개 그룹',
                group: '공개 그룹',
                save: '선택 저장',
                fix: '상담원이 채팅 대기열에 있음 해결',
                line: '대기열 Chat_Queue에 상담원 8명을 사용자로 추가: Support (8). 현재 구성원은 그대로 유지됩니다.',
                confirm: '변경 적용',
                ready: '완료',
            },
        }[lang];
        it(`adds the agents outside the chat queue once the admin chooses "each agent user" (item 13, ${lang})`, async () => {
            const page = await open(`scenario=shared&lang=${lang}`);
            const row = page.locator('c-setup-checklist-row', { has: page.locator('[data-id="queueMembers"]') });
            assert.equal(await row.getByRole('button', { name: t.fix }).count(), 0, 'no fix before the choice');
            await openChoices(page);
            const choices = page.locator('c-setup-choices');
            await choices.getByText(t.publicGroup, { exact: true }).click();
            await choices.getByRole('combobox', { name: t.group }).waitFor();
            assert.deepEqual((page as Page & { errors?: string[] }).errors, []);
            assert.deepEqual(await axeViolations(page), [], 'choices with the public group picker');
            await shoot(page, `queueMembers-choice-${lang}`);
            await choices.getByText(t.agentUsers, { exact: true }).click();
            await choices.getByRole('button', { name: t.save }).click();
            const fix = row.getByRole('button', { name: t.fix });
            await fix.waitFor();
            await fix.click();
            const dialog = page.getByRole('dialog');
            await dialog.waitFor();
            assert.deepEqual(
                (await planLines(dialog)).map((l) => l.replace(/\s+/g, ' ').trim()),
                [t.line]
            );
            assert.deepEqual(await axeViolations(page), [], 'plan dialog');
            await dialog.getByRole('button', { name: t.confirm }).click();
            await page.locator('[data-id="summary-message"]').waitFor();
            await settled(page);
            await row.locator('[data-id="status"]', { hasText: t.ready }).waitFor();
            assert.equal(await row.getByRole('button', { name: t.fix }).count(), 0, 'nothing left to fix');
            await page.close();
        });
    }

    for (const lang of ['en', 'ko'] as const) {
        const t = {
            en: {
                fixAll: 'Fix all',
                question: 'Routing configuration that other queues use too',
                keep: "Keep it as it is (its values stay unlike the guide's)",
                own: 'Give SimplyChat its own routing configuration (Support Cases keep this one)',
                link: /Link the queue Chat Queue to the routing configuration SimplyChat/,
                confirm: 'Make these changes',
                before: '13 of 14 ready',
                after: '14 of 14 ready',
            },
            ko: {
                fixAll: '모두 해결',
                question: '다른 대기열도 사용하는 라우팅 구성',
                keep: '그대로 유지(값은 가이드와 다른 채로 남음)',
                own: 'SimplyChat 전용 라우팅 구성 만들기(Support Cases은(는) 기존 구성 유지)',
                link: /Chat Queue 대기열을 SimplyChat 라우팅 구성에 연결/,
                confirm: '변경 적용',
                before: '14개 중 13개 완료',
                after: '14개 중 14개 완료',
            },
        }[lang];
        it(`asks inline, by keyboard, what to do with a routing configuration another team uses (item 5, ${lang})`, async () => {
            const page = await open(`scenario=sharedRouting&lang=${lang}`);
            await waitForProgress(page, t.before);
            await page.getByRole('button', { name: t.fixAll, exact: true }).click();
            const dialog = page.getByRole('dialog');
            await dialog.waitFor();
            const question = dialog.getByRole('radiogroup', { name: t.question });
            await question.waitFor();
            assert.equal(await question.getByRole('radio', { name: t.keep }).isChecked(), true, 'keep by default');
            assert.equal((await planLines(dialog)).length, 0, 'keep: nothing of it changes');
            assert.deepEqual(await axeViolations(page), [], 'plan dialog asking the shared routing choice');
            // Keyboard only: into the group, then the arrow keys choose "own" (keep, update, own).
            await question.getByRole('radio', { name: t.keep }).focus();
            await page.keyboard.press('ArrowDown');
            await page.keyboard.press('ArrowDown');
            await dialog.locator('[data-id="plan"] > li', { hasText: t.link }).waitFor();
            const own = question.getByRole('radio', { name: t.own });
            assert.equal(await own.isChecked(), true, 'own chosen by keyboard');
            assert.deepEqual(await axeViolations(page), [], 'plan dialog with the own configuration planned');
            await shoot(page, `sharedRouting-${lang}-own`);
            await dialog.getByRole('button', { name: t.confirm }).focus();
            await page.keyboard.press('Enter');
            await page.locator('[data-id="summary-message"]').waitFor();
            await settled(page);
            await waitForProgress(page, t.after);
            await page.close();
        });
    }

    for (const lang of ['en', 'ko'] as const) {
        const t = {
            en: {
                fixAll: 'Fix all',
                publicGroup: 'A public group',
                group: 'Public group',
                first: /Add the public group All_Service to the queue SimplyChat/,
                next: /Add the public group Chat_Agents to the queue SimplyChat/,
            },
            ko: {
                fixAll: '모두 해결',
                publicGroup: '공개 그룹',
                group: '공개 그룹',
                first: /대기열 SimplyChat에 공개 그룹 All_Service 추가/,
                next: /대기열 SimplyChat에 공개 그룹 Chat_Agents 추가/,
            },
        }[lang];
        it(`asks for a public group inline, from a list of the org's groups, by keyboard (item 13, ${lang})`, async () => {
            const page = await open(`scenario=empty&lang=${lang}`);
            await page.getByRole('button', { name: t.fixAll, exact: true }).click();
            const dialog = page.getByRole('dialog');
            await dialog.waitFor();
            await dialog.locator('[data-id="plan-queue-members"]').getByText(t.publicGroup, { exact: true }).click();
            const combobox = dialog.getByRole('combobox', { name: t.group });
            await combobox.waitFor();
            await dialog.locator('[data-id="plan"] > li', { hasText: t.first }).waitFor();
            assert.deepEqual(await axeViolations(page), [], 'plan dialog with the public group combobox');
            await shoot(page, `empty-${lang}-plan-group`);
            assert.equal(await combobox.inputValue(), 'All_Service', 'the first group by name');
            // Keyboard only: the arrow key moves to the next group (Chat Agents).
            await combobox.focus();
            await page.keyboard.press('ArrowDown');
            await dialog.locator('[data-id="plan"] > li', { hasText: t.next }).waitFor();
            assert.deepEqual((page as Page & { errors?: string[] }).errors, []);
            await page.close();
        });
    }

    it('is a real modal: focus moves in, Tab stays inside, Escape and Close cancel, focus returns to the opener', async () => {
        const page = await open('scenario=partly');
        await page.locator('[data-id="fix-all"] button').focus();
        await page.keyboard.press('Enter');
        const dialog = page.getByRole('dialog', { name: 'Planned changes' });
        await dialog.waitFor();
        const insideDialog = (): Promise<boolean> =>
            page.evaluate(() => {
                let active: Element | null = document.activeElement;
                while (active?.shadowRoot?.activeElement) active = active.shadowRoot.activeElement;
                return Boolean(active?.closest('c-setup-plan-dialog') ?? active?.closest('section[role="dialog"]'));
            });
        assert.ok(await insideDialog(), 'focus moved into the dialog');
        for (let i = 0; i < 8; i++) {
            await page.keyboard.press('Tab');
            assert.ok(await insideDialog(), `Tab ${i + 1} stayed in the dialog`);
        }
        for (let i = 0; i < 8; i++) {
            await page.keyboard.press('Shift+Tab');
            assert.ok(await insideDialog(), `Shift+Tab ${i + 1} stayed in the dialog`);
        }
        await page.keyboard.press('Escape');
        await dialog.waitFor({ state: 'detached' });
        assert.ok(
            await page.locator('[data-id="fix-all"] button').evaluate((b) => b.matches(':focus')),
            'focus returned to Fix all'
        );
        const fix = page.getByRole('button', { name: 'Fix Busy presence status' });
        await fix.click();
        await dialog.waitFor();
        await dialog.getByRole('button', { name: 'Close' }).click();
        await dialog.waitFor({ state: 'detached' });
        assert.ok(await fix.evaluate((b) => b.matches(':focus')), 'focus returned to the Fix button of its item');
        await page.close();
    });

    it('shows bad input on leaving the field, blocks the plan, checks the chat object on the server, and warns about high capacity', async () => {
        const page = await open('scenario=partly');
        await openChoices(page);
        const capacity = page.getByRole('textbox', { name: 'Chats per agent at once' });
        await capacity.fill('abc');
        assert.equal(await page.getByText('Enter a whole number from 1 to 9,999.').count(), 0, 'no error while typing');
        await page.keyboard.press('Tab');
        await page.getByText('Enter a whole number from 1 to 9,999.').waitFor();
        assert.equal(
            await capacity.evaluate((i) => i.getAttribute('aria-invalid')),
            'true',
            'the error is on the field'
        );
        await page.locator('[data-id="fix-all"] button').click();
        // The tab answers a bad choice by moving focus to it instead of opening the plan.
        await page.waitForFunction((input) => input?.matches(':focus') === true, await capacity.elementHandle());
        assert.equal(await page.getByRole('dialog').count(), 0, 'no plan with a bad capacity');

        await capacity.fill('1000');
        await page.keyboard.press('Tab');
        await page.getByText('1,000 chats at once is more than the usual 20 or fewer.', { exact: false }).waitFor();
        await capacity.fill('');

        const chatObject = page.getByRole('textbox', { name: 'Chat object (API name)' });
        await chatObject.fill('');
        await page.keyboard.press('Tab');
        assert.equal(await text(page, '[data-id="progress"]'), '5 of 14 ready', 'the checklist uses the saved choices');
        assert.match(await text(page, '[data-id="draft"]'), /Unsaved changes/);
        await chatObject.fill('Foo__c');
        await page.locator('[data-id="fix-all"] button').click();
        await page.getByText('No object Foo__c exists in this org.').waitFor();
        assert.equal(await page.getByRole('dialog').count(), 0, 'no plan with an unknown chat object');
        assert.equal(await text(page, '[data-id="progress"]'), '5 of 14 ready');
        await shoot(page, 'choices-errors');
        await page.close();
    });

    it('puts the checklist first: the first item to fix is on screen at 1440×900, and 390 px does not scroll sideways', async () => {
        const page = await open('scenario=partly');
        await page.setViewportSize({ width: 1440, height: 900 });
        const firstFix = rowFixButtons(page).first();
        const box = await firstFix.boundingBox();
        console.log(`first Fix button at y=${Math.round(box?.y ?? -1)} px of 900`);
        assert.ok(box && box.y + box.height < 900, `first Fix at y=${box?.y}`);
        for (const lang of ['en', 'ko']) {
            const narrow = await open(`scenario=profiles1000&lang=${lang}`);
            await narrow.setViewportSize({ width: 390, height: 844 });
            await openChoices(narrow);
            const width = await narrow.evaluate(() => document.documentElement.scrollWidth);
            assert.ok(width <= 390, `${lang}: page is ${width} px wide at 390 px`);
            assert.deepEqual(await axeViolations(narrow), [], `${lang} at 390 px`);
            await shoot(narrow, `narrow-${lang}`);
            await narrow.close();
        }
        await page.close();
    });

    it('switches to Korean, the preview included', async () => {
        const page = await open('scenario=partly');
        await page.getByRole('link', { name: '한국어' }).click();
        await page.locator('c-setup-checklist-row').first().waitFor();
        await settled(page);
        await waitForProgress(page, '14개 중 5개 완료');
        assert.ok(await page.getByRole('button', { name: '모두 해결' }).isVisible());
        assert.match(await text(page, '#banner'), /^시뮬레이션 조직: 일부 설정됨\./);
        assert.equal(await page.locator('html').getAttribute('lang'), 'ko');
        assert.ok(await page.getByRole('navigation', { name: '시나리오' }).isVisible());
        await shoot(page, 'partly-ko');
        await page.close();
    });

    it('shows each agent ready or not with the first reason, filters, searches, pages and exports CSV (English)', async () => {
        const want = agentsExpected();
        const page = await open('scenario=agentsNotReady');
        await openAgents(page, 'Agents');
        await agentsRead(page);
        assert.equal(await text(page, '[data-id="agents-counts"]'), `${want.ready} of ${want.total} agents ready`);
        assert.equal(await page.locator('[data-id="agent-row"]').count(), want.total);
        const reasons = await page.locator('[data-id="agent-row"] [data-col="reason"]').allTextContents();
        for (const expected of [
            /^Not a member of the queue Chat Queue/,
            /Paused agents/,
            // Without Service Cloud User an agent is ready with a warning (not a blocker, docs/org-verification.md row 77).
            /^Ready, but without the Service Cloud User feature licence/,
            /Omni-Channel/,
        ]) {
            assert.ok(
                reasons.some((r) => expected.test(r.trim())),
                `a reason matching ${expected}: ${reasons.join(' | ')}`
            );
        }
        // Not ready only.
        // The label, as a user clicks it (SLDS draws the box over the input).
        await page.getByText('Not ready only', { exact: true }).click();
        assert.ok(await page.getByRole('checkbox', { name: 'Not ready only' }).isChecked());
        await page.waitForFunction(
            (n) =>
                document
                    .querySelector('c-simply-chat-setup')
                    ?.shadowRoot?.querySelector('c-setup-agents')
                    ?.shadowRoot?.querySelectorAll('[data-id="agent-row"]').length === n,
            want.notReady
        );
        const statuses = await page
            .locator('[data-id="agent-row"]')
            .evaluateAll((rows) => rows.map((r) => (r as HTMLElement).dataset.status));
        assert.ok(
            statuses.every((st) => st === 'notReady'),
            statuses.join(',')
        );
        assert.equal(await text(page, '[data-id="agents-showing"]'), `Showing 1–${want.notReady} of ${want.notReady}`);
        assert.deepEqual(await axeViolations(page), [], 'Agents view, not ready only');
        await shoot(page, 'agents-en');
        // CSV of the filtered list.
        const [download] = await Promise.all([
            page.waitForEvent('download'),
            page.getByRole('button', { name: 'Download CSV' }).click(),
        ]);
        assert.equal(download.suggestedFilename(), 'simplychat-agents.csv');
        const csv = fs.readFileSync(await download.path(), 'utf8');
        assert.ok(csv.startsWith('\uFEFFName,Username,Profile,'), csv.slice(0, 80));
        const lines = csv.replace(/^\uFEFF/, '').split('\r\n');
        assert.equal(lines.length - 2, want.notReady, 'a line per agent who is not ready, and a header');
        assert.ok(lines.slice(1, -1).every((l) => l.includes(',Not ready,')));
        // Search by profile.
        await page.getByText('Not ready only', { exact: true }).click();
        await page.getByRole('searchbox', { name: 'Search by name, username or profile' }).fill('chat trainees');
        await page.waitForFunction(
            () =>
                document
                    .querySelector('c-simply-chat-setup')
                    ?.shadowRoot?.querySelector('c-setup-agents')
                    ?.shadowRoot?.querySelector('[data-id="agents-showing"]')
                    ?.textContent?.trim() === 'Showing 1–6 of 6'
        );
        assert.deepEqual(
            [
                ...new Set(
                    (await page.locator('[data-id="agent-row"] td:first-of-type').allTextContents()).map((t) =>
                        t.trim()
                    )
                ),
            ],
            ['Chat Trainees']
        );
        await page.getByRole('searchbox', { name: 'Search by name, username or profile' }).fill('');
        assert.deepEqual(await axeViolations(page), [], 'Agents view');
        await page.close();
    });

    it('shows the Agents view in Korean, axe clean', async () => {
        const want = agentsExpected();
        const page = await open('scenario=agentsNotReady&lang=ko');
        await openAgents(page, '상담원');
        await agentsRead(page);
        assert.equal(await text(page, '[data-id="agents-counts"]'), `상담원 ${want.total}명 중 ${want.ready}명 준비됨`);
        const reasons = await page.locator('[data-id="agent-row"] [data-col="reason"]').allTextContents();
        assert.ok(
            reasons.some((r) => /대기열의 구성원이 아님/.test(r)),
            reasons.join(' | ')
        );
        assert.ok(await page.getByRole('checkbox', { name: '준비되지 않은 상담원만' }).isVisible());
        assert.ok(await page.getByRole('button', { name: 'CSV 다운로드' }).isVisible());
        assert.deepEqual(await axeViolations(page), [], 'Agents view in Korean');
        await page.getByText('준비되지 않은 상담원만', { exact: true }).click();
        await page.locator('[data-id="agent-row"][data-status="ready"]').first().waitFor({ state: 'detached' });
        await shoot(page, 'agents-ko');
        await page.close();
    });

    it('renders the first page of 10,000 agents fast, then pages through them', async () => {
        const page = await open('scenario=agents10000');
        // From the click on the tab to the first row on screen, measured in the page.
        const ms = await page.evaluate(async () => {
            const root = document.querySelector('c-simply-chat-setup')?.shadowRoot;
            /** The Agents tab link, wherever the base components' shadow roots keep it. */
            const find = (node: Document | ShadowRoot | Element): HTMLElement | undefined => {
                for (const el of Array.from(node.querySelectorAll('*'))) {
                    if (el.getAttribute('role') === 'tab' && el.textContent?.trim() === 'Agents')
                        return el as HTMLElement;
                    const inner = el.shadowRoot ? find(el.shadowRoot) : undefined;
                    if (inner) return inner;
                }
                return undefined;
            };
            const link = root ? find(root) : undefined;
            if (!link) return -1;
            const started = performance.now();
            link.click();
            return new Promise<number>((resolve) => {
                const check = (): void => {
                    const agents = root?.querySelector('c-setup-agents')?.shadowRoot;
                    if (agents?.querySelector('[data-id="agent-row"]'))
                        resolve(Math.round(performance.now() - started));
                    else requestAnimationFrame(check);
                };
                requestAnimationFrame(check);
            });
        });
        console.log(
            `first page of 10,000 agents rendered in ${ms} ms (target < 300 ms), including one simulated Apex call of 120 ms`
        );
        assert.ok(ms >= 0, 'the first page was measured');
        const started = Date.now();
        await agentsRead(page);
        console.log(`all 10,000 agents read and evaluated in ${Date.now() - started} ms more (5 pages of 2,000)`);
        assert.equal(await page.locator('[data-id="agent-row"]').count(), 50);
        assert.match(await text(page, '[data-id="agents-counts"]'), /^[\d,]+ of 10,000 agents ready$/);
        await page.getByRole('button', { name: 'Next page' }).click();
        await page.waitForFunction(
            () =>
                document
                    .querySelector('c-simply-chat-setup')
                    ?.shadowRoot?.querySelector('c-setup-agents')
                    ?.shadowRoot?.querySelector('[data-id="agents-showing"]')
                    ?.textContent?.trim() === 'Showing 51–100 of 10,000'
        );
        assert.equal(await text(page, '[data-id="agents-page"]'), 'Page 2 of 200');
        assert.deepEqual((page as Page & { errors?: string[] }).errors, []);
        await page.close();
    });

    it('stays fast with 1,000 agent profiles: first render, each keystroke in the profile search, the plan', async () => {
        const page = await open('scenario=profiles1000');
        const ms = await page.evaluate(() => (window as unknown as { __firstRenderMs?: number }).__firstRenderMs);
        console.log(
            `1,000 profiles: first render ${ms} ms after the tab's script started, including the simulated Apex latency of 120 ms (target < 300 ms)`
        );
        assert.ok(typeof ms === 'number', 'the first render was measured');
        const opened = Date.now();
        await openChoices(page);
        console.log(`1,000 profiles: choices with the picker open in ${Date.now() - opened} ms`);
        assert.equal(await text(page, '[data-id="chosen-more"]'), 'and 975 more');
        // Each keystroke: from the input event to the next painted frame, in the page.
        const search = await page.getByRole('searchbox', { name: 'Search profiles' }).elementHandle();
        assert.ok(search, 'the profile search box');
        const timings = await search.evaluate(async (input) => {
            const box = input as HTMLInputElement;
            const out: number[] = [];
            for (const ch of 'team 09') {
                const t0 = performance.now();
                box.value += ch;
                box.dispatchEvent(new Event('input', { bubbles: true, composed: true }));
                await new Promise((resolve) => requestAnimationFrame(() => setTimeout(resolve, 0)));
                out.push(Math.round(performance.now() - t0));
            }
            return out;
        });
        const sorted = [...timings].sort((a, b) => a - b);
        const median = sorted[Math.floor(sorted.length / 2)];
        console.log(
            `1,000 profiles: each keystroke in the profile search took ${timings.join(', ')} ms, median ${median} ms, max ${sorted[sorted.length - 1]} ms (target: median < 50 ms)`
        );
        assert.equal(timings.length > 0 && timings.every((t) => Number.isFinite(t)), true, 'keystrokes were measured');
        // "team 09" matches Agent Team 0900–0999, all chosen: 25 shown, and 75 more.
        assert.match(await text(page, '[data-id="chosen-list"]'), /^Agent Team 0900 /);
        assert.equal(await text(page, '[data-id="chosen-more"]'), 'and 75 more');
        assert.equal(await page.locator('[data-id="available-list"] input').count(), 0);
        await shoot(page, 'profiles1000-picker');
        await page.close();
    });

    it('cuts long profile lists in the plan to "and N more", with labels, not API names', async () => {
        const page = await open('scenario=fresh');
        await page.getByRole('button', { name: 'Fix all' }).click();
        const dialog = page.getByRole('dialog');
        await dialog.waitFor();
        const planned = (await planLines(dialog)).join('\n');
        assert.match(planned, /Most Available/);
        assert.match(planned, /\(MostAvailable\)/, 'the API name is in the small print');
        assert.match(planned, /Activate the flow SC_talkSession status update when owner changed via omni channel/);
        await page.close();
        const many = await open('scenario=profiles1000');
        await many.getByRole('button', { name: 'Fix Presence configuration' }).click();
        const manyDialog = many.getByRole('dialog');
        await manyDialog.waitFor();
        assert.match(await text(manyDialog, '[data-id="more"]'), /and 990 more/);
        await manyDialog.getByRole('button', { name: 'Show all' }).click();
        assert.match(await text(manyDialog, '[data-id="plan"] > li'), /Agent Team 1000/);
        await shoot(many, 'profiles1000-plan');
        await many.close();
        // After the configuration, the status grants of 1,000 profiles read as one line.
        const access = await open('scenario=profiles1000');
        await access.getByRole('button', { name: 'Fix all' }).click();
        const accessDialog = access.getByRole('dialog');
        await accessDialog.waitFor();
        const grants = (await planLines(accessDialog)).filter((line) => line.startsWith('Give'));
        assert.equal(grants.length, 1, grants.join('\n'));
        assert.match(grants[0], /and 990 more/);
        await access.close();
    });

    it('calls the full org ready only with its agents counted (ready means agents get chats)', async () => {
        const page = await open('scenario=full');
        await waitForProgress(page, '14 of 14 ready');
        const want = (() => {
            const org = scenarioOf('full');
            const snapshot = { ...org, utilityBars: utilityBarsOf(org) };
            const users = agentUsersOf(snapshot);
            const r = agentReadiness(snapshot, users, presenceOf(snapshot, users));
            return { total: r.length, ready: r.filter((x) => x.status === 'ready').length };
        })();
        // The full org's agents are all ready: two lack Service Cloud User, a warning, not a blocker (row 77).
        assert.equal(want.ready, want.total);
        const success = page.locator('[data-id="success"]');
        await success.waitFor({ timeout: 30000 });
        assert.match((await success.textContent()) ?? '', new RegExp(`${want.ready} of ${want.total} agents ready`));
        assert.equal(await page.locator('[data-id="agents-not-ready"]').count(), 0);
        const apps = page.locator('c-setup-checklist-row', { has: page.locator('[data-id="agentApps"]') });
        assert.equal(await text(apps, '[data-id="status"]'), 'Ready', 'item 14 is green in the full org');
        assert.deepEqual(await axeViolations(page), []);
        await shoot(page, 'full-agents-ready');
        await page.getByRole('tab', { name: 'Agents' }).click();
        await page.locator('[data-id="agent-row"]').first().waitFor({ timeout: 30000 });
        await agentsRead(page);
        // At 1280 px the table fits its card: no column hidden behind a scroll bar.
        const fit = await page
            .locator('[data-id="agents-table"]')
            .evaluate((table) => ({ table: table.scrollWidth, region: table.parentElement?.clientWidth ?? 0 }));
        assert.ok(fit.table <= fit.region, `table ${fit.table} px in a region of ${fit.region} px`);
        await page.close();
    });

    it('turns a new org (Omni-Channel on, API connection working) all green, agents included, in at most 3 clicks', async () => {
        const page = await open('scenario=empty');
        await waitForProgress(page, '4 of 14 ready');
        let clicks = 0;
        const click = async (target: Locator): Promise<void> => {
            clicks += 1;
            await target.click();
        };
        await click(page.getByRole('button', { name: 'Fix all' }));
        const dialog = page.getByRole('dialog');
        await dialog.waitFor();
        // The plan asks the open choices and shows the values it writes.
        assert.equal(await dialog.getByRole('spinbutton', { name: /Chats per agent/ }).inputValue(), '5');
        const values = await dialog.locator('[data-id="values"]').allTextContents();
        assert.ok(
            values.some((v) => /Server URL: — → https:\/\//.test(v)),
            `SC Setup values in the plan: ${values.join(' | ')}`
        );
        assert.match(await text(dialog, '[data-id="still-needed"]'), /Agents are in the chat queue/);
        await shoot(page, 'empty-plan-choices');
        await click(dialog.getByText('Each agent user who is not a member', { exact: true }));
        await dialog.locator('[data-id="still-needed"]').waitFor({ state: 'detached' });
        assert.deepEqual(await axeViolations(page), [], 'plan dialog with its choices');
        await click(dialog.getByRole('button', { name: 'Make these changes' }));
        await page.locator('[data-id="success"]').waitFor({ timeout: 60000 });
        await waitForProgress(page, '14 of 14 ready');
        assert.match(
            await text(page, '[data-id="success"]'),
            /Everything SimplyChat needs is ready\.\s*37 of 37 agents ready/
        );
        console.log(
            `clicks to green: ${clicks} (a new org with Omni-Channel on and a working API connection; target ≤ 3)`
        );
        assert.ok(clicks <= 3, `${clicks} clicks`);
        await shoot(page, 'empty-green');
        await page.close();
    });

    it('gives item 14 one consistent state in every scenario', async () => {
        const expected: Record<string, { status: string; reason: RegExp }> = {
            empty: { status: 'Ready', reason: /has the Omni-Channel utility in a console app/ },
            fresh: { status: 'Waiting for an earlier item', reason: /^Waiting for: Omni-Channel/ },
            apiMissing: { status: 'Unknown', reason: /utility bars/i },
            full: { status: 'Ready', reason: /Omni-Channel utility/ },
        };
        for (const [id, want] of Object.entries(expected)) {
            const page = await open(`scenario=${id}`);
            const apps = page.locator('c-setup-checklist-row', { has: page.locator('[data-id="agentApps"]') });
            await apps.locator('[data-id="status"]', { hasText: want.status }).waitFor({ timeout: 30000 });
            const reason = await text(apps, '[data-id="reason-text"]');
            assert.match(reason, want.reason, `${id}: ${reason}`);
            assert.doesNotMatch(reason, /not checked yet.*could not be read|could not be read.*not checked yet/i);
            await page.close();
        }
    });
});
