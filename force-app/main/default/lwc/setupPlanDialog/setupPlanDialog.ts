import { LightningElement, api } from 'lwc';
import type { PlanChoices, PlanLine, StillNeeded } from 'c/planView';

export interface PlanDialogLabels {
    readonly title: string;
    readonly intro: string;
    readonly empty: string;
    readonly confirm: string;
    readonly cancel: string;
    readonly close: string;
    readonly orgWide: string;
    readonly showAll: string;
    readonly choicesTitle?: string;
    readonly queueMembers?: string;
    readonly publicGroup?: string;
    readonly publicGroupPlaceholder?: string;
    readonly sharedRouting?: string;
    readonly capacity?: string;
    readonly move?: string;
    readonly stillNeeded?: string;
    /** The heading of a change's record changes, and the expander of their rows. */
    readonly records?: string;
    readonly showFewer?: string;
}

/** One kind of record change as the dialog shows it: cut or whole, with its expander when it was cut. */
interface ShownRecords {
    readonly key: string;
    readonly text: string;
    readonly expander?: { readonly label: string; readonly expanded: string };
}

interface Focusable {
    focus(): void;
}

/**
 * The plan shown before anything is written, as a modal dialog: the planned changes (long profile lists cut to
 * "and N more" with a button to show them all), under each the record changes it makes (how many rows of which
 * object, the first rows named, the rest behind Show all / Show fewer), and Confirm / Cancel / Close. Enabling Omni-Channel needs its own
 * tick before Confirm is enabled. Focus moves into the dialog when it opens and stays there (Tab wraps round);
 * Escape or Close cancels, and the page puts the focus back on the button that opened the dialog.
 */
export default class SetupPlanDialog extends LightningElement {
    @api lines: readonly PlanLine[] = [];
    @api needsOrgWideConfirmation = false;
    @api labels?: PlanDialogLabels;
    /** The open choices asked here, before the changes (Fix all): each answer re-plans the lines. */
    @api choices: PlanChoices = {};
    /** What will still need the admin after these changes: manual steps and items no change fixes. */
    @api stillNeeded: readonly StillNeeded[] = [];

    orgWideConfirmed = false;
    expandedKeys: string[] = [];
    /** Record changes shown with every row (their expander toggles). */
    expandedRecords: string[] = [];
    private focused = false;

    get hasChoices(): boolean {
        const c = this.choices ?? {};
        return Boolean(c.queueMembers || c.sharedRouting || c.capacity || c.moves);
    }

    get showStillNeeded(): boolean {
        return (this.stillNeeded ?? []).length > 0;
    }

    get shownLines(): {
        key: string;
        text: string;
        apiNames: string;
        more?: { text: string };
        values?: PlanLine['values'];
        records?: ShownRecords[];
    }[] {
        return this.lines.map((line) => {
            const expanded = this.expandedKeys.includes(line.key);
            return {
                key: line.key,
                text: expanded && line.fullText ? line.fullText : line.text,
                apiNames: line.apiNames ?? '',
                more: !expanded && line.moreText ? { text: line.moreText } : undefined,
                values: line.values,
                records: line.records?.map((r) => this.shownRecords(r)),
            };
        });
    }

    private shownRecords(records: NonNullable<PlanLine['records']>[number]): ShownRecords {
        if (!records.fullText) return { key: records.key, text: records.text };
        const open = this.expandedRecords.includes(records.key);
        return {
            key: records.key,
            text: open ? records.fullText : records.text,
            expander: {
                label: (open ? this.labels?.showFewer : this.labels?.showAll) ?? '',
                expanded: String(open),
            },
        };
    }

    get introText(): string {
        return (this.isEmpty ? this.labels?.empty : this.labels?.intro) ?? '';
    }

    get hasLines(): boolean {
        return !this.isEmpty;
    }

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

    /** The dialog's controls in Tab order; Confirm only while it is enabled. */
    private controls(): Focusable[] {
        const ids = [
            'close',
            'plan-shared-routing',
            'plan-queue-members',
            'plan-public-group',
            'plan-capacity',
            'plan-moves',
            'show-all',
            'records-toggle',
            'still-needed-link',
            'org-wide',
            'cancel',
            ...(this.confirmDisabled ? [] : ['confirm']),
        ];
        return ids.flatMap((id) =>
            Array.from(this.template?.querySelectorAll<HTMLElement>(`[data-id="${id}"]`) ?? [])
        ) as unknown as Focusable[];
    }

    handleFocusStart(): void {
        const controls = this.controls();
        controls[controls.length - 1]?.focus();
    }

    handleFocusEnd(): void {
        this.controls()[0]?.focus();
    }

    handleExpand(event: Event): void {
        const key = (event.currentTarget as HTMLElement).dataset.key;
        if (key) this.expandedKeys = [...this.expandedKeys, key];
    }

    handleRecordsToggle(event: Event): void {
        const key = (event.currentTarget as HTMLElement).dataset.key;
        if (!key) return;
        this.expandedRecords = this.expandedRecords.includes(key)
            ? this.expandedRecords.filter((k) => k !== key)
            : [...this.expandedRecords, key];
    }

    private emitChoice(field: string, value: unknown): void {
        this.dispatchEvent(new CustomEvent('choicechange', { detail: { field, value } }));
    }

    handleQueueMembers(event: CustomEvent<{ value: string }>): void {
        this.emitChoice('queueMembers', event.detail.value);
    }

    /** The org's public groups for the select, the chosen one selected. */
    get publicGroupChoices(): { label: string; value: string; selected: boolean }[] {
        const groups = this.choices?.queueMembers?.groups;
        return (groups?.options ?? []).map((o) => ({ ...o, selected: o.value === groups?.value }));
    }

    handlePublicGroup(event: Event): void {
        this.emitChoice('publicGroup', (event.target as HTMLSelectElement).value);
    }

    handleSharedRouting(event: CustomEvent<{ value: string }>): void {
        this.emitChoice('sharedRoutingConfig', event.detail.value);
    }

    handleCapacity(event: CustomEvent<{ value: string }>): void {
        this.emitChoice('capacity', event.detail.value);
    }

    handleMoves(event: CustomEvent<{ value: string[] }>): void {
        this.emitChoice('moveProfileIds', event.detail.value);
    }

    handleOrgWide(event: CustomEvent<{ checked: boolean }>): void {
        this.orgWideConfirmed = Boolean(
            (event.target as unknown as { checked: boolean }).checked ?? event.detail?.checked
        );
    }

    handleKeydown(event: KeyboardEvent): void {
        if (event.key === 'Escape') {
            event.stopPropagation();
            this.handleCancel();
        }
    }

    handleCancel(): void {
        this.dispatchEvent(new CustomEvent('cancel'));
    }

    handleConfirm(): void {
        if (this.confirmDisabled) return;
        this.dispatchEvent(new CustomEvent('confirm', { detail: { confirmOrgWide: this.orgWideConfirmed } }));
    }
}
