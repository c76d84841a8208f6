import { createElement } from 'lwc';
import SetupChoices from 'c/setupChoices';

function mount(props: Record<string, unknown> = {}): HTMLElement {
    const element = createElement('c-setup-choices', { is: SetupChoices });
    Object.assign(element, {
        labels: {
            title: 'Choices',
            capacity: 'Capacity',
            capacityHelp: 'Units',
            chatObject: 'Object',
            agentProfiles: 'Agents',
            availableProfiles: 'Profiles',
            search: 'Search',
            move: 'Move',
            save: 'Save',
        },
        ...props,
    });
    document.body.appendChild(element);
    return element;
}

const q = (el: HTMLElement, sel: string) => el.shadowRoot?.querySelector(sel) as HTMLElement | null;

describe('c-setup-choices', () => {
    afterEach(() => {
        while (document.body.firstChild) document.body.removeChild(document.body.firstChild);
    });

    it('reports each change with its field', () => {
        const element = mount({ capacity: 5 });
        const changes: unknown[] = [];
        element.addEventListener('choicechange', (e) => changes.push((e as CustomEvent).detail));
        const search = jest.fn();
        element.addEventListener('profilesearch', search);
        const save = jest.fn();
        element.addEventListener('save', save);
        q(element, '[data-id="capacity"]')?.dispatchEvent(new CustomEvent('change', { detail: { value: '3' } }));
        q(element, '[data-id="chat-object"]')?.dispatchEvent(new CustomEvent('change', { detail: { value: 'Case' } }));
        q(element, '[data-id="profiles"]')?.dispatchEvent(new CustomEvent('change', { detail: { value: ['a'] } }));
        q(element, '[data-id="search"]')?.dispatchEvent(new CustomEvent('change', { detail: { value: 'sup' } }));
        q(element, '[data-id="save"]')?.click();
        expect(changes).toEqual([
            { field: 'capacity', value: '3' },
            { field: 'chatObject', value: 'Case' },
            { field: 'agentProfileIds', value: ['a'] },
        ]);
        expect(search.mock.calls[0][0].detail).toEqual({ term: 'sup' });
        expect(save).toHaveBeenCalledTimes(1);
        expect((q(element, '[data-id="capacity"]') as unknown as { value: string }).value).toBe('5');
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

    it('shows the move choices only when a profile sits in another configuration', async () => {
        const element = mount();
        expect(q(element, '[data-id="moves"]')).toBeNull();
        Object.assign(element, { moveOptions: [{ label: 'Support (now in Sales)', value: 'p' }] });
        await Promise.resolve();
        const moves: unknown[] = [];
        element.addEventListener('choicechange', (e) => moves.push((e as CustomEvent).detail));
        q(element, '[data-id="moves"]')?.dispatchEvent(new CustomEvent('change', { detail: { value: ['p'] } }));
        expect(moves).toEqual([{ field: 'moveProfileIds', value: ['p'] }]);
    });

    it('shows each error under its field', () => {
        const element = mount({
            errors: [
                { field: 'capacity', text: 'Enter a whole number.' },
                { field: 'agentProfileIds', text: 'Unknown profile.' },
                { field: 'names.queue.label', text: 'Bad label.' },
            ],
        });
        expect(q(element, '[data-id="capacity-error"]')?.textContent?.trim()).toBe('Enter a whole number.');
        expect(q(element, '[data-id="capacity-error"]')?.getAttribute('role')).toBe('alert');
        expect(q(element, '[data-id="profiles-error"]')?.textContent?.trim()).toBe('Unknown profile. Bad label.');
        expect(q(element, '[data-id="chat-object-error"]')).toBeNull();
    });
});
