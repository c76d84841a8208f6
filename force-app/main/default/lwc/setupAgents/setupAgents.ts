import { LightningElement, api } from 'lwc';
import LOCALE from '@salesforce/i18n/locale';
import getAgents from '@salesforce/apex/SetupAgentsController.getAgents';
import { LABELS } from 'c/setupLabels';
import {
    agentReadiness,
    settle,
    type AgentPresenceRecord,
    type AgentReadiness,
    type AgentUserRecord,
    type OrgSnapshot,
    type Part,
} from 'c/setupEngine';
import { format, serverError, withLocale } from 'c/setupText';
import {
    AGENTS_CSV_FILE,
    agentRow,
    agentsCsv,
    countAgents,
    countsText,
    CSV_BOM,
    filterAgents,
    pageOf,
    readingText,
    showingText,
    type AgentRowView,
    type AgentsPage,
} from 'c/agentsViewModel';

/** One page of the read as it arrived: the engine evaluates users and their presence together. */
interface ReadPage {
    readonly users: readonly AgentUserRecord[];
    readonly presence: Part<AgentPresenceRecord>;
    /** Whether a user without a presence row is known to be offline (AgentPage.presenceSeesAll). */
    readonly presenceSeesAll?: boolean;
}

const COLLATORS = new Map<string, Intl.Collator>();

function byName(locale: string): (a: AgentReadiness, b: AgentReadiness) => number {
    let collator = COLLATORS.get(locale);
    if (!collator) {
        try {
            collator = new Intl.Collator(locale, { sensitivity: 'base', numeric: true });
        } catch (error) {
            // Only an unsupported locale tag (RangeError) falls back to English order.
            if (!(error instanceof RangeError)) throw error;
            collator = new Intl.Collator('en-US', { sensitivity: 'base', numeric: true });
        }
        COLLATORS.set(locale, collator);
    }
    const compare = collator.compare;
    return (a, b) => compare(a.name, b.name) || compare(a.username, b.username);
}

/**
 * The Agents view: one row per agent user (read on demand, page by page, with progress), whether each can take
 * SimplyChat chats now and the first reason why not. The engine decides (agentReadiness); c/agentsViewModel turns
 * it into rows, filter, search, pages of 50 and the CSV. Rows show as soon as the first page is read.
 */
export default class SetupAgents extends LightningElement {
    readonly labels = withLocale(LABELS, LOCALE);

    private currentSnapshot?: OrgSnapshot;
    /** Every page read so far (kept, so that a new snapshot re-evaluates without reading the users again). */
    private pages: ReadPage[] = [];
    /** The readiness of each page read, on the snapshot `evaluatedOn`. */
    private evaluated: AgentReadiness[][] = [];
    private evaluatedOn?: OrgSnapshot;
    /** Each read gets a number: a page of an older read that arrives late is dropped. */
    private readNumber = 0;
    private csvUrl?: string;

    loading = false;
    loadError = '';
    usersRead = 0;
    agents: readonly AgentReadiness[] = [];
    notReadyOnly = false;
    search = '';
    pageIndex = 0;

    /** The snapshot the readiness is evaluated on (the checklist's: a fix or a re-check re-evaluates the rows). */
    @api
    get snapshot(): OrgSnapshot | undefined {
        return this.currentSnapshot;
    }
    set snapshot(value: OrgSnapshot | undefined) {
        this.currentSnapshot = value;
        this.evaluate();
    }

    /** Each new value (a count that goes up) shows only the agents who are not ready, from the first page. */
    @api
    get showNotReady(): number {
        return this.notReadyRequests;
    }
    set showNotReady(value: number) {
        const requests = Number(value) || 0;
        if (requests > this.notReadyRequests) {
            this.onlyUserIds = undefined;
            this.notReadyOnly = true;
            this.search = '';
            this.pageIndex = 0;
        }
        this.notReadyRequests = requests;
    }
    private notReadyRequests = 0;

    /**
     * The agents a Live reason names: each new request (a count that goes up) shows only those users, from the first
     * page, until the admin shows every agent again.
     */
    @api
    get showUsers(): { readonly request: number; readonly userIds: readonly string[] } | undefined {
        return this.usersRequest;
    }
    set showUsers(value: { readonly request: number; readonly userIds: readonly string[] } | undefined) {
        if (value && value.request > (this.usersRequest?.request ?? 0)) {
            this.onlyUserIds = [...value.userIds];
            this.notReadyOnly = false;
            this.search = '';
            this.pageIndex = 0;
        }
        this.usersRequest = value;
    }
    private usersRequest?: { readonly request: number; readonly userIds: readonly string[] };
    /** Only these users are shown while set (from Live's "Show these agents"). */
    onlyUserIds?: readonly string[];

    override connectedCallback(): void {
        this.read();
    }

    /** Reads every page (afterId = the previous page's nextAfterId), evaluating each as it arrives. */
    async read(): Promise<void> {
        const number = ++this.readNumber;
        this.loading = true;
        this.loadError = '';
        this.usersRead = 0;
        this.pages = [];
        this.evaluated = [];
        this.agents = [];
        this.pageIndex = 0;
        try {
            // The users assigned directly to the configuration the engine settled on are agents too.
            const configId = this.currentSnapshot ? settle(this.currentSnapshot).ids.presenceConfigId : null;
            let afterId: string | null = null;
            do {
                // Pages follow one another: each starts after the last user of the one before.
                // eslint-disable-next-line no-await-in-loop
                const page = await getAgents({ afterId, configId });
                if (number !== this.readNumber) return;
                this.pages = [...this.pages, { users: page.users, presence: page.presence }];
                this.usersRead += page.users.length;
                this.evaluate();
                // A cursor that does not move on would read the same page forever.
                afterId = page.nextAfterId === afterId ? null : page.nextAfterId;
            } while (afterId);
        } catch (error) {
            if (number !== this.readNumber) return;
            this.loadError = format(this.labels, 'ui.agents.loadFailed', {
                message: serverError(this.labels, error).message,
            });
        } finally {
            if (number === this.readNumber) this.loading = false;
        }
    }

    /**
     * The engine's verdict for every user read so far, sorted by name. Each page is evaluated once with its own
     * presence; a new snapshot evaluates every page again (the users are not read again).
     */
    private evaluate(): void {
        const snapshot = this.currentSnapshot;
        if (!snapshot || this.pages.length === 0) {
            this.agents = [];
            return;
        }
        if (this.evaluatedOn !== snapshot) {
            this.evaluatedOn = snapshot;
            this.evaluated = [];
        }
        for (let i = this.evaluated.length; i < this.pages.length; i++) {
            const page = this.pages[i];
            this.evaluated.push(agentReadiness(snapshot, page.users, page.presence, page.presenceSeesAll === true));
        }
        const agents = this.evaluated.flat();
        agents.sort(byName(LOCALE));
        this.agents = agents;
    }

    // ------------------------------------------------------------------------------------------ view state

    private filteredCache?: {
        agents: readonly AgentReadiness[];
        notReadyOnly: boolean;
        search: string;
        onlyUserIds?: readonly string[];
        out: AgentReadiness[];
    };

    get filtered(): AgentReadiness[] {
        const cache = this.filteredCache;
        if (
            cache &&
            cache.agents === this.agents &&
            cache.notReadyOnly === this.notReadyOnly &&
            cache.search === this.search &&
            cache.onlyUserIds === this.onlyUserIds
        )
            return cache.out;
        const filter = { notReadyOnly: this.notReadyOnly, search: this.search, userIds: this.onlyUserIds };
        const out = filterAgents(this.agents, filter);
        this.filteredCache = { ...filter, agents: this.agents, onlyUserIds: this.onlyUserIds, out };
        return out;
    }

    get page(): AgentsPage {
        return pageOf(this.filtered, this.pageIndex);
    }

    /** Rows whose other reasons are shown. */
    expandedKeys: string[] = [];

    get rows(): (AgentRowView & { hasMore: boolean; expanded: boolean; expandedText: string; toggleText: string })[] {
        return this.page.agents.map((agent) => {
            const row = agentRow(this.labels, agent);
            const expanded = this.expandedKeys.includes(row.key);
            return {
                ...row,
                hasMore: row.allReasons.length > 0,
                expanded,
                expandedText: String(expanded),
                toggleText: format(this.labels, expanded ? 'ui.agents.hideReasons' : 'ui.agents.showReasons'),
            };
        });
    }

    get hasRows(): boolean {
        return this.page.agents.length > 0;
    }

    get showTable(): boolean {
        return this.agents.length > 0;
    }

    get text(): Readonly<Record<string, string>> {
        const l = (key: string): string => format(this.labels, key);
        return {
            intro: l('ui.agents.intro'),
            refresh: l('ui.agents.refresh'),
            search: l('ui.agents.search'),
            notReadyOnly: l('ui.agents.notReadyOnly'),
            previous: l('ui.agents.previous'),
            next: l('ui.agents.next'),
            csv: l('ui.agents.csv'),
            caption: l('ui.agents.caption'),
            retry: l('ui.retry'),
            showAllUsers: l('ui.agents.showAllUsers'),
            name: l('ui.agents.col.name'),
            profile: l('ui.agents.col.profile'),
            config: l('ui.agents.col.config'),
            online: l('ui.agents.col.online'),
            queue: l('ui.agents.col.queue'),
            serviceCloudUser: l('ui.agents.col.serviceCloudUser'),
            omniApp: l('ui.agents.col.omniApp'),
            presence: l('ui.agents.col.presence'),
            status: l('ui.agents.col.status'),
            reason: l('ui.agents.col.reason'),
        };
    }

    get readingText(): string {
        return readingText(this.labels, this.usersRead);
    }

    /** Progress of the read against the agents the checklist counted (the agent profiles' active users). */
    get readingValue(): number {
        const snapshot = this.currentSnapshot;
        const profiles = snapshot?.profiles.status === 'read' ? snapshot.profiles.records : [];
        const chosen = new Set(snapshot?.choices.agentProfileIds ?? []);
        const expected = profiles.filter((p) => chosen.has(p.Id)).reduce((sum, p) => sum + p.UserCount, 0);
        if (expected <= 0) return 0;
        return Math.min(99, Math.round((this.usersRead / expected) * 100));
    }

    get counts(): { main: string; more: string } {
        return countsText(this.labels, countAgents(this.agents));
    }

    get showingText(): string {
        return showingText(this.labels, this.page, this.agents.length);
    }

    get pageText(): string {
        const page = this.page;
        return format(this.labels, 'ui.agents.page', { page: page.index + 1, pages: page.pageCount });
    }

    get previousDisabled(): boolean {
        return !this.page.hasPrevious;
    }

    get nextDisabled(): boolean {
        return !this.page.hasNext;
    }

    get csvDisabled(): boolean {
        return this.loading || this.filtered.length === 0;
    }

    // ------------------------------------------------------------------------------------------- handlers

    handleSearch(event: CustomEvent<{ value?: string }>): void {
        this.search = String(event.detail?.value ?? (event.target as HTMLInputElement | null)?.value ?? '');
        this.pageIndex = 0;
    }

    /** Leaves the agents a Live reason named: every agent again. */
    handleShowAllUsers(): void {
        this.onlyUserIds = undefined;
        this.pageIndex = 0;
    }

    get onlyUsersText(): string {
        const count = this.onlyUserIds?.length ?? 0;
        return format(this.labels, count === 1 ? 'ui.agents.onlyUsers.one' : 'ui.agents.onlyUsers', { count });
    }

    handleNotReadyOnly(event: CustomEvent<{ checked?: boolean }>): void {
        this.notReadyOnly = Boolean(event.detail?.checked ?? (event.target as HTMLInputElement | null)?.checked);
        this.pageIndex = 0;
    }

    handleToggleReasons(event: Event): void {
        const key = (event.currentTarget as HTMLElement).dataset.key ?? '';
        this.expandedKeys = this.expandedKeys.includes(key)
            ? this.expandedKeys.filter((k) => k !== key)
            : [...this.expandedKeys, key];
    }

    /** The checklist item that fixes a row's reason: the tab shows it (event `openitem`, detail.id). */
    handleGoToItem(event: Event): void {
        const id = (event.currentTarget as HTMLElement).dataset.item ?? '';
        if (id) this.dispatchEvent(new CustomEvent('openitem', { detail: { id } }));
    }

    handlePrevious(): void {
        this.pageIndex = Math.max(0, this.page.index - 1);
    }

    handleNext(): void {
        this.pageIndex = Math.min(this.page.pageCount - 1, this.page.index + 1);
    }

    handleRefresh(): void {
        this.read();
    }

    /** The filtered list, every page of it, as a CSV file (a Blob download). */
    handleCsv(): void {
        const csv = agentsCsv(this.labels, this.filtered);
        const blob = new Blob([CSV_BOM, csv], { type: 'text/csv;charset=utf-8' });
        // The previous file's URL is released now; the last one when the view goes (a download may still read it).
        this.releaseCsv();
        const url = URL.createObjectURL(blob);
        this.csvUrl = url;
        const link = document.createElement('a');
        link.href = url;
        link.download = AGENTS_CSV_FILE;
        link.style.display = 'none';
        this.template?.querySelector('[data-id="csv-anchor"]')?.appendChild(link);
        link.click();
        link.remove();
    }

    private releaseCsv(): void {
        if (this.csvUrl) URL.revokeObjectURL(this.csvUrl);
        this.csvUrl = undefined;
    }

    override disconnectedCallback(): void {
        this.releaseCsv();
        // A read still under way stops at its next page.
        this.readNumber++;
    }
}
