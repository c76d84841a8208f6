/**
 * The preview page: mounts the real c-simply-chat-setup on a simulated org, with a banner, a scenario menu and a
 * language switch, and measures the time to the first rendered checklist.
 */
import '@lwc/synthetic-shadow';
import { createElement } from 'lwc';
import SimplyChatSetup from 'c/simplyChatSetup';
import { SCENARIOS } from '../../samples/scenarios';
import { currentScenario } from './simulatedOrg';
import { currentLanguage, PREVIEW_TEXT, SCENARIO_TITLES_KO } from './language';

const started = performance.now();
const timing = window as unknown as { __firstRenderMs?: number };

function link(params: Record<string, string>): string {
    const query = new URLSearchParams(window.location.search);
    for (const [key, value] of Object.entries(params)) query.set(key, value);
    return `?${query.toString()}`;
}

function escapeHtml(value: string): string {
    return value.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
}

/** The preview's own chrome (app name, scenario menu, banner, language switch) in the page's language. */
function chrome(): void {
    const active = currentScenario();
    const lang = currentLanguage();
    const words = PREVIEW_TEXT[lang];
    const title = (s: { id: string; title: string }): string =>
        lang === 'ko' ? (SCENARIO_TITLES_KO[s.id] ?? s.title) : s.title;
    document.documentElement.lang = lang;
    document.title = words.appName;
    const appName = document.querySelector('#app-name');
    if (appName) appName.textContent = words.appName;
    document.querySelector('#scenario-nav')?.setAttribute('aria-label', words.scenarios);
    const menu = document.querySelector('#scenarios');
    if (menu) {
        menu.innerHTML = SCENARIOS.map(
            (s) =>
                `<li><a href="${link({ scenario: s.id })}" data-scenario="${s.id}"${s.id === active.id ? ' aria-current="page"' : ''}>${escapeHtml(title(s))}</a></li>`
        ).join('');
    }
    const banner = document.querySelector('#banner-text');
    if (banner) {
        const [before, after] = words.banner.split('{scenario}');
        banner.innerHTML = `${escapeHtml(before)}<strong id="scenario-name">${escapeHtml(title(active))}</strong>${escapeHtml(after)}`;
    }
    const switcher = document.querySelector('#language');
    if (switcher) {
        switcher.setAttribute('aria-label', words.language);
        switcher.setAttribute('role', 'group');
        switcher.innerHTML =
            `<a href="${link({ lang: 'en' })}" data-lang="en" lang="en" class="slds-m-right_small"${lang === 'en' ? ' aria-current="true"' : ''}>English</a>` +
            `<a href="${link({ lang: 'ko' })}" data-lang="ko" lang="ko"${lang === 'ko' ? ' aria-current="true"' : ''}>한국어</a>`;
    }
}

/** Records when the first checklist row is on screen (looking through the tab's shadow root, as a user sees it). */
function measureFirstRender(): void {
    const check = (): void => {
        const tab = document.querySelector('c-simply-chat-setup');
        if (tab?.shadowRoot?.querySelector('c-setup-checklist-row')) {
            timing.__firstRenderMs = Math.round(performance.now() - started);
            document.body.dataset.firstRenderMs = String(timing.__firstRenderMs);
            return;
        }
        requestAnimationFrame(check);
    };
    requestAnimationFrame(check);
}

chrome();
measureFirstRender();
document.querySelector('#app')?.appendChild(createElement('c-simply-chat-setup', { is: SimplyChatSetup }));
