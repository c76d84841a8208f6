import { createElement } from 'lwc';
import SetupPlanDialog from 'c/setupPlanDialog';
import { planView } from 'c/planView';
import { choices, partlySetUpOrg, read } from '../../setupEngine/__tests__/fixtures';
import { ENGLISH, KOREAN } from '../../setupText/__tests__/testLabels';

const LABELS = {
    title: 'Planned changes',
    intro: 'Intro',
    empty: 'Nothing',
    confirm: 'Go',
    cancel: 'Cancel',
    close: 'Close',
    orgWide: 'I understand',
    showAll: 'Show all',
    records: 'Record changes',
    showFewer: 'Show fewer',
};

function mount(props: Record<string, unknown>): HTMLElement {
    const element = createElement('c-setup-plan-dialog', { is: SetupPlanDialog });
    Object.assign(element, { labels: LABELS, ...props });
    document.body.appendChild(element);
    return element;
}

const q = (el: HTMLElement, sel: string) => el.shadowRoot?.querySelector(sel) as HTMLElement | null;

describe('c-setup-plan-dialog', () => {
    afterEach(() => {
        while (document.body.firstChild) document.body.removeChild(document.body.firstChild);
    });

    it('is a labelled modal dialog that takes the focus', async () => {
        const element = mount({ lines: [{ key: 'a', text: 'Create X' }] });
        await Promise.resolve();
        const dialog = q(element, 'section');
        expect(dialog?.getAttribute('role')).toBe('dialog');
        expect(dialog?.getAttribute('aria-modal')).toBe('true');
        expect(dialog?.getAttribute('aria-labelledby')).toBe(q(element, '[data-id="heading"]')?.id);
        expect(element.shadowRoot?.activeElement).toBe(q(element, '[data-id="heading"]'));
        expect(q(element, '[data-id="plan"]')?.textContent).toBe('Create X');
    });

    it('confirms with the org-wide choice only once it is ticked', async () => {
        const element = mount({ lines: [{ key: 'a', text: 'Enable Omni-Channel' }], needsOrgWideConfirmation: true });
        const confirm = jest.fn();
        element.addEventListener('confirm', confirm);
        q(element, '[data-id="confirm"]')?.click();
        expect(confirm).not.toHaveBeenCalled();
        const box = q(element, '[data-id="org-wide"]') as HTMLElement & { checked: boolean };
        box.checked = true;
        box.dispatchEvent(new CustomEvent('change', { detail: { checked: true } }));
        await Promise.resolve();
        q(element, '[data-id="confirm"]')?.click();
        expect(confirm.mock.calls[0][0].detail).toEqual({ confirmOrgWide: true });
    });

    it('cancels with the button, the close button or Escape', () => {
        const element = mount({ lines: [{ key: 'a', text: 'X' }] });
        const cancel = jest.fn();
        element.addEventListener('cancel', cancel);
        q(element, '[data-id="cancel"]')?.click();
        q(element, '[data-id="close"]')?.click();
        expect(q(element, '[data-id="close"]')?.getAttribute('alternative-text') ?? 'Close').toBe('Close');
        q(element, 'section')?.dispatchEvent(new KeyboardEvent('keydown', { key: 'Escape' }));
        q(element, 'section')?.dispatchEvent(new KeyboardEvent('keydown', { key: 'Enter' }));
        expect(cancel).toHaveBeenCalledTimes(3);
    });

    it('keeps the focus inside: Tab past the end goes to Close, Shift+Tab before the start to the last control', () => {
        const element = mount({ lines: [{ key: 'a', text: 'X' }] });
        const close = q(element, '[data-id="close"]') as HTMLElement;
        const confirm = q(element, '[data-id="confirm"]') as HTMLElement;
        close.focus = jest.fn();
        confirm.focus = jest.fn();
        q(element, '[data-id="trap-end"]')?.dispatchEvent(new CustomEvent('focus'));
        expect(close.focus).toHaveBeenCalled();
        q(element, '[data-id="trap-start"]')?.dispatchEvent(new CustomEvent('focus'));
        expect(confirm.focus).toHaveBeenCalled();
    });

    it('cuts a long list to "and N more" and shows it all on request, with API names in small print', async () => {
        const element = mount({
            lines: [
                { key: 'a', text: 'Add A, B', fullText: 'Add A, B, C, D', moreText: 'and 2 more' },
                { key: 'b', text: 'Create routing: Most Available', apiNames: 'MostAvailable' },
            ],
        });
        const items = () => Array.from(q(element, '[data-id="plan"]')?.querySelectorAll('li') ?? []);
        expect(items()[0].querySelector('span')?.textContent).toBe('Add A, B');
        expect(items()[0].querySelector('[data-id="more"]')?.textContent).toContain('and 2 more');
        expect(items()[1].textContent).toContain('(MostAvailable)');
        q(element, '[data-id="show-all"]')?.click();
        await Promise.resolve();
        expect(items()[0].textContent?.trim()).toBe('Add A, B, C, D');
        expect(q(element, '[data-id="show-all"]')).toBeNull();
    });

    it("asks item 5's shared routing choice and item 13's public group inline, reachable by keyboard", async () => {
        const element = mount({
            labels: {
                ...LABELS,
                choicesTitle: 'Before these changes',
                sharedRouting: 'Routing configuration that other queues use too',
                queueMembers: 'Add to the chat queue',
                publicGroup: 'Public group',
                publicGroupPlaceholder: 'Choose a group…',
            },
            lines: [{ key: 'a', text: 'Create the routing configuration SimplyChat' }],
            choices: {
                sharedRouting: {
                    options: [
                        { label: 'Keep', value: 'keep' },
                        { label: 'Update', value: 'update' },
                        { label: 'Own', value: 'own' },
                    ],
                    value: 'own',
                },
                queueMembers: {
                    options: [
                        { label: 'Each agent user', value: 'agentUsers' },
                        { label: 'A public group', value: 'publicGroup' },
                        { label: 'Not now', value: '' },
                    ],
                    value: 'publicGroup',
                    groups: {
                        options: [
                            { label: 'All Service (All_Service)', value: 'All_Service' },
                            { label: 'Chat Agents (Chat_Agents)', value: 'Chat_Agents' },
                        ],
                        value: 'All_Service',
                    },
                },
            },
        });
        await Promise.resolve();
        expect(q(element, '[data-id="plan-choices"] legend')?.textContent?.trim()).toBe('Before these changes');
        const routing = q(element, '[data-id="plan-shared-routing"]') as unknown as HTMLElement & {
            label: string;
            value: string;
        };
        expect(routing.label).toBe('Routing configuration that other queues use too');
        expect(routing.value).toBe('own');
        const combobox = q(element, '[data-id="plan-public-group"]') as HTMLSelectElement;
        expect(combobox.tagName.toLowerCase()).toBe('select');
        const label = element.shadowRoot?.querySelector(`label[for="${combobox.id}"]`);
        expect(label?.textContent?.trim()).toBe('Public group');
        expect(Array.from(combobox.options).map((o) => [o.value, o.textContent?.trim()])).toEqual([
            ['All_Service', 'All Service (All_Service)'],
            ['Chat_Agents', 'Chat Agents (Chat_Agents)'],
        ]);
        expect(combobox.value).toBe('All_Service');
        const changes: unknown[] = [];
        element.addEventListener('choicechange', (e) => changes.push((e as CustomEvent).detail));
        routing.dispatchEvent(new CustomEvent('change', { detail: { value: 'update' } }));
        combobox.value = 'Chat_Agents';
        combobox.dispatchEvent(new CustomEvent('change'));
        expect(changes).toEqual([
            { field: 'sharedRoutingConfig', value: 'update' },
            { field: 'publicGroup', value: 'Chat_Agents' },
        ]);
        // Keyboard: Shift+Tab from the first control wraps to the last; Tab past the end reaches Close, and the
        // choices come next in the dialog's Tab order (the shared routing choice first).
        const close = q(element, '[data-id="close"]') as HTMLElement;
        close.focus = jest.fn();
        routing.focus = jest.fn();
        q(element, '[data-id="trap-end"]')?.dispatchEvent(new CustomEvent('focus'));
        expect(close.focus).toHaveBeenCalled();
        const order = Array.from(element.shadowRoot?.querySelectorAll('[data-id]') ?? [])
            .map((e) => e.getAttribute('data-id'))
            .filter((id) => id === 'plan-shared-routing' || id === 'plan-queue-members' || id === 'plan-public-group');
        expect(order).toEqual(['plan-shared-routing', 'plan-queue-members', 'plan-public-group']);
    });

    it('shows no public group combobox until a public group is chosen', async () => {
        const element = mount({
            lines: [{ key: 'a', text: 'X' }],
            choices: {
                queueMembers: {
                    options: [
                        { label: 'Each agent user', value: 'agentUsers' },
                        { label: 'A public group', value: 'publicGroup' },
                    ],
                    value: 'agentUsers',
                },
            },
        });
        await Promise.resolve();
        expect(q(element, '[data-id="plan-queue-members"]')).not.toBeNull();
        expect(q(element, '[data-id="plan-public-group"]')).toBeNull();
        expect(q(element, '[data-id="plan-shared-routing"]')).toBeNull();
    });

    it('says when there is nothing to change and cannot confirm', () => {
        const element = mount({ lines: [] });
        expect(q(element, '[data-id="intro"]')?.textContent).toBe('Nothing');
        expect(q(element, '[data-id="plan"]')).toBeNull();
        expect((q(element, '[data-id="confirm"]') as unknown as { disabled: boolean }).disabled).toBe(true);
    });

    describe('the record changes of each change', () => {
        /** The real plan of a partly set up org whose 12 agent profiles lack the statuses. */
        function lines(labels: Readonly<Record<string, string>>) {
            const profiles = Array.from({ length: 12 }, (_, i) => ({
                Id: `00e5g${String(i).padStart(13, '0')}`,
                Name: `Team ${i + 1}`,
                UserCount: 1,
                ServiceCloudUserCount: 0,
            }));
            const org = {
                ...partlySetUpOrg(),
                profiles: read(profiles),
                choices: choices({ agentProfileIds: profiles.map((p) => p.Id) }),
            };
            const planned = planView(labels, org, 'all', org.choices);
            if (!planned.ok) throw new Error('no plan');
            return planned.lines;
        }

        it('lists them under the change, cut to the first rows, with Show all and Show fewer', async () => {
            const element = mount({ lines: lines(ENGLISH) });
            await Promise.resolve();
            const grant = Array.from(element.shadowRoot?.querySelectorAll('[data-id="plan"] > li') ?? []).find((li) =>
                li.textContent?.includes('Give')
            ) as HTMLElement;
            const records = grant.querySelector('[data-id="records"]') as HTMLElement;
            expect(records.textContent).toContain('Record changes');
            const change = () => grant.querySelector('[data-id="record-change"] span')?.textContent ?? '';
            expect(change()).toMatch(/^Insert 24 SetupEntityAccess rows: .*Team 2 .* and 21 more$/);
            expect(change()).not.toContain('Team 12');
            const toggle = () => grant.querySelector('[data-id="records-toggle"]') as HTMLElement;
            expect(toggle().textContent?.trim()).toBe('Show all');
            expect(toggle().getAttribute('aria-expanded')).toBe('false');
            toggle().click();
            await Promise.resolve();
            expect(change()).toContain('the profile Team 12 (its own permission set)');
            expect(change()).not.toContain('more');
            expect(toggle().textContent?.trim()).toBe('Show fewer');
            expect(toggle().getAttribute('aria-expanded')).toBe('true');
            toggle().click();
            await Promise.resolve();
            expect(change()).toMatch(/and 21 more$/);
            // A change SimplyChat makes as a whole component (the configuration it creates) lists no record changes.
            const created = Array.from(element.shadowRoot?.querySelectorAll('[data-id="plan"] > li') ?? []).find((li) =>
                li.textContent?.includes('Create the presence configuration')
            ) as HTMLElement;
            expect(created.querySelector('[data-id="records"]')).toBeNull();
        });

        it('says them in Korean', async () => {
            const element = mount({ lines: lines(KOREAN), labels: { ...LABELS, records: '레코드 변경' } });
            await Promise.resolve();
            const texts = Array.from(element.shadowRoot?.querySelectorAll('[data-id="record-change"] span') ?? []).map(
                (el) => el.textContent ?? ''
            );
            expect(
                texts.some((t) =>
                    /^SetupEntityAccess 행 24개 추가: .*Team 1 프로필\(프로필 자체 권한 집합\)에 .* 외 21개$/.test(t)
                )
            ).toBe(true);
        });
    });
});
