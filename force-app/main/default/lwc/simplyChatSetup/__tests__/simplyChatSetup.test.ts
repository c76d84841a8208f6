import { createElement } from 'lwc';
import SimplyChatSetup from 'c/simplyChatSetup';

jest.mock('@salesforce/label/c.SC_Setup_Title', () => ({ default: 'SimplyChat Setup' }), { virtual: true });
jest.mock(
    '@salesforce/label/c.SC_Setup_Subtitle',
    () => ({ default: 'Check and fix everything SimplyChat needs in Omni-Channel.' }),
    { virtual: true }
);

describe('c-simply-chat-setup', () => {
    afterEach(() => {
        while (document.body.firstChild) document.body.removeChild(document.body.firstChild);
    });

    function mount(): HTMLElement {
        const element = createElement('c-simply-chat-setup', { is: SimplyChatSetup });
        document.body.appendChild(element);
        return element;
    }

    it('shows the page title from its custom label on the card', () => {
        const element = mount();
        const card = element.shadowRoot?.querySelector('lightning-card') as (HTMLElement & { title: string }) | null;
        expect(card).not.toBeNull();
        expect(card?.title).toBe('SimplyChat Setup');
        expect(card?.getAttribute('icon-name') ?? (card as unknown as { iconName: string }).iconName).toBe(
            'standard:omni_supervisor'
        );
    });

    it('shows the subtitle from its custom label', () => {
        const element = mount();
        const subtitle = element.shadowRoot?.querySelector('[data-id="subtitle"]');
        expect(subtitle?.textContent).toBe('Check and fix everything SimplyChat needs in Omni-Channel.');
    });
});
