import { createElement } from 'lwc';
import SetupChoices from 'c/setupChoices';
import type { ProfilePicker } from 'c/choicesView';

const PICKER: ProfilePicker = {
    chosen: {
        options: [{ label: 'Support (12 users)', value: 'sup' }],
        matching: 1,
        countText: '1 of 1',
        moreText: '',
    },
    available: {
        options: [{ label: 'Sales (3 users)', value: 'sal' }],
        matching: 60,
        countText: '1 of 60 shown',
        moreText: 'and 59 more',
    },
    unavailable: false,
};

function mount(props: Record<string, unknown> = {}): HTMLElement {
    const element = createElement('c-setup-choices', { is: SetupChoices });
    Object.assign(element, {
        labels: {
            capacity: 'Capacity',
            capacityHelp: 'Units',
            chatObject: 'Object',
            agentProfiles: 'Agents',
            chosenProfiles: 'Chosen',
            availableProfiles: 'Profiles',
            search: 'Search',
            showMore: 'Show more',
            noMatch: 'None',
            profilesUnavailable: 'Unreadable',
            move: 'Move',
            save: 'Save',
            discard: 'Discard',
            draft: 'Unsaved',
        },
        picker: PICKER,
        agentProfileIds: ['sup'],
        ...props,
    });
    document.body.appendChild(element);
    return element;
}

const q = (el: HTMLElement, sel: string) => el.shadowRoot?.querySelector(sel) as HTMLElement | null;
const qa = (el: HTMLElement, sel: string) => Array.from(el.shadowRoot?.querySelectorAll(sel) ?? []) as HTMLElement[];

describe('c-setup-choices', () => {
    afterEach(() => {
        while (document.body.firstChild) document.body.removeChild(document.body.firstChild);
    });

    it('reports each change with its field, and when a field is left', () => {
        const element = mount({ capacityText: '5' });
        const changes: unknown[] = [];
        element.addEventListener('choicechange', (e) => changes.push((e as CustomEvent).detail));
        const blurs: unknown[] = [];
        element.addEventListener('choiceblur', (e) => blurs.push((e as CustomEvent).detail));
        const search = jest.fn();
        element.addEventListener('profilesearch', search);
        const save = jest.fn();
        element.addEventListener('save', save);
        q(element, '[data-id="capacity"]')?.dispatchEvent(new CustomEvent('change', { detail: { value: 'abc' } }));
        q(element, '[data-id="capacity"]')?.dispatchEvent(new CustomEvent('blur'));
        q(element, '[data-id="chat-object"]')?.dispatchEvent(new CustomEvent('change', { detail: { value: 'Case' } }));
        const available = qa(element, '[data-id="available-list"] input')[0] as HTMLInputElement;
        available.checked = true;
        available.dispatchEvent(new CustomEvent('change'));
        const chosen = qa(element, '[data-id="chosen-list"] input')[0] as HTMLInputElement;
        expect(chosen.checked).toBe(true);
        chosen.checked = false;
        chosen.dispatchEvent(new CustomEvent('change'));
        q(element, '[data-id="moves"]');
        q(element, '[data-id="search"]')?.dispatchEvent(new CustomEvent('change', { detail: { value: 'sup' } }));
        q(element, '[data-id="save"]')?.click();
        expect(changes).toEqual([
            { field: 'capacity', value: 'abc' },
            { field: 'chatObject', value: 'Case' },
            { field: 'agentProfileIds', value: ['sup', 'sal'] },
            { field: 'agentProfileIds', value: [] },
        ]);
        expect(blurs).toEqual([{ field: 'capacity' }, { field: 'agentProfileIds' }, { field: 'agentProfileIds' }]);
        expect(search.mock.calls[0][0].detail).toEqual({ term: 'sup' });
        expect(save).toHaveBeenCalled();
    });

    it('shows both sides of the profile picker with their counts and "and N more", and asks for more', () => {
        const element = mount();
        const more = jest.fn();
        element.addEventListener('showmore', more);
        expect(q(element, '[data-id="available-more"]')?.textContent).toBe('and 59 more');
        expect(q(element, '[data-id="chosen-more"]')).toBeNull();
        const list = q(element, '[data-id="available-list"]');
        const heading = list?.getAttribute('aria-labelledby');
        const headingElement = qa(element, 'p[id]').find((p) => p.id === heading);
        expect(headingElement?.textContent).toContain('1 of 60 shown');
        (qa(element, 'button[data-side="available"]')[0] as HTMLElement).click();
        expect(more.mock.calls[0][0].detail).toEqual({ side: 'available' });
    });

    it('puts each field error on its field, and links the profile error to the picker', async () => {
        const element = mount({
            errors: [
                { field: 'capacity', text: 'Enter a whole number.' },
                { field: 'agentProfileIds', text: 'Unknown profile.' },
                { field: 'names.queue.label', text: 'Bad label.' },
            ],
        });
        const capacity = q(element, '[data-id="capacity"]') as unknown as {
            setCustomValidity: (m: string) => void;
            reportValidity: () => boolean;
        };
        const chatObject = q(element, '[data-id="chat-object"]') as unknown as { setCustomValidity: jest.Mock };
        capacity.setCustomValidity = jest.fn();
        capacity.reportValidity = jest.fn();
        chatObject.setCustomValidity = jest.fn();
        Object.assign(element, { errors: [...(element as unknown as { errors: unknown[] }).errors] });
        await Promise.resolve();
        expect(capacity.setCustomValidity).toHaveBeenCalledWith('Enter a whole number.');
        expect(capacity.reportValidity).toHaveBeenCalled();
        expect(chatObject.setCustomValidity).toHaveBeenCalledWith('');
        const profiles = q(element, '[data-id="profiles"]');
        const error = q(element, '[data-id="profiles-error"]');
        expect(error?.textContent?.trim()).toBe('Unknown profile. Bad label.');
        expect(profiles?.getAttribute('aria-describedby')).toBe(error?.id);
    });

    it('marks a draft, offers to discard it, and warns about a high capacity', () => {
        const element = mount({ draft: true, capacityWarning: '50 chats is a lot.' });
        const discard = jest.fn();
        element.addEventListener('discard', discard);
        expect(q(element, '[data-id="draft"]')?.textContent?.trim()).toBe('Unsaved');
        expect(q(element, '[data-id="capacity-warning"]')?.textContent?.trim()).toBe('50 chats is a lot.');
        q(element, '[data-id="discard"]')?.click();
        expect(discard).toHaveBeenCalled();
        expect(q(mount(), '[data-id="discard"]')).toBeNull();
    });

    it('focuses the first field with an error', () => {
        const element = mount({ errors: [{ field: 'chatObject', text: 'No such object.' }] });
        const input = q(element, '[data-id="chat-object"]') as HTMLElement;
        input.focus = jest.fn();
        (element as unknown as { focusFirstError: () => void }).focusFirstError();
        expect(input.focus).toHaveBeenCalled();
    });

    it('says when profiles cannot be read, or none matches', () => {
        const none = { options: [], matching: 0, countText: '0', moreText: '' };
        const element = mount({ picker: { chosen: none, available: none, unavailable: true } });
        expect(element.shadowRoot?.textContent).toContain('Unreadable');
        expect(qa(element, 'li').map((li) => li.textContent)).toEqual(['None', 'None']);
    });
    it('offers moving directly assigned agents and a separate Online status only when they apply', async () => {
        const element = mount();
        expect(q(element, '[data-id="move-direct-users"]')).toBeNull();
        expect(q(element, '[data-id="separate-online-status"]')).toBeNull();
        Object.assign(element, { offerMoveDirectUsers: true, offerSeparateOnlineStatus: true });
        await Promise.resolve();
        const changes: unknown[] = [];
        element.addEventListener('choicechange', (e) => changes.push((e as CustomEvent).detail));
        const users = q(element, '[data-id="move-direct-users"]');
        expect((users as unknown as { checked: boolean }).checked).toBe(false);
        users?.dispatchEvent(new CustomEvent('change', { detail: { checked: true } }));
        q(element, '[data-id="separate-online-status"]')?.dispatchEvent(
            new CustomEvent('change', { detail: { checked: true } })
        );
        expect(changes).toEqual([
            { field: 'moveDirectUsers', value: true },
            { field: 'separateOnlineStatus', value: true },
        ]);
    });

    it("offers item 5's shared routing choice only when asked, reports the answer and shows its error", async () => {
        const element = mount({
            labels: {
                ...(mount() as unknown as { labels: Record<string, string> }).labels,
                sharedRouting: 'Routing configuration that other queues use too',
            },
        });
        expect(q(element, '[data-id="shared-routing"]')).toBeNull();
        Object.assign(element, {
            sharedRouting: {
                options: [
                    { label: 'Keep', value: 'keep' },
                    { label: 'Update (Support Cases)', value: 'update' },
                    { label: 'Own', value: 'own' },
                ],
                value: 'keep',
            },
        });
        await Promise.resolve();
        const group = q(element, '[data-id="shared-routing"]') as unknown as HTMLElement & {
            label: string;
            value: string;
            options: { value: string }[];
            setCustomValidity: jest.Mock;
            reportValidity: jest.Mock;
        };
        expect(group.label).toBe('Routing configuration that other queues use too');
        expect(group.value).toBe('keep');
        expect(group.options.map((o) => o.value)).toEqual(['keep', 'update', 'own']);
        const changes: unknown[] = [];
        element.addEventListener('choicechange', (e) => changes.push((e as CustomEvent).detail));
        group.dispatchEvent(new CustomEvent('change', { detail: { value: 'own' } }));
        expect(changes).toEqual([{ field: 'sharedRoutingConfig', value: 'own' }]);
        group.setCustomValidity = jest.fn();
        group.reportValidity = jest.fn();
        group.focus = jest.fn();
        Object.assign(element, {
            errors: [{ field: 'sharedRoutingConfig', text: 'Choose keep, update or own (not "x").' }],
        });
        await Promise.resolve();
        expect(group.setCustomValidity).toHaveBeenCalledWith('Choose keep, update or own (not "x").');
        expect(group.reportValidity).toHaveBeenCalled();
        (element as unknown as { focusFirstError: () => void }).focusFirstError();
        expect(group.focus).toHaveBeenCalled();
    });

    it('offers what to add to the chat queue only when item 13 needs it, and a public group picker', async () => {
        const element = mount({
            labels: {
                ...(mount() as unknown as { labels: Record<string, string> }).labels,
                queueMembers: 'Add to the chat queue',
                queueMembersAgentUsers: 'Each agent user',
                queueMembersPublicGroup: 'A public group',
                publicGroup: 'Public group',
                publicGroupPlaceholder: 'Choose…',
                publicGroupsUnavailable: 'Not read',
            },
            publicGroupOptions: [{ label: 'All Service (All_Service)', value: 'All_Service' }],
        });
        expect(q(element, '[data-id="queue-members"]')).toBeNull();
        Object.assign(element, { offerQueueMembers: true });
        await Promise.resolve();
        const changes: unknown[] = [];
        element.addEventListener('choicechange', (e) => changes.push((e as CustomEvent).detail));
        const blurs: unknown[] = [];
        element.addEventListener('choiceblur', (e) => blurs.push((e as CustomEvent).detail));
        const kind = q(element, '[data-id="queue-members"]') as unknown as {
            label: string;
            options: { label: string; value: string }[];
        } & HTMLElement;
        expect(kind.label).toBe('Add to the chat queue');
        expect(kind.options.map((o) => o.label)).toEqual(['Each agent user', 'A public group']);
        expect(q(element, '[data-id="public-group"]')).toBeNull();
        kind.dispatchEvent(new CustomEvent('change', { detail: { value: 'agentUsers' } }));
        kind.dispatchEvent(new CustomEvent('change', { detail: { value: 'publicGroup' } }));
        Object.assign(element, { queueMembersKind: 'publicGroup' });
        await Promise.resolve();
        const picker = q(element, '[data-id="public-group"]') as HTMLSelectElement;
        expect(picker.tagName.toLowerCase()).toBe('select');
        const label = qa(element, 'label').find((l) => l.getAttribute('for') === picker.id);
        expect(label?.textContent).toBe('Public group');
        expect(Array.from(picker.options).map((o) => [o.value, o.textContent?.trim()])).toEqual([
            ['', 'Choose…'],
            ['All_Service', 'All Service (All_Service)'],
        ]);
        picker.value = 'All_Service';
        picker.dispatchEvent(new CustomEvent('change'));
        picker.dispatchEvent(new CustomEvent('blur'));
        expect(changes).toEqual([
            { field: 'queueMembers', value: { kind: 'agentUsers' } },
            { field: 'queueMembers', value: { kind: 'publicGroup', groupDeveloperName: '' } },
            { field: 'queueMembers', value: { kind: 'publicGroup', groupDeveloperName: 'All_Service' } },
        ]);
        expect(blurs).toEqual([{ field: 'queueMembers' }]);
        // The error sits under the picker, linked to it for screen readers, and marks it invalid.
        expect(picker.getAttribute('aria-invalid')).toBe('false');
        Object.assign(element, {
            publicGroup: 'All_Service',
            errors: [{ field: 'queueMembers', text: 'There is no public group X.' }],
        });
        await Promise.resolve();
        const error = q(element, '[data-id="public-group-error"]');
        expect(error?.textContent?.trim()).toBe('There is no public group X.');
        expect(picker.getAttribute('aria-describedby')).toBe(error?.id);
        expect(picker.getAttribute('aria-invalid')).toBe('true');
        expect(picker.value).toBe('All_Service');
        picker.focus = jest.fn();
        (element as unknown as { focusFirstError: () => void }).focusFirstError();
        expect(picker.focus).toHaveBeenCalled();
        // Groups not read: the developer name is typed.
        Object.assign(element, { publicGroupsUnavailable: true });
        await Promise.resolve();
        const typed = q(element, '[data-id="public-group"]') as unknown as { fieldLevelHelp: string } & HTMLElement;
        expect(typed.tagName.toLowerCase()).toBe('lightning-input');
        expect(typed.fieldLevelHelp).toBe('Not read');
    });
});
