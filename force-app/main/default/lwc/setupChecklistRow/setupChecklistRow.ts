import { LightningElement, api } from 'lwc';
import type { RowView } from 'c/checklistView';

/**
 * One checklist item: status (the icon is decorative, the badge says it), title, reason, the last failed attempt,
 * a link to its Setup page, the Fix button (named after its item) or why there is none, and its details.
 */
export default class SetupChecklistRow extends LightningElement {
    @api row?: RowView;
    @api expanded = false;
    /** True while a fix runs or the user cannot fix: no Fix button. */
    @api disabled = false;
    @api showDetailsLabel = 'Show details';
    @api hideDetailsLabel = 'Hide details';
    @api fixLabel = 'Fix';
    @api showAllLabel = 'Show all';
    @api showFewerLabel = 'Show fewer';

    /** True while the reason names every name (its lists are cut to "and N more" otherwise). */
    reasonOpen = false;

    get reasonShown(): string {
        return this.reasonOpen && this.row?.reasonFull ? this.row.reasonFull : (this.row?.reason ?? '');
    }

    get reasonCut(): boolean {
        return Boolean(this.row?.reasonFull);
    }

    get reasonToggleLabel(): string {
        return this.reasonOpen ? this.showFewerLabel : this.showAllLabel;
    }

    get reasonOpenText(): string {
        return String(this.reasonOpen);
    }

    handleReasonToggle(): void {
        this.reasonOpen = !this.reasonOpen;
    }

    /** True while the details show every line (they are cut to a first page and "and N more lines" otherwise). */
    detailsAll = false;

    get detailsShown(): RowView['details'] {
        if (!this.row) return [];
        return this.detailsAll ? this.row.details : this.row.detailsFirst;
    }

    get detailsCut(): boolean {
        return Boolean(this.row?.detailsMoreText);
    }

    get detailsMoreShown(): boolean {
        return !this.detailsAll;
    }

    get detailsAllLabel(): string {
        return this.detailsAll ? this.showFewerLabel : this.showAllLabel;
    }

    get detailsAllText(): string {
        return String(this.detailsAll);
    }

    handleDetailsAllToggle(): void {
        this.detailsAll = !this.detailsAll;
    }

    get showFix(): boolean {
        return Boolean(this.row?.fixable) && !this.disabled;
    }

    get detailsId(): string {
        return `details-${this.row?.id ?? ''}`;
    }

    get toggleLabel(): string {
        return this.expanded ? this.hideDetailsLabel : this.showDetailsLabel;
    }

    /** "Copied." for screen readers after a copy button was used. */
    copied = '';

    /** Copies one value of the connection assistant to the clipboard (without one, the value stays to select). */
    handleCopy(event: Event): Promise<void> {
        const value = (event.currentTarget as HTMLElement).dataset.value ?? '';
        const clipboard = typeof navigator === 'undefined' ? undefined : navigator.clipboard;
        if (!clipboard) return Promise.resolve();
        return clipboard.writeText(value).then(
            () => {
                this.copied = this.row?.copiedText ?? '';
            },
            () => {
                this.copied = '';
            }
        );
    }

    get collapsed(): boolean {
        return !this.expanded;
    }

    /** Moves the focus to this item's Fix button (after the plan dialog it opened closes). */
    @api
    focusFix(): void {
        this.template?.querySelector<HTMLElement>('[data-id="fix"]')?.focus();
    }

    get ariaExpanded(): string {
        return String(this.expanded);
    }

    get toggleIcon(): string {
        return this.expanded ? 'utility:chevrondown' : 'utility:chevronright';
    }

    get rowClass(): string {
        return `slds-item slds-p-vertical_small row row_${this.row?.status ?? 'unknown'}`;
    }

    handleFix(): void {
        this.dispatchEvent(new CustomEvent('fix', { detail: { id: this.row?.id } }));
    }

    handleToggle(): void {
        this.dispatchEvent(new CustomEvent('toggle', { detail: { id: this.row?.id } }));
    }
}
