import { LightningElement, api } from 'lwc';
import LOCALE from '@salesforce/i18n/locale';
import getLive from '@salesforce/apex/SetupLiveController.getLive';
import { LABELS } from 'c/setupLabels';
import {
    liveRouting,
    liveTarget,
    type LiveAgent,
    type LiveRead,
    type LiveResult,
    type OrgSnapshot,
} from 'c/setupEngine';
import { format, formatTime, serverError, withLocale } from 'c/setupText';

/** Seconds between reads while the view is shown. */
export const REFRESH_SECONDS = 15;
/** Agent rows shown (the online agents with a SimplyChat status; those who can take a chat first). */
export const SHOWN_AGENTS = 50;

interface AgentRowView {
    readonly key: string;
    readonly name: string;
    readonly status: string;
    readonly work: string;
    readonly capacity: string;
    readonly state: string;
    readonly stateKey: LiveAgent['state'];
    readonly icon: string;
    readonly variant: string;
}

interface WhyView {
    readonly key: string;
    readonly text: string;
    readonly itemId: string | null;
    readonly hasItem: boolean;
    readonly userIds: string;
    readonly hasAgents: boolean;
}

/**
 * The Live view: the chats waiting in the SimplyChat queue now, the online agents who can take one, the likely next
 * one, and why nobody takes them. Read when first shown and every REFRESH_SECONDS while `active` (and on demand);
 * the queue and channel come from the engine (liveTarget), the judgement too (liveRouting). A reason links to the
 * checklist item (event `openitem`) or the agents (event `openagents`) that fix it.
 */
export default class SetupLive extends LightningElement {
    readonly labels = withLocale(LABELS, LOCALE);

    private currentSnapshot?: OrgSnapshot;
    private lastRead?: LiveRead;
    private timer?: ReturnType<typeof setInterval>;
    private isActive = false;
    private readNumber = 0;

    loading = false;
    loadError = '';
    result?: LiveResult;

    @api
    get snapshot(): OrgSnapshot | undefined {
        return this.currentSnapshot;
    }
    set snapshot(value: OrgSnapshot | undefined) {
        const changed = this.currentSnapshot !== undefined && value !== this.currentSnapshot;
        this.currentSnapshot = value;
        // A fix or a re-check may name another queue or channel: read again for them.
        if (changed && this.isConnected) this.read();
    }

    /** Shown: read now and every REFRESH_SECONDS; hidden: stop reading. */
    @api
    get active(): boolean {
        return this.isActive;
    }
    set active(value: boolean) {
        const next = Boolean(value);
        if (next === this.isActive) return;
        this.isActive = next;
        if (this.isConnected) this.schedule();
    }

    override connectedCallback(): void {
        this.schedule();
    }

    override disconnectedCallback(): void {
        this.stop();
    }

    private stop(): void {
        if (this.timer !== undefined) clearInterval(this.timer);
        this.timer = undefined;
    }

    private schedule(): void {
        this.stop();
        if (!this.isActive) return;
        this.read();
        // A timer is the refresh the issue asks for while the view is shown; it stops when hidden or removed.
        // eslint-disable-next-line @lwc/lwc/no-async-operation
        this.timer = setInterval(() => this.read(), REFRESH_SECONDS * 1000);
    }

    /** One live read for the queue and channel the engine names; a read that answers after a newer one is dropped. */
    async read(): Promise<void> {
        const snapshot = this.currentSnapshot;
        if (!snapshot) return;
        const target = liveTarget(snapshot);
        const number = ++this.readNumber;
        if (!target.queueId || !target.channelId) {
            this.loadError = '';
            this.result = liveRouting(snapshot, this.emptyRead(target.queueId, target.channelId), target);
            return;
        }
        this.loading = true;
        try {
            const live = (await getLive({ queueId: target.queueId, channelId: target.channelId })) as LiveRead;
            if (number !== this.readNumber) return;
            this.lastRead = live;
            this.loadError = '';
            this.result = liveRouting(snapshot, live, target);
        } catch (error) {
            if (number !== this.readNumber) return;
            this.loadError = format(this.labels, 'ui.live.loadFailed', {
                message: serverError(this.labels, error).message,
            });
        } finally {
            if (number === this.readNumber) this.loading = false;
        }
    }

    private emptyRead(queueId: string | null, channelId: string | null): LiveRead {
        const none = { status: 'read', records: [] } as const;
        return {
            readAt: new Date().toISOString(),
            queueId,
            channelId,
            pending: none,
            pendingMore: false,
            presence: none,
            presenceSeesAll: false,
            users: none,
            work: none,
        };
    }

    get text(): Record<string, string> {
        const l = this.labels;
        const keys = [
            'intro',
            'refresh',
            'waiting',
            'oldest',
            'notReady',
            'canTake',
            'why',
            'openItem',
            'openAgents',
            'caption',
            'noAgents',
        ];
        const out: Record<string, string> = {};
        for (const k of keys) out[k] = format(l, `ui.live.${k}`);
        out.name = format(l, 'ui.live.col.name');
        out.status = format(l, 'ui.live.col.status');
        out.work = format(l, 'ui.live.col.work');
        out.capacity = format(l, 'ui.live.col.capacity');
        out.state = format(l, 'ui.live.col.state');
        out.reading = format(l, 'ui.live.reading');
        return out;
    }

    get hasResult(): boolean {
        return this.result !== undefined;
    }

    get headline(): string {
        return this.result ? format(this.labels, this.result.headline.key, this.result.headline.params) : '';
    }

    get headlineClass(): string {
        const state = this.result?.state;
        const theme =
            state === 'stuck'
                ? 'slds-theme_error'
                : state === 'flowing' || state === 'idle'
                  ? 'slds-theme_success'
                  : 'slds-theme_warning';
        return `slds-notify slds-notify_alert slds-m-vertical_small ${theme}`;
    }

    get lastReadText(): string {
        return this.result
            ? format(this.labels, 'ui.live.lastRead', { time: formatTime(this.labels, this.result.readAt) })
            : '';
    }

    get waitingText(): string {
        const w = this.result?.waiting;
        if (!w || w.count === null) return '—';
        return w.more ? format(this.labels, 'ui.live.more', { count: w.count }) : String(w.count);
    }

    get oldestText(): string {
        const seconds = this.result?.waiting.oldestSeconds;
        if (seconds === null || seconds === undefined) return '—';
        return format(this.labels, 'ui.live.duration', { minutes: Math.floor(seconds / 60), seconds: seconds % 60 });
    }

    get notReadyText(): string {
        return this.result?.waiting.count === null ? '—' : String(this.result?.waiting.notReady ?? 0);
    }

    get canTakeText(): string {
        return String(this.result?.canTake ?? 0);
    }

    get nextText(): string {
        const r = this.result;
        return r && r.state === 'flowing' ? format(this.labels, r.next.reason.key, r.next.reason.params) : '';
    }

    get hasWhy(): boolean {
        return (this.result?.why.length ?? 0) > 0;
    }

    get why(): WhyView[] {
        return (this.result?.why ?? []).map((w) => ({
            key: w.code,
            text: format(this.labels, w.reason.key, w.reason.params),
            itemId: w.fix.itemId,
            hasItem: w.fix.itemId !== null,
            userIds: w.fix.userIds.join(','),
            hasAgents: w.fix.userIds.length > 0,
        }));
    }

    get hasAgents(): boolean {
        return (this.result?.agents.length ?? 0) > 0;
    }

    get showNoAgents(): boolean {
        return this.result !== undefined && this.result.state !== 'notSetUp' && this.result.agents.length === 0;
    }

    get agentsMoreText(): string {
        const count = this.result?.agents.length ?? 0;
        return count > SHOWN_AGENTS ? format(this.labels, 'ui.live.agentsMore', { shown: SHOWN_AGENTS, count }) : '';
    }

    get elsewhereText(): string {
        const count = this.result?.onlineElsewhere ?? 0;
        return count > 0 ? format(this.labels, 'ui.live.elsewhere', { count }) : '';
    }

    get rows(): AgentRowView[] {
        const unknown = format(this.labels, 'ui.agents.unknown');
        return (this.result?.agents ?? []).slice(0, SHOWN_AGENTS).map((a) => ({
            key: a.userId,
            name: a.name,
            status: a.statusLabel,
            work: a.activeItems === null ? unknown : String(a.activeItems),
            capacity: a.used === null || a.capacity === null ? unknown : `${a.used} / ${a.capacity}`,
            state: format(this.labels, a.reason.key, a.reason.params),
            stateKey: a.state,
            icon: a.state === 'canTake' ? 'utility:success' : a.state === 'unknown' ? 'utility:help' : 'utility:ban',
            variant: a.state === 'canTake' ? 'success' : a.state === 'unknown' ? '' : 'error',
        }));
    }

    handleRefresh(): void {
        this.read();
    }

    handleOpenItem(event: Event): void {
        const itemId = (event.currentTarget as HTMLElement).dataset.item;
        this.dispatchEvent(new CustomEvent('openitem', { detail: { itemId } }));
    }

    handleOpenAgents(event: Event): void {
        const ids = (event.currentTarget as HTMLElement).dataset.users ?? '';
        this.dispatchEvent(new CustomEvent('openagents', { detail: { userIds: ids.split(',').filter((i) => i) } }));
    }

    /** The last rows read (for the tests). */
    get lastLiveRead(): LiveRead | undefined {
        return this.lastRead;
    }
}
