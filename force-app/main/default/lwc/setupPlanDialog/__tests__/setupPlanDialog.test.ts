import { createElement } from 'lwc';
import SetupPlanDialog from 'c/setupPlanDialog';

const LABELS = {
    title: 'Planned changes',
    intro: 'Intro',
    empty: 'Nothing',
    confirm: 'Go',
    cancel: 'Cancel',
    close: 'Close',
    orgWide: 'I understand',
    showAll: 'Show all',
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

    it('says when there is nothing to change and cannot confirm', () => {
        const element = mount({ lines: [] });
        expect(q(element, '[data-id="intro"]')?.textContent).toBe('Nothing');
        expect(q(element, '[data-id="plan"]')).toBeNull();
        expect((q(element, '[data-id="confirm"]') as unknown as { disabled: boolean }).disabled).toBe(true);
    });
});
