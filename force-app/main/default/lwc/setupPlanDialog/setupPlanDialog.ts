import { LightningElement, api } from 'lwc';

export interface PlanDialogLabels {
    readonly title: string;
    readonly intro: string;
    readonly empty: string;
    readonly confirm: string;
    readonly cancel: string;
    readonly orgWide: string;
}

/**
 * The plan shown before anything is written: the list of planned changes, and Confirm / Cancel. Enabling
 * Omni-Channel needs its own tick before Confirm is enabled. Focus moves into the dialog when it opens; Escape
 * cancels.
 */
export default class SetupPlanDialog extends LightningElement {
    @api lines: readonly { key: string; text: string }[] = [];
    @api needsOrgWideConfirmation = false;
    @api labels?: PlanDialogLabels;

    orgWideConfirmed = false;
    private focused = false;

    get isEmpty(): boolean {
        return this.lines.length === 0;
    }

    get confirmDisabled(): boolean {
        return this.isEmpty || (this.needsOrgWideConfirmation && !this.orgWideConfirmed);
    }

    override renderedCallback(): void {
        if (this.focused) return;
        const heading = this.template?.querySelector<HTMLElement>('[data-id="heading"]');
        if (heading) {
            heading.focus();
            this.focused = true;
        }
    }

    handleOrgWide(event: CustomEvent<{ checked: boolean }>): void {
        this.orgWideConfirmed = Boolean(
            (event.target as unknown as { checked: boolean }).checked ?? event.detail?.checked
        );
    }

    handleKeydown(event: KeyboardEvent): void {
        if (event.key === 'Escape') this.handleCancel();
    }

    handleCancel(): void {
        this.dispatchEvent(new CustomEvent('cancel'));
    }

    handleConfirm(): void {
        if (this.confirmDisabled) return;
        this.dispatchEvent(new CustomEvent('confirm', { detail: { confirmOrgWide: this.orgWideConfirmed } }));
    }
}
