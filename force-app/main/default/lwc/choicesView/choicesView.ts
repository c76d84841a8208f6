/**
 * The admin's choices as the form shows them: validation messages by field, the profile picker, the profiles to
 * move, public groups and capacity. No DOM and no Apex.
 */
import {
    DEFAULT_CAPACITY,
    SHARED_ROUTING_CHOICES,
    sharedRoutingChoice,
    validateChoices,
    type ChecklistItem,
    type OrgSnapshot,
    type ParamValue,
    type SetupChoices,
} from 'c/setupEngine';
import { format, reasonText, type ChoiceErrorView, type Labels } from 'c/setupText';

/** The engine's validation of the choices, as inline messages by field. */
export function choiceErrors(labels: Labels, choices: SetupChoices, snapshot?: OrgSnapshot): ChoiceErrorView[] {
    return validateChoices(choices, snapshot).map((e) => ({ field: e.field, text: reasonText(labels, e.reason) }));
}

/** The top-level choice a validation field belongs to (`names.queue.label` → `names`). */
export function choiceField(field: string): string {
    return field.split('.')[0];
}

/** The errors of the fields the admin has left (validation on blur), or all of them (`'all'`, before a plan). */
export function visibleChoiceErrors(
    labels: Labels,
    choices: SetupChoices,
    snapshot: OrgSnapshot | undefined,
    touched: readonly string[] | 'all'
): ChoiceErrorView[] {
    return choiceErrors(labels, choices, snapshot).filter(
        (e) => touched === 'all' || touched.includes(choiceField(e.field))
    );
}

/** The public groups an admin may add to the chat queue (item 13), by name; `unavailable` when not read. */
export function publicGroupOptions(snapshot: OrgSnapshot | undefined): {
    options: Option[];
    unavailable: boolean;
} {
    const part = snapshot?.publicGroups;
    if (!part || part.status !== 'read') return { options: [], unavailable: true };
    const options = [...part.records]
        .sort((a, b) => a.Name.localeCompare(b.Name))
        .map((g) => ({ label: `${g.Name} (${g.DeveloperName})`, value: g.DeveloperName }));
    return { options, unavailable: false };
}

/**
 * Item 5's choice for a routing configuration other queues use too, offered while item 5 needs it: keep, update
 * (naming the queues whose routing changes with it) or own; the value as the engine reads the choices. Null when
 * item 5 does not ask.
 */
export function sharedRoutingOptions(
    labels: Labels,
    items: readonly ChecklistItem[],
    choices: SetupChoices
): { options: Option[]; value: string } | null {
    const routing = items.find((i) => i.id === 'routingConfig');
    if (!routing || routing.status === 'pass' || !routing.needs.includes('sharedRoutingConfig')) return null;
    const queues = String(routing.reason.params?.queues ?? '');
    return {
        options: SHARED_ROUTING_CHOICES.map((value) => ({
            label: format(labels, `ui.choices.sharedRouting.${value}`, { queues }),
            value,
        })),
        value: sharedRoutingChoice(choices),
    };
}

/** Above this many chats at once the tab asks the admin to make sure (valid, but rarely meant). */
export const CAPACITY_WARNING_ABOVE = 20;

/** A warning for a valid but unusually high capacity; empty otherwise. */
export function capacityWarning(labels: Labels, capacity: number | null): string {
    return capacity !== null && Number.isInteger(capacity) && capacity > CAPACITY_WARNING_ABOVE
        ? format(labels, 'ui.choices.capacityHigh', { capacity, usual: CAPACITY_WARNING_ABOVE })
        : '';
}

/** True when the draft differs from the saved choices. */
export function isDraft(saved: SetupChoices, draft: SetupChoices): boolean {
    return JSON.stringify(saved) !== JSON.stringify(draft);
}

/** One line summing up the saved choices, shown while the choices are collapsed. */
export function choicesSummary(labels: Labels, choices: SetupChoices, createsConfig = false): string {
    let capacity: ParamValue = choices.capacity ?? format(labels, 'ui.choices.capacityKeep');
    if (choices.capacity === null && createsConfig)
        capacity = format(labels, 'ui.choices.capacityDefault', { capacity: DEFAULT_CAPACITY });
    const parts = [
        format(labels, 'ui.choices.summary', {
            capacity,
            chatObject: choices.chatObject,
            count: choices.agentProfileIds.length,
        }),
    ];
    // The answers Fix all asks for, once given: what is added to the queue, and what becomes of a shared configuration.
    const members = choices.queueMembers;
    if (members?.kind === 'agentUsers') parts.push(format(labels, 'ui.choices.summary.queueMembers.agentUsers'));
    if (members?.kind === 'publicGroup')
        parts.push(
            format(labels, 'ui.choices.summary.queueMembers.publicGroup', { group: members.groupDeveloperName })
        );
    const shared = sharedRoutingChoice(choices);
    if (shared === 'update' || shared === 'own')
        parts.push(format(labels, `ui.choices.summary.sharedRouting.${shared}`));
    return parts.join(' · ');
}

/** The capacity the form holds: empty → null (keep existing); anything else → the number typed (validated later). */
export function parseCapacity(value: string | number | null | undefined): number | null {
    if (value === null || value === undefined || String(value).trim() === '') return null;
    return Number(value);
}

export interface Option {
    readonly label: string;
    readonly value: string;
}

/** One side of the profile picker: the matching profiles shown so far, and how many more match. */
export interface PickerSide {
    readonly options: readonly Option[];
    /** Profiles on this side matching the search. */
    readonly matching: number;
    /** "12 of 1,000 shown" style count for the side's heading. */
    readonly countText: string;
    /** "and 975 more" when not every match is shown; empty otherwise. */
    readonly moreText: string;
}

export interface ProfilePicker {
    readonly chosen: PickerSide;
    readonly available: PickerSide;
    readonly unavailable: boolean;
}

/** How many profiles each side of the picker shows at first, and adds with each "Show more". */
export const PICKER_PAGE = 25;

/**
 * The agent profile picker made for large orgs: the search filters both sides (chosen and available), each side
 * shows a page of matches (`shown` per side) with "and N more", available profiles with the most Service Cloud
 * users first. Work is one pass over the profiles, so a keystroke stays fast with 1,000 of them.
 */
export function profilePicker(
    labels: Labels,
    snapshot: OrgSnapshot,
    chosen: readonly string[],
    search = '',
    shown: { chosen: number; available: number } = { chosen: PICKER_PAGE, available: PICKER_PAGE }
): ProfilePicker {
    const empty = (): PickerSide => ({ options: [], matching: 0, countText: '', moreText: '' });
    if (snapshot.profiles.status !== 'read') return { chosen: empty(), available: empty(), unavailable: true };
    const term = search.trim().toLowerCase();
    const selected = new Set(chosen);
    type Profile = { Id: string; Name: string; UserCount: number; ServiceCloudUserCount: number };
    const picked: Profile[] = [];
    const rest: Profile[] = [];
    for (const p of snapshot.profiles.records) {
        if (term && !p.Name.toLowerCase().includes(term)) continue;
        (selected.has(p.Id) ? picked : rest).push(p);
    }
    picked.sort((a, b) => a.Name.localeCompare(b.Name));
    rest.sort((a, b) => b.ServiceCloudUserCount - a.ServiceCloudUserCount || a.Name.localeCompare(b.Name));
    const side = (list: Profile[], limit: number): PickerSide => {
        const options = list.slice(0, limit).map((p) => ({
            label: format(labels, 'ui.choices.profileOption', { name: p.Name, users: p.UserCount, count: p.UserCount }),
            value: p.Id,
        }));
        return {
            options,
            matching: list.length,
            countText: format(labels, 'ui.choices.shown', { shown: options.length, count: list.length }),
            moreText:
                list.length > options.length
                    ? format(labels, 'ui.plan.more', { count: list.length - options.length })
                    : '',
        };
    };
    return { chosen: side(picked, shown.chosen), available: side(rest, shown.available), unavailable: false };
}

/** Agent profiles that sit in another presence configuration: the admin ticks the ones to move. */
export function moveOptions(labels: Labels, items: readonly ChecklistItem[]): Option[] {
    const presence = items.find((i) => i.id === 'presenceConfig');
    return (presence?.details ?? []).flatMap((d) => {
        if (d.kind !== 'profileInOtherConfig') return [];
        return [
            {
                label: format(labels, 'ui.choices.moveOption', { profile: d.profileName, config: d.configName }),
                value: d.profileId,
            },
        ];
    });
}

export function capacityHelp(labels: Labels): string {
    return format(labels, 'ui.choices.capacityHelp', { default: DEFAULT_CAPACITY });
}
