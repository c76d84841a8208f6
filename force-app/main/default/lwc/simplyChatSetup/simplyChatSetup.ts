import { LightningElement } from 'lwc';
import { ShowToastEvent } from 'lightning/platformShowToastEvent';
import LOCALE from '@salesforce/i18n/locale';
import getSnapshot from '@salesforce/apex/SetupSnapshotController.getSnapshot';
import getSettledParts from '@salesforce/apex/SetupSnapshotController.getSettledParts';
import saveChoices from '@salesforce/apex/SetupSnapshotController.saveChoices';
import applyOperations from '@salesforce/apex/SetupOperationsController.applyOperations';
import testConnection from '@salesforce/apex/SetupOperationsController.testConnection';
import getConnectionStatus from '@salesforce/apex/ConnectionStatusController.getConnectionStatus';
import getUtilityBars from '@salesforce/apex/SetupAgentsController.getUtilityBars';
import getAgents from '@salesforce/apex/SetupAgentsController.getAgents';
import {
    checklistAgents,
    countAgents,
    needsUtilityBars,
    withUtilityBars,
    type AgentCounts,
    type ChecklistAgents,
    type ChecklistAgentsView,
} from 'c/agentsViewModel';
import { LABELS } from 'c/setupLabels';
import {
    agentReadiness,
    awaitingSettledParts,
    changeRequests,
    operationDependencies,
    settle,
    withSettledParts,
    type ConnectionStatus,
    type ItemId,
    type Operation,
    type OrgSnapshot,
    type QueueMembersChoice,
    type SettledParts,
    type SetupChoices,
} from 'c/setupEngine';
import {
    batches,
    planChoices,
    planView,
    stillNeeded,
    summarize,
    withPlanChoice,
    type ApplySummary,
    type OperationResult,
    type PlanChoices,
    type PlanLine,
    type StillNeeded,
} from 'c/planView';
import {
    capacityHelp,
    capacityWarning,
    choicesSummary,
    isDraft,
    moveOptions,
    parseCapacity,
    publicGroupOptions,
    sharedRoutingOptions,
    visibleChoiceErrors,
} from 'c/choicesView';
import { format, serverError, withLocale, type ChoiceErrorView } from 'c/setupText';
import { pageView, report, uiText, type Failures, type PageView } from 'c/checklistView';

interface PlanState {
    readonly itemIds: readonly ItemId[] | 'all';
    /** The choices this plan is made on: the saved ones, with the answers given in the dialog. */
    readonly choices: SetupChoices;
    readonly operations: Operation[];
    readonly lines: readonly PlanLine[];
    readonly needsOrgWideConfirmation: boolean;
    readonly askChoices: PlanChoices;
    readonly stillNeeded: readonly StillNeeded[];
}

interface Queued {
    readonly op: Operation;
    readonly index: number;
}

/** Operations per applyOperations call: progress shows between calls; Apex defers what one transaction cannot do. */
export const BATCH_SIZE = 5;

/**
 * Characters of planned changes per applyOperations call past which the next change goes in the next call: Apex
 * holds the request and its parsed changes in a 6 MB heap (a grant of 1,000 profiles alone is about 600,000; it goes
 * alone).
 */
export const CALL_CHARACTERS = 300_000;

/** The page worked out once per snapshot and failures, not once per getter and render. */
const PAGE_CACHE = new WeakMap<OrgSnapshot, { failures: Failures; connection?: ConnectionStatus; page: PageView }>();

/**
 * The SimplyChat Setup tab: the checklist (on the saved choices) grouped as in Salesforce Setup with its progress
 * ring, the admin's choices as a draft until saved, a plan shown in a modal before anything is written, progress
 * while fixing, each failure on its item with "Retry failed", and a report for support. All decisions are in
 * the view modules (c/checklistView, c/choicesView, c/planView) and c/setupEngine; this component holds state and talks to Apex.
 */
export default class SimplyChatSetup extends LightningElement {
    readonly labels = withLocale(LABELS, LOCALE);
    readonly text = uiText(this.labels);

    loading = true;
    /**
     * False from the start of a load until its follow-up reads (connection test, utility bars, connection steps) are
     * in: the checklist may still change until then. Shown as `data-settled` for browser tests to wait on.
     */
    settled = false;
    loadError = '';
    snapshot?: OrgSnapshot;
    /** The choices being edited; the checklist uses snapshot.choices (the saved ones). */
    draft?: SetupChoices;
    capacityText = '';
    touched: string[] = [];
    showAllErrors = false;
    serverErrors: ChoiceErrorView[] = [];
    choicesOpen = false;
    expandedIds: string[] = [];
    failures: Failures = {};
    /** The connection steps' states in the org: read once per load, when item 1's assistant shows. */
    connectionStatus?: ConnectionStatus;
    private connectionStatusLoad?: Promise<void>;
    planState?: PlanState;
    /** What opened the plan: 'fix-all', 'retry-failed' or an item id; focus returns there on Cancel. */
    opener = '';
    applying?: { done: number; total: number };
    summary?: ApplySummary;
    saving = false;
    /** The Agents view is read when the admin first opens it, then kept (its rows follow the snapshot). */
    agentsOpened = false;
    /** The Live view is made when first opened and reads only while it is the view shown. */
    liveOpened = false;
    /** The view shown: the checklist, the Agents view or the Live view. */
    activeView = 'checklist';
    /** Counts up each time the checklist sends the admin to the agents who are not ready (the view filters then). */
    showNotReadyAgents = 0;
    /**
     * The agents as the checklist counts them: read once every item passes (only then can they all be ready), so
     * that "everything is ready" means agents get chats.
     */
    agents: ChecklistAgents = { state: 'notRead' };
    private agentsRead = 0;

    override connectedCallback(): void {
        this.load();
    }

    /**
     * Reads the org in two phases: the base parts (getSnapshot), then, by the Ids the engine settles on, the parts
     * that depend on them (getSettledParts: the queue's members); the checklist shows meanwhile, those items saying
     * they are being read. Then tests the API connection for fixes without blocking the checklist.
     */
    async load(): Promise<void> {
        this.loading = true;
        this.settled = false;
        this.loadError = '';
        this.connectionStatus = undefined;
        this.connectionStatusLoad = undefined;
        try {
            const base = awaitingSettledParts(await getSnapshot());
            this.snapshot = base;
            if (!this.draft || !isDraft(this.savedChoices(), this.draft)) this.resetDraft(base.choices);
            this.loading = false;
            await this.loadSettledParts();
            const snapshot = this.snapshot;
            const apiAccess = await testConnection().catch(() => undefined);
            if (apiAccess && this.snapshot === snapshot) this.snapshot = { ...snapshot, apiAccess };
            await this.loadUtilityBars();
            await Promise.all([this.loadConnectionStatus(), this.countAgents()]);
        } catch (error) {
            this.loadError = format(this.labels, 'ui.loadFailed', { message: serverError(this.labels, error).message });
        } finally {
            this.loading = false;
            this.settled = true;
        }
    }

    /** `data-settled` of the checklist header: 'true' once the load and its follow-up reads are in. */
    get settledText(): string {
        return String(this.settled);
    }

    /**
     * Reads each connection step's state in the org (one Apex call, apart from the snapshot's load) when item 1
     * shows its connection assistant; once per load. If it cannot be read, the steps keep what the test shows.
     */
    private loadConnectionStatus(): Promise<void> {
        if (!this.page?.rows.some((row) => row.connectionSteps)) return Promise.resolve();
        this.connectionStatusLoad ??= (async () => {
            try {
                this.connectionStatus = await getConnectionStatus();
            } catch {
                // Unreadable: each step keeps what the connection test shows.
            }
        })();
        return this.connectionStatusLoad;
    }

    /**
     * The second phase of the load: the parts read by the Ids the engine settled on (one Apex call, no callouts).
     * A failure makes them unavailable with the reason; the rest of the checklist stays.
     */
    private async loadSettledParts(): Promise<void> {
        const snapshot = this.snapshot;
        if (!snapshot) return;
        let parts: SettledParts;
        try {
            parts = await getSettledParts({ queueId: settle(snapshot).ids.queueId });
        } catch (error) {
            const message = serverError(this.labels, error).message;
            parts = { queueMembership: { status: 'unavailable', code: 'queryFailed', message } };
        }
        if (this.snapshot === snapshot) this.snapshot = withSettledParts(snapshot, parts);
    }

    /**
     * Reads the utility bars the engine settled on for item 14 (one Apex call, through the API connection) once per
     * load, when the snapshot waits for them and the connection works, and puts them into the snapshot. A failure
     * leaves item 14 unable to check them, with the reason.
     */
    private async loadUtilityBars(): Promise<void> {
        const snapshot = this.snapshot;
        if (!snapshot || snapshot.apiAccess.connection !== 'ok' || !needsUtilityBars(snapshot)) return;
        let read: Parameters<typeof withUtilityBars>[1];
        try {
            read = { ok: true, part: await getUtilityBars({ barNames: [...settle(snapshot).ids.utilityBarNames] }) };
        } catch (error) {
            read = { ok: false, message: serverError(this.labels, error).message };
        }
        if (this.snapshot === snapshot) this.snapshot = withUtilityBars(snapshot, read);
    }

    /**
     * Counts the agents (every page of getAgents, evaluated by the engine as the Agents view does) once no item needs
     * a fix (each passes or is a warning to review): then the agents decide whether chats flow, and the success state
     * (every item passing) waits for them. A newer load drops an older count.
     */
    private async countAgents(): Promise<void> {
        const snapshot = this.snapshot;
        const page = this.page;
        const number = ++this.agentsRead;
        if (!snapshot || !page || page.items.some((i) => i.status !== 'pass' && i.status !== 'warning')) {
            this.agents = { state: 'notRead' };
            return;
        }
        this.agents = { state: 'reading' };
        try {
            let counts: AgentCounts = { total: 0, ready: 0, notReady: 0, unknown: 0 };
            // The users assigned directly to the configuration the engine settled on are agents too.
            const configId = settle(snapshot).ids.presenceConfigId;
            let afterId: string | null = null;
            do {
                // Pages follow one another: each starts after the last user of the one before.
                // eslint-disable-next-line no-await-in-loop
                const read = await getAgents({ afterId, configId });
                if (number !== this.agentsRead) return;
                const more = countAgents(agentReadiness(snapshot, read.users, read.presence));
                counts = {
                    total: counts.total + more.total,
                    ready: counts.ready + more.ready,
                    notReady: counts.notReady + more.notReady,
                    unknown: counts.unknown + more.unknown,
                };
                afterId = read.nextAfterId === afterId ? null : read.nextAfterId;
            } while (afterId);
            this.agents = { state: 'read', counts };
        } catch (error) {
            if (number === this.agentsRead)
                this.agents = { state: 'failed', message: serverError(this.labels, error).message };
        }
    }

    private savedChoices(): SetupChoices {
        return (this.snapshot as OrgSnapshot).choices;
    }

    private resetDraft(choices: SetupChoices): void {
        this.draft = choices;
        this.capacityText = choices.capacity === null ? '' : String(choices.capacity);
        this.touched = [];
        this.showAllErrors = false;
        this.serverErrors = [];
    }

    // ------------------------------------------------------------------------------------------ view state

    get page(): PageView | undefined {
        const snapshot = this.snapshot;
        if (!snapshot) return undefined;
        const cached = PAGE_CACHE.get(snapshot);
        if (cached && cached.failures === this.failures && cached.connection === this.connectionStatus)
            return cached.page;
        const page = pageView(this.labels, snapshot, this.failures, this.connectionStatus);
        PAGE_CACHE.set(snapshot, { failures: this.failures, connection: this.connectionStatus, page });
        return page;
    }

    get groups(): { id: string; title: string; headingId: string; progressText: string; rows: unknown[] }[] {
        return (this.page?.groups ?? []).map((group) => ({
            id: group.id,
            title: group.title,
            headingId: `group-${group.id}`,
            progressText: group.progressText,
            rows: group.rows.map((row) => ({ key: row.id, row, expanded: this.expandedIds.includes(row.id) })),
        }));
    }

    get viewText(): { checklist: string; agents: string; live: string } {
        return {
            checklist: format(this.labels, 'ui.tabs.checklist'),
            agents: format(this.labels, 'ui.tabs.agents'),
            live: format(this.labels, 'ui.tabs.live'),
        };
    }

    get liveActive(): boolean {
        return this.activeView === 'live';
    }

    get busy(): boolean {
        return Boolean(this.applying) || this.saving || this.loading;
    }

    get fixAllDisabled(): boolean {
        return this.busy || !this.page?.canFixAny;
    }

    get showRetryFailed(): boolean {
        return (this.page?.failedIds.length ?? 0) > 0 && !this.page?.readOnlyText;
    }

    get showChoices(): boolean {
        return Boolean(this.page) && !this.page?.readOnlyText;
    }

    get isDraft(): boolean {
        return Boolean(this.snapshot && this.draft && isDraft(this.savedChoices(), this.draft));
    }

    get choicesHidden(): boolean {
        return !this.choicesOpen;
    }

    get ringVariant(): string {
        return this.allReady ? 'base-autocomplete' : 'base';
    }

    get agentsView(): ChecklistAgentsView {
        return checklistAgents(this.labels, this.agents);
    }

    /** Every item passes and every agent can take chats: the success state. */
    get allReady(): boolean {
        return Boolean(this.page?.allReady) && this.agentsView.ready;
    }

    /** Every item passes but the agents are not all ready (or not counted yet): no success state, and why. */
    get itemsReadyAgentsNot(): boolean {
        return Boolean(this.page?.allReady) && !this.agentsView.ready && this.agents.state !== 'reading';
    }

    get itemsReadyAgentsNotText(): string {
        return format(this.labels, 'ui.success.itemsReadyAgentsNot');
    }

    get choicesExpanded(): string {
        return String(this.choicesOpen);
    }

    get choicesToggleLabel(): string {
        return format(this.labels, this.choicesOpen ? 'ui.choices.hide' : 'ui.choices.edit');
    }

    get choicesSummaryText(): string {
        if (!this.snapshot) return '';
        const presence = this.page?.items.find((i) => i.id === 'presenceConfig');
        return choicesSummary(this.labels, this.savedChoices(), presence?.reason.key === 'item.presenceConfig.missing');
    }

    get choiceErrorViews(): ChoiceErrorView[] {
        if (!this.snapshot || !this.draft) return [];
        const local = visibleChoiceErrors(
            this.labels,
            this.draft,
            this.snapshot,
            this.showAllErrors ? 'all' : this.touched
        );
        return [...local, ...this.serverErrors];
    }

    get capacityWarningText(): string {
        return capacityWarning(this.labels, this.draft?.capacity ?? null);
    }

    get choicesLabels(): Record<string, string> {
        const l = (key: string): string => format(this.labels, key);
        return {
            capacity: l('ui.choices.capacity'),
            capacityHelp: capacityHelp(this.labels),
            chatObject: l('ui.choices.chatObject'),
            agentProfiles: l('ui.choices.agentProfiles'),
            chosenProfiles: l('ui.choices.chosenProfiles'),
            availableProfiles: l('ui.choices.availableProfiles'),
            search: l('ui.choices.search'),
            showMore: l('ui.choices.showMore'),
            noMatch: l('ui.choices.noMatch'),
            profilesUnavailable: l('ui.choices.profilesUnavailable'),
            move: l('ui.choices.move'),
            moveDirectUsers: l('ui.choices.moveDirectUsers'),
            separateOnlineStatus: l('ui.choices.separateOnlineStatus'),
            queueMembers: l('ui.choices.queueMembers'),
            queueMembersAgentUsers: l('ui.choices.queueMembers.agentUsers'),
            queueMembersPublicGroup: l('ui.choices.queueMembers.publicGroup'),
            publicGroup: l('ui.choices.publicGroup'),
            publicGroupPlaceholder: l('ui.choices.publicGroupPlaceholder'),
            publicGroupsUnavailable: l('ui.choices.publicGroupsUnavailable'),
            sharedRouting: l('ui.choices.sharedRouting'),
            save: l('ui.choices.save'),
            discard: l('ui.choices.discard'),
            draft: l('ui.choices.draft'),
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
            close: l('ui.plan.close'),
            orgWide: l('ui.plan.orgWide'),
            showAll: l('ui.plan.showAll'),
            choicesTitle: l('ui.plan.choicesTitle'),
            sharedRouting: l('ui.choices.sharedRouting'),
            queueMembers: l('ui.choices.queueMembers'),
            publicGroup: l('ui.choices.publicGroup'),
            publicGroupPlaceholder: l('ui.choices.publicGroupPlaceholder'),
            capacity: l('ui.choices.capacity'),
            move: l('ui.choices.move'),
            stillNeeded: l('ui.plan.stillNeeded'),
            records: l('ui.plan.records'),
            showFewer: l('ui.list.showFewer'),
        };
    }

    /** After a run: what still needs the admin, from the checklist as it was read again. */
    get stillNeededAfterRun(): readonly StillNeeded[] {
        return this.summary && this.page ? stillNeeded(this.labels, this.page.items) : [];
    }

    get hasStillNeededAfterRun(): boolean {
        return this.stillNeededAfterRun.length > 0;
    }

    /** The expander of a reason whose lists are cut to "and N more". */
    get listText(): { showAll: string; showFewer: string } {
        return { showAll: format(this.labels, 'ui.list.showAll'), showFewer: format(this.labels, 'ui.list.showFewer') };
    }

    get stillNeededTitle(): string {
        return format(this.labels, 'ui.result.stillNeeded');
    }

    get moveChoices(): { label: string; value: string }[] {
        return moveOptions(this.labels, this.page?.items ?? []);
    }

    /** Offered only when the checklist needs the choice (agents assigned directly elsewhere). */
    get offerMoveDirectUsers(): boolean {
        return (this.page?.items ?? []).some((i) => i.needs.includes('moveUsers')) || !!this.draft?.moveDirectUsers;
    }

    /** Offered only when the agents already use Online statuses that SimplyChat would join. */
    get offerSeparateOnlineStatus(): boolean {
        return (
            (this.page?.items ?? []).some((i) => i.needs.includes('onlineStatusMode')) ||
            !!this.draft?.separateOnlineStatus
        );
    }

    /** Item 13: offered when agents are outside the chat queue (or a choice was made). */
    get offerQueueMembers(): boolean {
        return (this.page?.items ?? []).some((i) => i.needs.includes('queueMembers')) || !!this.draft?.queueMembers;
    }

    get queueMembersKind(): string {
        return this.draft?.queueMembers?.kind ?? '';
    }

    get publicGroupName(): string {
        const chosen = this.draft?.queueMembers;
        return chosen?.kind === 'publicGroup' ? chosen.groupDeveloperName : '';
    }

    /** Item 5 asks what to do with a routing configuration other queues use too: the options and the draft's answer. */
    get sharedRouting(): { options: { label: string; value: string }[]; value: string } | null {
        return this.draft ? sharedRoutingOptions(this.labels, this.page?.items ?? [], this.draft) : null;
    }

    get publicGroups(): { options: { label: string; value: string }[]; unavailable: boolean } {
        return publicGroupOptions(this.snapshot);
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

    handleViewActive(event: Event): void {
        const view = (event.target as HTMLElement & { value?: string }).value ?? 'checklist';
        this.activeView = view;
        if (view === 'agents') this.agentsOpened = true;
        if (view === 'live') this.liveOpened = true;
    }

    /** From an agent's reason: the checklist, with the item that fixes it open and in view. */
    handleOpenItem(event: CustomEvent<{ id: string }>): void {
        const id = event.detail.id;
        this.activeView = 'checklist';
        if (!this.expandedIds.includes(id)) this.expandedIds = [...this.expandedIds, id];
        Promise.resolve().then(() => {
            const rows = Array.from(
                this.template?.querySelectorAll('c-setup-checklist-row') ?? []
            ) as unknown as (HTMLElement & { row?: { id: string } })[];
            rows.find((r) => r.row?.id === id)?.scrollIntoView?.({ block: 'center' });
        });
    }

    /** From the checklist's agents line: the Agents view, showing only the agents who are not ready. */
    handleShowNotReadyAgents(): void {
        this.showNotReadyAgents += 1;
        this.agentsOpened = true;
        this.activeView = 'agents';
    }

    /** A Live reason's link: the checklist with that item open and in view (as an agent's reason links). */
    handleLiveOpenItem(event: CustomEvent<{ itemId: string }>): void {
        this.handleOpenItem(new CustomEvent('openitem', { detail: { id: event.detail.itemId } }));
    }

    /** The agents a Live reason named, for the Agents view (its request number goes up with each new link). */
    liveAgents?: { readonly request: number; readonly userIds: readonly string[] };

    /** A Live reason's link to the agents it names: the Agents view, showing only those agents. */
    handleLiveOpenAgents(event: CustomEvent<{ userIds?: string[] }>): void {
        const userIds = [...(event.detail?.userIds ?? [])];
        this.liveAgents = { request: (this.liveAgents?.request ?? 0) + 1, userIds };
        this.agentsOpened = true;
        this.activeView = 'agents';
    }

    handleToggleChoices(): void {
        this.choicesOpen = !this.choicesOpen;
    }

    handleChoiceChange(event: CustomEvent<{ field: string; value: unknown }>): void {
        if (!this.draft) return;
        const { field, value } = event.detail;
        if (field === 'capacity') {
            this.capacityText = String(value ?? '');
            this.draft = { ...this.draft, capacity: parseCapacity(this.capacityText) };
        } else if (field === 'chatObject') this.draft = { ...this.draft, chatObject: String(value ?? '').trim() };
        else if (field === 'agentProfileIds') {
            const agents = [...(value as string[])];
            this.draft = {
                ...this.draft,
                agentProfileIds: agents,
                moveProfileIds: this.draft.moveProfileIds.filter((id) => agents.includes(id)),
            };
        } else if (field === 'moveProfileIds') this.draft = { ...this.draft, moveProfileIds: [...(value as string[])] };
        else if (field === 'moveDirectUsers') this.draft = { ...this.draft, moveDirectUsers: value === true };
        else if (field === 'separateOnlineStatus') this.draft = { ...this.draft, separateOnlineStatus: value === true };
        else if (field === 'queueMembers') this.draft = { ...this.draft, queueMembers: value as QueueMembersChoice };
        else if (field === 'sharedRoutingConfig') this.draft = withPlanChoice(this.draft, field, value);
        this.serverErrors = this.serverErrors.filter((e) => !e.field.startsWith(field));
    }

    handleChoiceBlur(event: CustomEvent<{ field: string }>): void {
        const field = event.detail.field;
        if (field && !this.touched.includes(field)) this.touched = [...this.touched, field];
    }

    handleDiscard(): void {
        if (this.snapshot) this.resetDraft(this.savedChoices());
    }

    async handleSaveChoices(): Promise<void> {
        if (await this.saveDraft()) this.toast(format(this.labels, 'ui.choices.saved'), '', 'success');
    }

    handleFix(event: CustomEvent<{ id: ItemId }>): void {
        this.openPlan([event.detail.id], event.detail.id);
    }

    handleFixAll(): void {
        this.openPlan('all', 'fix-all');
    }

    handleRetryFailed(): void {
        this.openPlan([...(this.page?.failedIds ?? [])], 'retry-failed');
    }

    handlePlanCancel(): void {
        this.planState = undefined;
        this.returnFocus();
    }

    /** An answer in the plan dialog: the plan is made again on the choices with it, and the lines follow. */
    handlePlanChoice(event: CustomEvent<{ field: string; value: unknown }>): void {
        const planned = this.planState;
        if (!planned || !this.snapshot) return;
        const choices = withPlanChoice(planned.choices, event.detail.field, event.detail.value, this.snapshot);
        const next = this.planFor(planned.itemIds, choices);
        if (next) this.planState = next;
    }

    /**
     * Runs the plan the dialog shows. Answers given in the dialog are saved first (the server checks them); the
     * plan is then made again on the saved choices and the org as read again, and runs only if it is the one shown:
     * otherwise the dialog shows the new one, so nothing is written that the plan did not show.
     */
    async handlePlanConfirm(event: CustomEvent<{ confirmOrgWide: boolean }>): Promise<void> {
        const planned = this.planState;
        if (!planned || !this.snapshot) return;
        this.planState = undefined;
        if (isDraft(this.savedChoices(), planned.choices)) {
            this.draft = planned.choices;
            this.capacityText = planned.choices.capacity === null ? '' : String(planned.choices.capacity);
            if (!(await this.saveDraft())) return;
            const again = this.planFor(planned.itemIds, this.savedChoices());
            if (!again) return;
            if (JSON.stringify(again.operations) !== JSON.stringify(planned.operations)) {
                this.planState = again;
                return;
            }
        }
        await this.apply(planned.operations, event.detail.confirmOrgWide);
    }

    /** The plan for items (or all) on the given choices, with what the dialog asks and what will be left. */
    private planFor(itemIds: readonly ItemId[] | 'all', choices: SetupChoices): PlanState | undefined {
        const snapshot = this.snapshot;
        if (!snapshot) return undefined;
        const planned = planView(this.labels, snapshot, itemIds, choices);
        if (!planned.ok) {
            this.serverErrors = planned.errors;
            return this.planState;
        }
        return {
            itemIds,
            choices,
            operations: planned.operations,
            lines: planned.lines,
            needsOrgWideConfirmation: planned.needsOrgWideConfirmation,
            askChoices: itemIds === 'all' ? planChoices(this.labels, this.page?.items ?? [], choices, snapshot) : {},
            stillNeeded: planned.stillNeeded,
        };
    }

    // ---------------------------------------------------------------------------------------------- work

    /**
     * Shows the plan for items (or all) on the saved choices. An unsaved draft is checked first (every field, not
     * only those left) and saved, so the server checks it too (e.g. that the chat object exists); a bad choice
     * shows on its field and no plan opens.
     */
    private async openPlan(itemIds: readonly ItemId[] | 'all', opener: string): Promise<void> {
        if (!this.snapshot || !this.draft) return;
        this.summary = undefined;
        this.opener = opener;
        if (this.isDraft || this.choiceErrorsNow().length > 0) {
            this.showAllErrors = true;
            if (this.choiceErrorsNow().length > 0 || !(await this.saveDraft())) {
                this.choicesOpen = true;
                this.focusFirstChoiceError();
                return;
            }
        }
        const snapshot = this.snapshot;
        const planned = planView(this.labels, snapshot, itemIds, snapshot.choices);
        if (!planned.ok) {
            this.serverErrors = planned.errors;
            this.choicesOpen = true;
            this.focusFirstChoiceError();
            return;
        }
        this.planState = this.planFor(itemIds, snapshot.choices);
    }

    private choiceErrorsNow(): ChoiceErrorView[] {
        return this.snapshot && this.draft ? visibleChoiceErrors(this.labels, this.draft, this.snapshot, 'all') : [];
    }

    /** Saves the draft (the server validates it again); server errors show on their fields. True when saved. */
    private async saveDraft(): Promise<boolean> {
        if (!this.snapshot || !this.draft) return false;
        this.showAllErrors = true;
        if (this.choiceErrorsNow().length > 0) {
            this.choicesOpen = true;
            this.focusFirstChoiceError();
            return false;
        }
        this.saving = true;
        try {
            const saved = await saveChoices({ choices: this.draft });
            this.snapshot = { ...this.snapshot, choices: saved };
            this.resetDraft(saved);
            // The org's state that depends on the choices (e.g. the chat object) is read again.
            await this.load();
            return !this.loadError;
        } catch (error) {
            const problem = serverError(this.labels, error);
            this.serverErrors = problem.fieldErrors;
            this.toast(format(this.labels, 'ui.toast.error'), problem.message, 'error');
            return false;
        } finally {
            this.saving = false;
        }
    }

    /**
     * Sends the planned operations in batches (one Apex call each), showing progress. Deferred operations
     * (transaction limits) are sent again. The failure policy is the engine's, as in Apex and the CLI
     * (operationDependencies): an operation that waits for one that failed or was not run is not sent and names
     * the failure it waits for; every other operation still runs. Each failure stays on its item until it is fixed.
     */
    private async apply(operations: Operation[], confirmOrgWide: boolean): Promise<void> {
        const results: OperationResult[] = [];
        const waits = operationDependencies(operations);
        const failures: Record<string, { code: string; message: string }> = {};
        this.applying = { done: 0, total: operations.length };
        try {
            const sizes = changeRequests(operations).map((change) => JSON.stringify(change).length);
            let queue: Queued[][] = batches(
                operations.map((op, index) => ({ op, index })),
                BATCH_SIZE,
                (queued) => sizes[queued.index],
                CALL_CHARACTERS
            );
            while (queue.length > 0) {
                const batch = SimplyChatSetup.skipDependents(queue.shift() ?? [], waits, results);
                if (batch.length === 0) continue;
                // Batches run one after another: a later batch may depend on an earlier one. Each operation goes
                // with the change the engine planned for it: Apex checks and applies it, never decides.
                // eslint-disable-next-line no-await-in-loop
                const response = await applyOperations({
                    operationsJson: JSON.stringify(
                        changeRequests(
                            operations,
                            batch.map((b) => b.index)
                        )
                    ),
                    confirmOrgWide,
                });
                const outcome = SimplyChatSetup.record(batch, response.results, results);
                for (const failure of outcome.failures) {
                    failures[failure.itemId] = { code: failure.code, message: failure.message };
                }
                const retry = [...outcome.deferred, ...outcome.afterFailure].sort((a, b) => a.index - b.index);
                if (retry.length > 0 && outcome.progressed) queue = [retry, ...queue];
                else
                    for (const r of retry)
                        // A batch that cannot move: each change says why (the failure it waits for, or no room left).
                        results[r.index] = SimplyChatSetup.notRun(
                            r,
                            results[r.index]?.error?.key === 'result.notRun.afterFailure'
                                ? results[r.index]?.error
                                : { key: 'result.notRun.noRoom', params: {} }
                        );
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
        const attempted = new Set(operations.map((op) => op.itemId));
        const kept = Object.fromEntries(Object.entries(this.failures).filter(([id]) => !attempted.has(id as ItemId)));
        this.failures = { ...kept, ...failures };
        const summary = this.summary;
        await this.load();
        this.summary = summary;
        this.focusOn('[data-id="summary"]');
    }

    /**
     * Drops the operations that wait for an earlier one that failed or was not run, recording each as not run
     * with the item of the failure it waits for (through a chain of not-run operations, the first failure).
     */
    private static skipDependents(batch: Queued[], waits: number[][], results: OperationResult[]): Queued[] {
        const failureOf = (index: number): number | undefined => {
            const earlier = results[index];
            if (!earlier || earlier.status === 'done') return undefined;
            if (earlier.status === 'failed') return index;
            const root = waits[index].map(failureOf).find((i) => i !== undefined);
            return root ?? index;
        };
        return batch.filter((b) => {
            const blocker = waits[b.index].map(failureOf).find((i) => i !== undefined);
            if (blocker === undefined) return true;
            results[b.index] = SimplyChatSetup.notRun(b, {
                key: 'ui.result.needsFailed',
                params: { items: results[blocker].itemId },
            });
            return false;
        });
    }

    private static notRun(entry: Queued, error?: OperationResult['error']): OperationResult {
        return {
            index: entry.index,
            kind: entry.op.kind,
            itemId: entry.op.itemId,
            status: 'notRun',
            changed: [],
            error: error ?? null,
        };
    }

    /**
     * Files one batch's results by operation index. Deferred operations and those Apex skipped after a failure in
     * the batch come back to be sent again (the caller drops the ones that depend on the failure); `progressed`
     * is false when nothing in the batch ran, so a batch that cannot move is not sent forever.
     */
    private static record(
        batch: Queued[],
        batchResults: OperationResult[],
        results: OperationResult[]
    ): {
        failures: { itemId: string; code: string; message: string }[];
        deferred: Queued[];
        afterFailure: Queued[];
        progressed: boolean;
    } {
        const failures: { itemId: string; code: string; message: string }[] = [];
        const deferred: Queued[] = [];
        const afterFailure: Queued[] = [];
        let progressed = false;
        batchResults.forEach((result, i) => {
            const entry = batch[i];
            if (!entry) return;
            const key = result.error?.key;
            if (result.status === 'notRun' && key === 'result.notRun.deferred') deferred.push(entry);
            else if (result.status === 'notRun' && key === 'result.notRun.afterFailure') afterFailure.push(entry);
            else {
                results[entry.index] = { ...result, index: entry.index };
                progressed = true;
            }
            if (result.status === 'failed') {
                const params = result.error?.params ?? {};
                failures.push({
                    itemId: entry.op.itemId,
                    code: String(params.code ?? key ?? 'failed'),
                    message: String(params.message ?? ''),
                });
            }
        });
        return { failures, deferred, afterFailure, progressed };
    }

    private toast(title: string, message: string, variant: 'success' | 'warning' | 'error'): void {
        this.dispatchEvent(new ShowToastEvent({ title, message, variant }));
    }

    private returnFocus(): void {
        const opener = this.opener;
        Promise.resolve().then(() => {
            if (opener === 'fix-all' || opener === 'retry-failed') {
                this.template?.querySelector<HTMLElement>(`[data-id="${opener}"]`)?.focus();
                return;
            }
            const rows = Array.from(this.template?.querySelectorAll('c-setup-checklist-row') ?? []) as unknown as {
                row?: { id: string };
                focusFix(): void;
            }[];
            rows.find((r) => r.row?.id === opener)?.focusFix();
        });
    }

    private focusFirstChoiceError(): void {
        Promise.resolve().then(() =>
            (
                this.template?.querySelector('c-setup-choices') as unknown as { focusFirstError?: () => void } | null
            )?.focusFirstError?.()
        );
    }

    private focusOn(selector: string): void {
        // After the next render: the element may only appear then.
        Promise.resolve().then(() => this.template?.querySelector<HTMLElement>(selector)?.focus());
    }
}
