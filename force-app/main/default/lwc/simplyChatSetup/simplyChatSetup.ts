import { LightningElement } from 'lwc';
import { ShowToastEvent } from 'lightning/platformShowToastEvent';
import getSnapshot from '@salesforce/apex/SetupSnapshotController.getSnapshot';
import saveChoices from '@salesforce/apex/SetupSnapshotController.saveChoices';
import applyOperations from '@salesforce/apex/SetupOperationsController.applyOperations';
import testConnection from '@salesforce/apex/SetupOperationsController.testConnection';
import { LABELS } from 'c/setupLabels';
import type { ItemId, Operation, OrgSnapshot, SetupChoices } from 'c/setupEngine';
import {
    batches,
    capacityHelp,
    format,
    moveOptions,
    pageView,
    parseCapacity,
    planView,
    profileOptions,
    report,
    serverError,
    summarize,
    type ApplySummary,
    type ChoiceErrorView,
    type OperationResult,
    type PageView,
    uiText,
} from 'c/setupViewModel';

interface PlanState {
    readonly operations: Operation[];
    readonly lines: readonly { key: string; text: string }[];
    readonly needsOrgWideConfirmation: boolean;
}

/**
 * The SimplyChat Setup tab: the checklist with each item's status and reason, the admin's choices, a plan shown
 * before anything is written, progress while fixing, per-change results, and a report for support. All decisions
 * are in c/setupViewModel and c/setupEngine; this component holds state and talks to Apex.
 */
export default class SimplyChatSetup extends LightningElement {
    readonly labels = LABELS;
    readonly text = uiText(LABELS);

    loading = true;
    loadError = '';
    snapshot?: OrgSnapshot;
    choices?: SetupChoices;
    choiceErrorViews: ChoiceErrorView[] = [];
    profileSearch = '';
    expandedIds: string[] = [];
    planState?: PlanState;
    applying?: { done: number; total: number };
    summary?: ApplySummary;
    saving = false;

    override connectedCallback(): void {
        this.load();
    }

    /** Reads the org (one Apex call), then tests the API connection for fixes without blocking the checklist. */
    async load(): Promise<void> {
        this.loading = true;
        this.loadError = '';
        try {
            const snapshot = await getSnapshot();
            this.snapshot = snapshot;
            this.choices = snapshot.choices;
            this.loading = false;
            const apiAccess = await testConnection().catch(() => undefined);
            if (apiAccess && this.snapshot === snapshot) this.snapshot = { ...snapshot, apiAccess };
        } catch (error) {
            this.loadError = format(this.labels, 'ui.loadFailed', { message: serverError(this.labels, error).message });
        } finally {
            this.loading = false;
        }
    }

    // ------------------------------------------------------------------------------------------ view state

    get page(): PageView | undefined {
        return this.snapshot && this.choices ? pageView(this.labels, this.snapshot, this.choices) : undefined;
    }

    get rows(): { key: string; row: PageView['rows'][number]; expanded: boolean }[] {
        return (this.page?.rows ?? []).map((row) => ({
            key: row.id,
            row,
            expanded: this.expandedIds.includes(row.id),
        }));
    }

    get busy(): boolean {
        return Boolean(this.applying) || this.saving || this.loading;
    }

    get fixAllDisabled(): boolean {
        return this.busy || !this.page?.canFixAny;
    }

    get showChoices(): boolean {
        return Boolean(this.page) && !this.page?.readOnlyText;
    }

    get choicesLabels(): Record<string, string> {
        const l = (key: string): string => format(this.labels, key);
        return {
            title: l('ui.choices.title'),
            capacity: l('ui.choices.capacity'),
            capacityHelp: capacityHelp(this.labels),
            chatObject: l('ui.choices.chatObject'),
            agentProfiles: l('ui.choices.agentProfiles'),
            availableProfiles: l('ui.choices.availableProfiles'),
            search: l('ui.choices.search'),
            move: l('ui.choices.move'),
            moveDirectUsers: l('ui.choices.moveDirectUsers'),
            separateOnlineStatus: l('ui.choices.separateOnlineStatus'),
            save: l('ui.choices.save'),
        };
    }

    get planLabels(): Record<string, string> {
        const l = (key: string): string => format(this.labels, key);
        return {
            title: l('ui.plan.title'),
            intro: l('ui.plan.intro'),
            empty: l('ui.plan.empty'),
            confirm: l('ui.plan.confirm'),
            cancel: l('ui.plan.cancel'),
            orgWide: l('ui.plan.orgWide'),
        };
    }

    get profileChoices(): { label: string; value: string }[] {
        return this.snapshot && this.choices
            ? profileOptions(this.labels, this.snapshot, this.choices.agentProfileIds, this.profileSearch)
            : [];
    }

    get moveChoices(): { label: string; value: string }[] {
        return moveOptions(this.labels, this.page?.items ?? []);
    }

    /** Offered only when the checklist needs the choice (agents assigned directly elsewhere). */
    get offerMoveDirectUsers(): boolean {
        return (this.page?.items ?? []).some((i) => i.needs.includes('moveUsers')) || !!this.choices?.moveDirectUsers;
    }

    /** Offered only when the agents already use Online statuses that SimplyChat would join. */
    get offerSeparateOnlineStatus(): boolean {
        return (
            (this.page?.items ?? []).some((i) => i.needs.includes('onlineStatusMode')) ||
            !!this.choices?.separateOnlineStatus
        );
    }

    get applyingText(): string {
        return this.applying
            ? format(this.labels, 'ui.apply.progress', { done: this.applying.done, total: this.applying.total })
            : '';
    }

    get applyingValue(): number {
        return this.applying && this.applying.total > 0
            ? Math.round((this.applying.done / this.applying.total) * 100)
            : 0;
    }

    get summaryClass(): string {
        const theme = { success: 'slds-theme_success', warning: 'slds-theme_warning', error: 'slds-theme_error' }[
            this.summary?.toastVariant ?? 'success'
        ];
        return `slds-notify slds-notify_alert slds-m-vertical_small ${theme}`;
    }

    get reportTextHref(): string {
        return this.reportHref('text');
    }

    get reportJsonHref(): string {
        return this.reportHref('json');
    }

    private reportHref(kind: 'text' | 'json'): string {
        const page = this.page;
        if (!this.snapshot || !page) return '';
        const type = kind === 'json' ? 'application/json' : 'text/plain';
        return `data:${type};charset=utf-8,${encodeURIComponent(report(this.labels, this.snapshot, page.items, kind))}`;
    }

    // ------------------------------------------------------------------------------------------- handlers

    handleRecheck(): void {
        this.summary = undefined;
        this.load();
    }

    handleToggle(event: CustomEvent<{ id: string }>): void {
        const id = event.detail.id;
        this.expandedIds = this.expandedIds.includes(id)
            ? this.expandedIds.filter((x) => x !== id)
            : [...this.expandedIds, id];
    }

    handleChoiceChange(event: CustomEvent<{ field: string; value: unknown }>): void {
        if (!this.choices) return;
        const { field, value } = event.detail;
        if (field === 'capacity') this.choices = { ...this.choices, capacity: parseCapacity(value as string) };
        else if (field === 'chatObject') this.choices = { ...this.choices, chatObject: String(value ?? '').trim() };
        else if (field === 'agentProfileIds') {
            const agents = [...(value as string[])];
            this.choices = {
                ...this.choices,
                agentProfileIds: agents,
                moveProfileIds: this.choices.moveProfileIds.filter((id) => agents.includes(id)),
            };
        } else if (field === 'moveProfileIds')
            this.choices = { ...this.choices, moveProfileIds: [...(value as string[])] };
        else if (field === 'moveDirectUsers') this.choices = { ...this.choices, moveDirectUsers: value === true };
        else if (field === 'separateOnlineStatus')
            this.choices = { ...this.choices, separateOnlineStatus: value === true };
        this.choiceErrorViews = [];
    }

    handleProfileSearch(event: CustomEvent<{ term: string }>): void {
        this.profileSearch = event.detail.term;
    }

    async handleSaveChoices(): Promise<void> {
        if (await this.saveChoicesIfChanged(true)) this.toast(format(this.labels, 'ui.choices.saved'), '', 'success');
    }

    handleFix(event: CustomEvent<{ id: ItemId }>): void {
        this.openPlan([event.detail.id]);
    }

    handleFixAll(): void {
        this.openPlan('all');
    }

    handlePlanCancel(): void {
        this.planState = undefined;
        this.focusOn('[data-id="fix-all"]');
    }

    async handlePlanConfirm(event: CustomEvent<{ confirmOrgWide: boolean }>): Promise<void> {
        const planned = this.planState;
        this.planState = undefined;
        if (!planned) return;
        if (!(await this.saveChoicesIfChanged(false))) return;
        await this.apply(planned.operations, event.detail.confirmOrgWide);
    }

    // ---------------------------------------------------------------------------------------------- work

    private openPlan(itemIds: readonly ItemId[] | 'all'): void {
        if (!this.snapshot || !this.choices) return;
        this.summary = undefined;
        const planned = planView(this.labels, this.snapshot, itemIds, this.choices);
        if (!planned.ok) {
            this.choiceErrorViews = planned.errors;
            return;
        }
        this.choiceErrorViews = [];
        this.planState = {
            operations: planned.operations,
            lines: planned.lines,
            needsOrgWideConfirmation: planned.needsOrgWideConfirmation,
        };
    }

    /** Saves the choices when they differ from the saved ones; server errors show inline. True when saved or unchanged. */
    private async saveChoicesIfChanged(always: boolean): Promise<boolean> {
        if (!this.snapshot || !this.choices) return false;
        if (!always && JSON.stringify(this.choices) === JSON.stringify(this.snapshot.choices)) return true;
        this.saving = true;
        try {
            const saved = await saveChoices({ choices: this.choices });
            this.snapshot = { ...this.snapshot, choices: saved };
            this.choices = saved;
            return true;
        } catch (error) {
            const problem = serverError(this.labels, error);
            this.choiceErrorViews = problem.fieldErrors;
            this.toast(format(this.labels, 'ui.toast.error'), problem.message, 'error');
            return false;
        } finally {
            this.saving = false;
        }
    }

    /**
     * Sends the planned operations in small batches, showing progress; stops at the first failure; sends deferred
     * operations again; then shows what changed and what did not, and checks the org again.
     */
    private async apply(operations: Operation[], confirmOrgWide: boolean): Promise<void> {
        const results: OperationResult[] = [];
        this.applying = { done: 0, total: operations.length };
        let failure: string | undefined;
        try {
            // One operation per call: progress moves per operation, and a failure stops the rest at once.
            let queue = batches(
                operations.map((op, index) => ({ op, index })),
                1
            );
            while (queue.length > 0 && !failure) {
                const batch = queue.shift() ?? [];
                // Batches run one after another and stop at the first failure.
                // eslint-disable-next-line no-await-in-loop
                const response = await applyOperations({
                    operationsJson: JSON.stringify(batch.map((b) => b.op)),
                    confirmOrgWide,
                });
                const outcome = SimplyChatSetup.record(batch, response.results, results);
                failure = outcome.failure;
                if (outcome.deferred.length > 0) queue = [outcome.deferred, ...queue];
                this.applying = {
                    done: results.filter((r) => r && r.status === 'done').length,
                    total: operations.length,
                };
            }
            const summary = summarize(this.labels, operations, results);
            this.summary = summary;
            this.toast(summary.toastTitle, summary.message, summary.toastVariant);
        } catch (error) {
            const problem = serverError(this.labels, error);
            this.summary = {
                ...summarize(this.labels, operations, results),
                message: format(this.labels, 'ui.result.failure', { message: problem.message }),
                outcome: 'failure',
                toastVariant: 'error',
            };
            this.toast(format(this.labels, 'ui.toast.error'), problem.message, 'error');
        } finally {
            this.applying = undefined;
        }
        const summary = this.summary;
        await this.load();
        this.summary = summary;
        this.focusOn('[data-id="summary"]');
    }

    /**
     * Files one batch's results by operation index. Deferred operations (transaction limits) are returned to send
     * again; when a whole batch is deferred nothing fits any more, so they are reported as not run.
     */
    private static record(
        batch: { op: Operation; index: number }[],
        batchResults: OperationResult[],
        results: OperationResult[]
    ): { failure?: string; deferred: { op: Operation; index: number }[] } {
        let failure: string | undefined;
        const deferred: { op: Operation; index: number }[] = [];
        batchResults.forEach((result, i) => {
            const entry = batch[i];
            if (result.status === 'notRun' && result.error?.key === 'result.notRun.deferred') deferred.push(entry);
            else results[entry.index] = { ...result, index: entry.index };
            if (result.status === 'failed') failure = result.error?.key ?? 'failed';
        });
        if (deferred.length > 0 && deferred.length === batch.length) {
            for (const d of deferred) {
                results[d.index] = {
                    index: d.index,
                    kind: d.op.kind,
                    itemId: d.op.itemId,
                    status: 'notRun',
                    changed: [],
                };
            }
            return { failure: 'result.notRun.deferred', deferred: [] };
        }
        return { failure, deferred };
    }

    private toast(title: string, message: string, variant: 'success' | 'warning' | 'error'): void {
        this.dispatchEvent(new ShowToastEvent({ title, message, variant }));
    }

    private focusOn(selector: string): void {
        // After the next render: the element may only appear then.
        Promise.resolve().then(() => this.template?.querySelector<HTMLElement>(selector)?.focus());
    }
}
