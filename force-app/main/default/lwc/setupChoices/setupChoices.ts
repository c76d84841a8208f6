import { LightningElement, api } from 'lwc';
import LOCALE from '@salesforce/i18n/locale';
import { PICKER_PAGE, profilePicker, type Option, type ProfilePicker } from 'c/choicesView';
import type { OrgSnapshot } from 'c/setupEngine';
import { LABELS } from 'c/setupLabels';
import { withLocale, type ChoiceErrorView } from 'c/setupText';

export interface ChoicesLabels {
    readonly capacity: string;
    readonly capacityHelp: string;
    readonly chatObject: string;
    readonly agentProfiles: string;
    readonly chosenProfiles: string;
    readonly availableProfiles: string;
    readonly search: string;
    readonly showMore: string;
    readonly noMatch: string;
    readonly profilesUnavailable: string;
    readonly move: string;
    readonly moveDirectUsers: string;
    readonly separateOnlineStatus: string;
    readonly queueMembers: string;
    readonly queueMembersAgentUsers: string;
    readonly queueMembersPublicGroup: string;
    readonly publicGroup: string;
    readonly publicGroupPlaceholder: string;
    readonly publicGroupsUnavailable: string;
    readonly sharedRouting?: string;
    readonly save: string;
    readonly discard: string;
    readonly draft: string;
}

interface Validatable {
    setCustomValidity(message: string): void;
    reportValidity(): boolean;
}

const EMPTY_PICKER: ProfilePicker = {
    chosen: { options: [], matching: 0, countText: '', moreText: '' },
    available: { options: [], matching: 0, countText: '', moreText: '' },
    unavailable: false,
};

/**
 * The admin's choices: capacity (with the units × capacity explanation and a warning when unusually high), chat
 * object, agent profiles (a picker made for 1,000 profiles: one search over both sides, a page of each side with
 * "and N more") and which profiles may move from another presence configuration. The fields are a draft until
 * saved; errors show on the field itself (linked to it for screen readers) once the admin leaves it.
 */
export default class SetupChoices extends LightningElement {
    @api labels?: ChoicesLabels;
    /** The capacity exactly as typed, so "abc" stays visible with its error. */
    @api capacityText = '';
    @api capacityWarning = '';
    @api chatObject = '';
    @api agentProfileIds: readonly string[] = [];
    @api moveProfileIds: readonly string[] = [];
    /**
     * The org as read: the picker is then made here from the search and pages it keeps itself, so a keystroke
     * re-renders only this component, not the whole tab. Without a snapshot the picker given is shown.
     */
    @api snapshot?: OrgSnapshot;

    @api
    get picker(): ProfilePicker {
        return this.snapshot ? this.ownPicker(this.snapshot) : this.givenPicker;
    }
    set picker(value: ProfilePicker) {
        this.givenPicker = value ?? EMPTY_PICKER;
    }
    private givenPicker: ProfilePicker = EMPTY_PICKER;

    /** The search over both sides of the picker (a new search shows the first page of each side again). */
    @api
    get search(): string {
        return this.term;
    }
    set search(value: string) {
        this.searchFor(value ?? '');
    }

    private searchFor(term: string): void {
        this.term = term;
        this.shown = { chosen: PICKER_PAGE, available: PICKER_PAGE };
    }
    term = '';
    shown = { chosen: PICKER_PAGE, available: PICKER_PAGE };

    private readonly textLabels = withLocale(LABELS, LOCALE);
    private pickerCache?: {
        snapshot: OrgSnapshot;
        chosen: readonly string[];
        term: string;
        shown: { chosen: number; available: number };
        out: ProfilePicker;
    };

    /** The picker on the snapshot, made again only when the snapshot, the chosen profiles, search or pages change. */
    private ownPicker(snapshot: OrgSnapshot): ProfilePicker {
        const cache = this.pickerCache;
        if (
            cache &&
            cache.snapshot === snapshot &&
            cache.chosen === this.agentProfileIds &&
            cache.term === this.term &&
            cache.shown === this.shown
        )
            return cache.out;
        const out = profilePicker(this.textLabels, snapshot, this.agentProfileIds, this.term, this.shown);
        this.pickerCache = { snapshot, chosen: this.agentProfileIds, term: this.term, shown: this.shown, out };
        return out;
    }
    @api moveOptions: readonly Option[] = [];
    @api errors: readonly ChoiceErrorView[] = [];
    /** Agents are assigned directly to other configurations: offer to move them too (never by default). */
    @api offerMoveDirectUsers = false;
    @api moveDirectUsers = false;
    /** The agents already use Online statuses: SimplyChat joins them unless a separate status is chosen. */
    @api offerSeparateOnlineStatus = false;
    @api separateOnlineStatus = false;
    /** Item 13: agents are outside the chat queue: offer what to add (each agent user, or a public group). */
    @api offerQueueMembers = false;
    /** '' (not chosen), 'agentUsers' or 'publicGroup'. */
    @api queueMembersKind = '';
    /** Developer name of the chosen public group. */
    @api publicGroup = '';
    @api publicGroupOptions: readonly Option[] = [];
    /** The org's public groups could not be read: the group's developer name is typed instead. */
    @api publicGroupsUnavailable = false;
    /** Item 5: a routing configuration other queues use too: what to do with it (null: not asked). */
    @api sharedRouting: { readonly options: readonly Option[]; readonly value: string } | null = null;
    @api draft = false;
    @api disabled = false;

    get queueMembersOptions(): Option[] {
        return [
            { label: this.labels?.queueMembersAgentUsers ?? '', value: 'agentUsers' },
            { label: this.labels?.queueMembersPublicGroup ?? '', value: 'publicGroup' },
        ];
    }

    get showPublicGroup(): boolean {
        return this.queueMembersKind === 'publicGroup';
    }

    get queueMembersError(): string {
        return this.errorFor('queueMembers');
    }

    /** A native select (SLDS): its error is linked by aria-describedby and marked with aria-invalid. */
    get publicGroupChoices(): { label: string; value: string; selected: boolean }[] {
        return this.publicGroupOptions.map((o) => ({ ...o, selected: o.value === this.publicGroup }));
    }

    get publicGroupInvalid(): string {
        return this.queueMembersError ? 'true' : 'false';
    }

    get publicGroupClass(): string {
        return `slds-form-element${this.queueMembersError ? ' slds-has-error' : ''}`;
    }

    private errorFor(prefix: string): string {
        return this.errors
            .filter((e) => e.field === prefix || e.field.startsWith(`${prefix}.`))
            .map((e) => e.text)
            .join(' ');
    }

    get profilesError(): string {
        return [this.errorFor('agentProfileIds'), this.errorFor('moveProfileIds'), this.errorFor('names')]
            .filter((t) => t)
            .join(' ');
    }

    get hasMoveOptions(): boolean {
        return this.moveOptions.length > 0;
    }

    get sides(): {
        id: string;
        title: string;
        headingId: string;
        listId: string;
        moreId: string;
        countText: string;
        moreText: string;
        checked: boolean;
        none: boolean;
        options: readonly Option[];
    }[] {
        return (['chosen', 'available'] as const).map((id) => {
            const side = this.picker[id];
            return {
                id,
                title: id === 'chosen' ? (this.labels?.chosenProfiles ?? '') : (this.labels?.availableProfiles ?? ''),
                headingId: `${id}-heading`,
                listId: `${id}-list`,
                moreId: `${id}-more`,
                countText: side.countText,
                moreText: side.moreText,
                checked: id === 'chosen',
                none: side.options.length === 0,
                options: side.options,
            };
        });
    }

    /** Shows each field's error on the field (lightning-input links the message to its input). */
    override renderedCallback(): void {
        for (const field of ['capacity', 'chatObject', 'queueMembers', 'sharedRoutingConfig']) {
            const input = this.template?.querySelector(`[data-field="${field}"]`) as unknown as Validatable | null;
            // The public group select shows its error itself (no browser bubble).
            if (!input || input instanceof HTMLSelectElement || typeof input.setCustomValidity !== 'function') continue;
            input.setCustomValidity(this.errorFor(field));
            input.reportValidity();
        }
    }

    /** Moves the focus to the first field with an error (after a plan was refused). */
    @api
    focusFirstError(): void {
        const order: [string, string][] = [
            ['capacity', '[data-id="capacity"]'],
            ['chatObject', '[data-id="chat-object"]'],
            ['agentProfileIds', '[data-id="search"]'],
            ['queueMembers', '[data-field="queueMembers"]'],
            ['sharedRoutingConfig', '[data-field="sharedRoutingConfig"]'],
        ];
        const first = order.find(([field]) => this.errorFor(field));
        if (first) this.template?.querySelector<HTMLElement>(first[1])?.focus();
    }

    private emit(field: string, value: unknown): void {
        this.dispatchEvent(new CustomEvent('choicechange', { detail: { field, value } }));
    }

    handleCapacity(event: CustomEvent<{ value: string }>): void {
        this.emit('capacity', event.detail.value);
    }

    handleChatObject(event: CustomEvent<{ value: string }>): void {
        this.emit('chatObject', event.detail.value);
    }

    handleBlur(event: Event): void {
        const field = (event.currentTarget as HTMLElement).dataset.field;
        this.dispatchEvent(new CustomEvent('choiceblur', { detail: { field } }));
    }

    handleToggleProfile(event: Event): void {
        const input = event.target as HTMLInputElement;
        const ids = input.checked
            ? [...this.agentProfileIds, input.value]
            : this.agentProfileIds.filter((id) => id !== input.value);
        this.emit('agentProfileIds', ids);
        this.dispatchEvent(new CustomEvent('choiceblur', { detail: { field: 'agentProfileIds' } }));
    }

    handleMoves(event: CustomEvent<{ value: string[] }>): void {
        this.emit('moveProfileIds', event.detail.value);
    }

    handleMoveDirectUsers(event: CustomEvent<{ checked: boolean }>): void {
        this.emit('moveDirectUsers', event.detail.checked);
    }

    handleSeparateOnlineStatus(event: CustomEvent<{ checked: boolean }>): void {
        this.emit('separateOnlineStatus', event.detail.checked);
    }

    handleQueueMembersKind(event: CustomEvent<{ value: string }>): void {
        const kind = event.detail.value;
        this.emit(
            'queueMembers',
            kind === 'publicGroup' ? { kind, groupDeveloperName: this.publicGroup } : { kind: 'agentUsers' }
        );
    }

    handleSharedRouting(event: CustomEvent<{ value: string }>): void {
        this.emit('sharedRoutingConfig', event.detail.value);
    }

    handlePublicGroup(event: CustomEvent<{ value: string }>): void {
        this.emit('queueMembers', { kind: 'publicGroup', groupDeveloperName: String(event.detail.value ?? '').trim() });
    }

    handlePublicGroupSelect(event: Event): void {
        const value = (event.target as HTMLSelectElement).value;
        this.emit('queueMembers', { kind: 'publicGroup', groupDeveloperName: value });
    }

    handleSearch(event: CustomEvent<{ value: string }>): void {
        this.searchFor(event.detail.value ?? '');
        this.dispatchEvent(new CustomEvent('profilesearch', { detail: { term: this.term } }));
    }

    handleShowMore(event: Event): void {
        const side = (event.currentTarget as HTMLElement).dataset.side;
        if (side === 'chosen' || side === 'available') {
            this.shown = { ...this.shown, [side]: this.shown[side] + PICKER_PAGE };
        }
        this.dispatchEvent(new CustomEvent('showmore', { detail: { side } }));
    }

    handleSave(): void {
        this.dispatchEvent(new CustomEvent('save'));
    }

    handleDiscard(): void {
        this.dispatchEvent(new CustomEvent('discard'));
    }
}
