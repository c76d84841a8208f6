import { createElement } from 'lwc';
import SetupChecklistRow from 'c/setupChecklistRow';
import { rowView } from 'c/checklistView';
import { evaluate } from 'c/setupEngine';
import { partlySetUpOrg } from '../../setupEngine/__tests__/fixtures';
import { ENGLISH } from '../../setupText/__tests__/testLabels';
import { manyProfilesOrg } from '../../../../../../samples/scenarios';

function mount(id: string, props: Record<string, unknown> = {}): HTMLElement {
    const item = evaluate(partlySetUpOrg()).find((i) => i.id === id);
    const element = createElement('c-setup-checklist-row', { is: SetupChecklistRow });
    Object.assign(element, { row: item && rowView(ENGLISH, item), ...props });
    document.body.appendChild(element);
    return element;
}

const q = (el: HTMLElement, sel: string) => el.shadowRoot?.querySelector(sel) as HTMLElement | null;

describe('c-setup-checklist-row', () => {
    afterEach(() => {
        while (document.body.firstChild) document.body.removeChild(document.body.firstChild);
    });

    it('offers Fix with an accessible name, and sends the item id', () => {
        const element = mount('busyStatus');
        const handler = jest.fn();
        element.addEventListener('fix', handler);
        const fix = q(element, '[data-id="fix"]');
        expect((fix as unknown as { ariaLabel: string }).ariaLabel).toBe('Fix Busy presence status');
        fix?.click();
        expect(handler.mock.calls[0][0].detail).toEqual({ id: 'busyStatus' });
    });

    it('cuts a long list in the reason to "and N more", and names every one on request', async () => {
        const statuses = Array.from({ length: 25 }, (_, i) => `Status ${i + 1}`);
        const item = evaluate(partlySetUpOrg()).find((i) => i.id === 'onlineStatus');
        const row = item && {
            ...rowView(ENGLISH, {
                ...item,
                reason: {
                    key: 'item.onlineStatus.notOnAgentStatuses',
                    params: { channel: 'SimplyChat', count: 25, statuses: statuses.join(', ') },
                },
            }),
        };
        const element = mount('onlineStatus', { row });
        const reason = () => q(element, '[data-id="reason-text"]')?.textContent ?? '';
        expect(reason()).toContain(`${statuses.slice(0, 10).join(', ')} and 15 more`);
        expect(reason()).not.toContain('Status 11');
        const toggle = q(element, '[data-id="reason-toggle"]') as HTMLButtonElement;
        expect(toggle.textContent?.trim()).toBe('Show all');
        expect(toggle.getAttribute('aria-expanded')).toBe('false');
        toggle.click();
        await Promise.resolve();
        expect(reason()).toContain('Status 25');
        expect(reason()).not.toContain('more');
        expect(toggle.getAttribute('aria-expanded')).toBe('true');
        expect(toggle.textContent?.trim()).toBe('Show fewer');
    });

    it('offers no expander when nothing is cut', () => {
        expect(q(mount('busyStatus'), '[data-id="reason-toggle"]')).toBeNull();
    });

    it('hides Fix while disabled, and shows why an item has no fix', () => {
        expect(q(mount('busyStatus', { disabled: true }), '[data-id="fix"]')).toBeNull();
        expect(q(mount('queue'), '[data-id="no-fix"]')?.textContent).toBe(
            'No fix here: Fix Routing configuration first.'
        );
    });

    it('toggles details and says whether they are shown', async () => {
        const element = mount('presenceConfig', { showDetailsLabel: 'Show', hideDetailsLabel: 'Hide' });
        const handler = jest.fn();
        element.addEventListener('toggle', handler);
        const toggle = q(element, '[data-id="toggle"]');
        expect(toggle?.getAttribute('aria-controls')).toBe(q(element, '[data-id="details"]')?.id);
        expect(q(element, '[data-id="details"]')?.hidden).toBe(true);
        // Hidden details are not rendered at all (1,000 profile lines would slow every render of the tab).
        expect(q(element, '[data-id="details"]')?.querySelectorAll('li')).toHaveLength(0);
        // Its accessible name names the item: "Show: Presence configuration".
        expect(toggle?.textContent?.replace(/\s+/g, ' ').trim()).toBe('Show: Presence configuration');
        toggle?.click();
        expect(handler.mock.calls[0][0].detail).toEqual({ id: 'presenceConfig' });
        Object.assign(element, { expanded: true });
        await Promise.resolve();
        expect(q(element, '[data-id="toggle"]')?.getAttribute('aria-expanded')).toBe('true');
        expect(q(element, '[data-id="details"]')?.querySelectorAll('li')).toHaveLength(2);
        expect(q(element, '[data-id="details"]')?.hidden).toBe(false);
        expect(q(element, '[data-id="toggle"]')?.getAttribute('aria-controls')).toBe(
            q(element, '[data-id="details"]')?.id
        );
    });

    it('cuts 1,000 profile lines to a first page, "and 990 more lines", and shows every one on request', async () => {
        const item = evaluate(manyProfilesOrg(1000)).find((i) => i.id === 'presenceConfig');
        const element = mount('presenceConfig', { row: item && rowView(ENGLISH, item), expanded: true });
        await Promise.resolve();
        const lines = () => Array.from(q(element, '[data-id="details"]')?.querySelectorAll('li') ?? []);
        const more = () => q(element, '[data-id="details-more-text"]');
        expect(lines()).toHaveLength(10);
        expect(lines()[0].textContent?.trim()).toBe('Agent Team 0001 has no presence configuration');
        expect(more()?.textContent).toBe('and 990 more lines');
        const button = q(element, '[data-id="details-all"]') as HTMLButtonElement;
        // A native button: reachable with Tab, pressed with Enter or Space; it names its item for screen readers.
        expect(button.tagName).toBe('BUTTON');
        expect(button.getAttribute('tabindex')).toBeNull();
        expect(button.textContent?.replace(/\s+/g, ' ').trim()).toBe('Show all: Presence configuration');
        expect(button.getAttribute('aria-expanded')).toBe('false');
        expect(button.getAttribute('aria-controls')).toBe(q(element, '[data-id="details"]')?.id);
        button.click();
        await Promise.resolve();
        expect(lines()).toHaveLength(1000);
        expect(lines()[999].textContent?.trim()).toBe('Agent Team 1000 has no presence configuration');
        expect(more()).toBeNull();
        expect(button.getAttribute('aria-expanded')).toBe('true');
        expect(button.textContent?.replace(/\s+/g, ' ').trim()).toBe('Show fewer: Presence configuration');
        button.click();
        await Promise.resolve();
        expect(lines()).toHaveLength(10);
        expect(more()?.textContent).toBe('and 990 more lines');
    });

    it('offers no "Show all" for details of one page, and hides it with the details', async () => {
        const element = mount('presenceConfig', { expanded: true });
        await Promise.resolve();
        expect(q(element, '[data-id="details"]')?.querySelectorAll('li')).toHaveLength(2);
        expect(q(element, '[data-id="details-all"]')).toBeNull();
        const item = evaluate(manyProfilesOrg(11)).find((i) => i.id === 'presenceConfig');
        const collapsed = mount('presenceConfig', { row: item && rowView(ENGLISH, item) });
        expect(q(collapsed, '[data-id="details-more"]')?.hidden).toBe(true);
    });

    it('links a manual step to its Setup page (a managed flow: Setup > Flows, never Flow Builder)', async () => {
        const element = mount('flow', { expanded: true });
        await Promise.resolve();
        const item = q(element, '[data-id="details"]')?.querySelector('li');
        expect(item?.textContent).toContain('in Setup > Process Automation > Flows, open');
        expect(item?.textContent).toContain('so Flow Builder cannot open it');
        const link = item?.querySelector('[data-id="detail-link"]') as HTMLAnchorElement | null;
        expect(link?.getAttribute('href')).toBe('/lightning/setup/Flows/home');
        expect(link?.getAttribute('target')).toBe('_blank');
        expect(link?.textContent).toBe('Open in Setup');
    });

    it('says the status once (the icon is decorative), and shows the last failed attempt', () => {
        const item = evaluate(partlySetUpOrg()).find((i) => i.id === 'busyStatus');
        const element = createElement('c-setup-checklist-row', { is: SetupChecklistRow });
        Object.assign(element, {
            row: item && rowView(ENGLISH, item, { code: 'FIELD_INTEGRITY_EXCEPTION', message: 'Refused.' }),
        });
        document.body.appendChild(element);
        expect(q(element, 'lightning-icon')?.getAttribute('alternative-text')).toBeNull();
        expect(q(element, '[data-id="status"]')?.textContent).toBe('Needs a fix');
        expect(q(element, '[data-id="failure"]')?.textContent).toBe(
            'Last attempt failed (FIELD_INTEGRITY_EXCEPTION): Refused.'
        );
    });

    it('moves the focus to its Fix button on request', () => {
        const element = mount('busyStatus');
        const fix = q(element, '[data-id="fix"]') as HTMLElement;
        fix.focus = jest.fn();
        (element as unknown as { focusFix: () => void }).focusFix();
        expect(fix.focus).toHaveBeenCalled();
    });

    it('renders nothing without a row', () => {
        expect(q(mount('none'), '[data-id="title"]')).toBeNull();
    });
});
