import { LightningElement, api } from 'lwc';
import type { ChoiceErrorView, Option } from 'c/setupViewModel';

export interface ChoicesLabels {
    readonly title: string;
    readonly capacity: string;
    readonly capacityHelp: string;
    readonly chatObject: string;
    readonly agentProfiles: string;
    readonly availableProfiles: string;
    readonly search: string;
    readonly move: string;
    readonly moveDirectUsers: string;
    readonly separateOnlineStatus: string;
    readonly save: string;
}

/**
 * The admin's choices before fixing: capacity (with the units × capacity explanation), chat object, agent
 * profiles (searchable, so 1,000 profiles stay usable) and which profiles may move from another presence
 * configuration. Errors come from the engine's validateChoices and show inline under their field.
 */
export default class SetupChoices extends LightningElement {
    @api labels?: ChoicesLabels;
    @api capacity: number | null = null;
    @api chatObject = '';
    @api agentProfileIds: readonly string[] = [];
    @api moveProfileIds: readonly string[] = [];
    @api profileOptions: readonly Option[] = [];
    @api moveOptions: readonly Option[] = [];
    @api errors: readonly ChoiceErrorView[] = [];
    /** Agents are assigned directly to other configurations: offer to move them too (never by default). */
    @api offerMoveDirectUsers = false;
    @api moveDirectUsers = false;
    /** The agents already use Online statuses: SimplyChat joins them unless a separate status is chosen. */
    @api offerSeparateOnlineStatus = false;
    @api separateOnlineStatus = false;
    @api disabled = false;

    private errorFor(prefix: string): string {
        return this.errors
            .filter((e) => e.field === prefix || e.field.startsWith(`${prefix}.`))
            .map((e) => e.text)
            .join(' ');
    }

    get capacityError(): string {
        return this.errorFor('capacity');
    }

    get chatObjectError(): string {
        return this.errorFor('chatObject');
    }

    get profilesError(): string {
        return [this.errorFor('agentProfileIds'), this.errorFor('moveProfileIds'), this.errorFor('names')]
            .filter((t) => t)
            .join(' ');
    }

    get capacityValue(): string {
        return this.capacity === null || this.capacity === undefined ? '' : String(this.capacity);
    }

    get hasMoveOptions(): boolean {
        return this.moveOptions.length > 0;
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

    handleProfiles(event: CustomEvent<{ value: string[] }>): void {
        this.emit('agentProfileIds', event.detail.value);
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

    handleSearch(event: CustomEvent<{ value: string }>): void {
        this.dispatchEvent(new CustomEvent('profilesearch', { detail: { term: event.detail.value } }));
    }

    handleSave(): void {
        this.dispatchEvent(new CustomEvent('save'));
    }
}
