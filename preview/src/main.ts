/**
 * The preview page: mounts the real c-simply-chat-setup on a simulated org, with a banner, a scenario menu and a
 * language switch, and measures the time to the first rendered checklist.
 */
import '@lwc/synthetic-shadow';
import { createElement } from 'lwc';
import SimplyChatSetup from 'c/simplyChatSetup';
import { SCENARIOS } from '../../samples/scenarios';
import { currentScenario } from './simulatedOrg';
import { currentLanguage } from './language';

const started = performance.now();
const timing = window as unknown as { __firstRenderMs?: number };

function link(params: Record<string, string>): string {
    const query = new URLSearchParams(window.location.search);
    for (const [key, value] of Object.entries(params)) query.set(key, value);
    return `?${query.toString()}`;
}

function chrome(): void {
    const active = currentScenario();
    const menu = document.querySelector('#scenarios');
    if (menu) {
        menu.innerHTML = SCENARIOS.map(
            (s) =>
                `<li class="slds-context-bar__item${s.id === active.id ? ' slds-is-active' : ''}"><a class="slds-context-bar__label-action" href="${link({ scenario: s.id })}" data-scenario="${s.id}">${s.title}</a></li>`
        ).join('');
    }
    const lang = currentLanguage();
    const switcher = document.querySelector('#language');
    if (switcher) {
        switcher.innerHTML =
            `<a href="${link({ lang: 'en' })}" data-lang="en" class="slds-m-right_small${lang === 'en' ? ' slds-text-title_bold' : ''}">English</a>` +
            `<a href="${link({ lang: 'ko' })}" data-lang="ko" class="${lang === 'ko' ? 'slds-text-title_bold' : ''}">한국어</a>`;
    }
    const name = document.querySelector('#scenario-name');
    if (name) name.textContent = active.title;
    document.documentElement.lang = lang;
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
