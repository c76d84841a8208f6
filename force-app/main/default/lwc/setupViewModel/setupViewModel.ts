/**
 * The setup tab's view model: everything the page shows, worked out from the engine's output and the labels,
 * with no DOM and no Apex. The components stay declarative; every decision is here and unit-tested.
 */
import {
    DEFAULT_CAPACITY,
    DEPENDENCIES,
    describeOperation,
    FLOW_API_NAME,
    FLOW_LABEL,
    evaluate,
    ITEM_IDS,
    plan,
    simulate,
    validateChoices,
    type ChecklistItem,
    type ChoiceKey,
    type ConnectionStatus,
    type ConnectionStepState,
    type Detail,
    type ItemId,
    type ItemStatus,
    type Operation,
    type OrgSnapshot,
    type ParamValue,
    type Reason,
    type SetupChoices,
} from 'c/setupEngine';

import {
    format,
    formatNumber,
    formatTime,
    itemTitle,
    koreanParticle,
    LOCALE_KEY,
    cutReasonText,
    reasonText,
    serverError,
    withLocale,
    type ChoiceErrorView,
    type Labels,
} from 'c/setupText';

/** The text functions live in c/setupText; the page's components and tests also find them here. */
export { format, formatNumber, formatTime, koreanParticle, LOCALE_KEY, reasonText, serverError, withLocale };
export type { ChoiceErrorView, Labels };

/** The fixed strings of the page, by name, for the template. */
export function uiText(labels: Labels): Readonly<Record<string, string>> {
    const names = [
        'title',
        'subtitle',
        'loading',
        'retry',
        'recheck',
        'fixAll',
        'fix',
        'showDetails',
        'hideDetails',
        'reportText',
        'reportJson',
        'retryFailed',
    ];
    return {
        ...Object.fromEntries(names.map((name) => [name, format(labels, `ui.${name}`)])),
        successTitle: format(labels, 'ui.success.title'),
        successNext: format(labels, 'ui.success.next'),
        choicesTitle: format(labels, 'ui.choices.title'),
    };
}

const STATUS_ICONS: Readonly<Record<ItemStatus, { icon: string; variant: string }>> = {
    pass: { icon: 'utility:success', variant: 'success' },
    fail: { icon: 'utility:error', variant: 'error' },
    warning: { icon: 'utility:warning', variant: 'warning' },
    blocked: { icon: 'utility:lock', variant: '' },
    unknown: { icon: 'utility:help', variant: '' },
};

export function detailText(labels: Labels, detail: Detail): string {
    switch (detail.kind) {
        case 'record':
            return format(labels, 'ui.detail.record', { label: detail.label, developerName: detail.developerName });
        case 'fieldMismatch':
            return format(labels, 'ui.detail.fieldMismatch', {
                field: detail.field,
                expected: detail.expected || '—',
                actual: detail.actual || '—',
            });
        case 'missingPermission':
            return format(labels, 'ui.detail.missingPermission', {
                permission: format(labels, `ui.permission.${detail.permission}`),
            });
        case 'profileUnassigned':
            return format(labels, 'ui.detail.profileUnassigned', { profile: detail.profileName });
        case 'profileOnDefaultConfig':
            return format(labels, 'ui.detail.profileOnDefaultConfig', {
                profile: detail.profileName,
                config: detail.configName,
                capacity: detail.capacity,
            });
        case 'profileInOtherConfig': {
            const where = format(
                labels,
                detail.willMove ? 'ui.detail.profileInOtherConfigMove' : 'ui.detail.profileInOtherConfig',
                {
                    profile: detail.profileName,
                    config: detail.configName,
                }
            );
            if (detail.otherProfiles.length === 0 && detail.otherUserCount === 0) return where;
            return `${where} ${format(labels, 'ui.detail.configAlsoUsedBy', {
                profiles: detail.otherProfiles.join(', ') || '—',
                users: detail.otherUserCount,
            })}`;
        }
        case 'usersInOtherConfig':
            return format(
                labels,
                detail.willMove ? 'ui.detail.usersInOtherConfigMove' : 'ui.detail.usersInOtherConfig',
                {
                    count: detail.userCount,
                    profile: detail.profileName,
                    name: detail.firstUserName,
                    config: detail.configName,
                }
            );
        case 'statusGetsChannel':
            return format(labels, 'ui.detail.statusGetsChannel', {
                label: detail.label,
                developerName: detail.developerName,
            });
        case 'accessThroughPermissionSets':
            return format(labels, 'ui.detail.accessThroughPermissionSets', {
                count: detail.userCount,
                profile: detail.profileName,
                permissionSets: detail.permissionSets.join(', '),
            });
        case 'profileMissingAccess':
            return format(labels, 'ui.detail.profileMissingAccess', {
                profile: detail.profileName,
                statuses: detail.missingStatuses.join(', '),
            });
        case 'profileNotInQueue':
            return format(labels, 'ui.detail.profileNotInQueue', {
                profile: detail.profileName,
                count: detail.userCount - detail.memberCount,
                users: detail.userCount,
            });
        case 'unresolvedQueueMember':
            return format(labels, 'ui.detail.unresolvedQueueMember', {
                name: detail.name,
                type: detail.groupType || '—',
            });
        case 'profileWithoutOmniApp':
            return format(labels, 'ui.detail.profileWithoutOmniApp', {
                profile: detail.profileName,
                apps: detail.consoleApps.join(', ') || '—',
            });
        case 'settingValue':
            return format(labels, 'ui.detail.settingValue', { field: detail.field, expected: detail.expected });
        case 'manualStep':
            return reasonText(labels, detail.step);
        case 'unreadable':
            return format(labels, 'ui.detail.unreadable', {
                part: detail.part,
                code: detail.code,
                message: detail.message,
            });
        default:
            return '';
    }
}

export interface RowView {
    readonly id: ItemId;
    readonly order: number;
    readonly title: string;
    readonly status: ItemStatus;
    readonly statusLabel: string;
    readonly iconName: string;
    readonly iconVariant: string;
    readonly reason: string;
    /** The reason naming every name when `reason` cuts a list ("and N more"); '' when nothing is cut. */
    readonly reasonFull: string;
    /** Each detail's text; a manual step also has a link (url, with its text) to the Setup page. */
    readonly details: readonly {
        readonly key: string;
        readonly text: string;
        readonly url: string;
        readonly linkText: string;
    }[];
    readonly hasDetails: boolean;
    readonly fixable: boolean;
    readonly fixAriaLabel: string;
    readonly noFixText: string;
    /** "Last attempt failed (code)" when the last fix of this item failed; empty otherwise. */
    readonly failure: string;
    /** The Setup page where the item lives, to check or change it by hand. */
    readonly setupLink?: { readonly href: string; readonly text: string };
    /** Item 1 while the connection does not work: the connection assistant's steps. */
    readonly connectionSteps?: readonly ConnectionStep[];
    readonly connectionTitle?: string;
    readonly copiedText?: string;
}

/**
 * UNVERIFIED (docs/org-verification.md): the Lightning Experience Setup page of each item, as a path under
 * /lightning/setup/. An item not listed has no link.
 */
export const SETUP_PAGES: Readonly<Partial<Record<string, string>>> = {
    apiAccess: 'NamedCredential',
    permissions: 'PermSets',
    omniChannel: 'OmniChannelSettings',
    serviceChannel: 'ServiceChannel',
    routingConfig: 'QueueRoutingConfig',
    queue: 'Queues',
    onlineStatus: 'ServicePresenceStatus',
    busyStatus: 'ServicePresenceStatus',
    presenceConfig: 'PresenceUserConfig',
    profileAccess: 'EnhancedProfiles',
    flow: 'Flows',
    scSetup: 'CustomSettings',
    queueMembers: 'Queues',
    agentApps: 'NavigationMenus',
};

export function setupLink(labels: Labels, itemId: string, title: string): RowView['setupLink'] {
    const page = SETUP_PAGES[itemId];
    return page
        ? { href: `/lightning/setup/${page}/home`, text: format(labels, 'ui.openInSetup', { item: title }) }
        : undefined;
}

/** The last failed attempt to fix an item, kept by the tab until the item passes or is fixed again. */
export interface ItemFailure {
    readonly code: string;
    readonly message: string;
}

export type Failures = Readonly<Partial<Record<string, ItemFailure>>>;

/** How many profile names a plan line shows before "and N more". */
export const PLAN_LIST_LIMIT = 10;

/** An item's reason for its row: every list longer than LIST_LIMIT is cut to "and N more" (c/setupText). */
export function rowReasonText(labels: Labels, reason: Reason): string {
    return cutReasonText(labels, reason).text;
}

/** The reason with every name, when the row's reason is cut (the row's expander shows it); else ''. */
function reasonFull(labels: Labels, reason: Reason): string {
    const cut = cutReasonText(labels, reason);
    return cut.cut ? cut.full : '';
}

export function rowView(labels: Labels, item: ChecklistItem, failure?: ItemFailure): RowView {
    const icon = STATUS_ICONS[item.status];
    const details = item.details.map((detail, index) => ({
        key: `${item.id}-${index}`,
        text: detailText(labels, detail),
        url: detail.kind === 'manualStep' ? detail.url : '',
        linkText: detail.kind === 'manualStep' ? format(labels, 'ui.detail.openInSetup') : '',
    }));
    const title = itemTitle(labels, item.id);
    return {
        id: item.id,
        order: item.order,
        title,
        status: item.status,
        statusLabel: format(labels, `ui.status.${item.status}`),
        iconName: icon.icon,
        iconVariant: icon.variant,
        reason: rowReasonText(labels, item.reason),
        reasonFull: reasonFull(labels, item.reason),
        details,
        hasDetails: details.length > 0,
        fixable: item.fix.available,
        fixAriaLabel: format(labels, 'ui.fixAria', { item: title }),
        noFixText:
            item.fix.available || item.status === 'pass'
                ? ''
                : format(labels, 'ui.fixUnavailable', { reason: cutReasonText(labels, item.fix.reason).text }),
        setupLink: setupLink(labels, item.id, title),
        failure:
            failure && item.status !== 'pass'
                ? format(labels, 'ui.lastAttemptFailed', { code: failure.code, message: failure.message })
                : '',
    };
}

/** The groups of the checklist, in the order of Salesforce Setup; an item not listed goes to the last group. */
export const GROUPS: readonly { readonly id: string; readonly items: readonly string[] }[] = [
    { id: 'connection', items: ['apiAccess', 'permissions'] },
    { id: 'omniChannel', items: ['omniChannel', 'serviceChannel', 'routingConfig', 'queue'] },
    {
        id: 'agents',
        items: ['onlineStatus', 'busyStatus', 'presenceConfig', 'profileAccess', 'queueMembers', 'agentApps'],
    },
    { id: 'package', items: [] },
];

export interface GroupView {
    readonly id: string;
    readonly title: string;
    /** "3 of 4 ready" for the group's heading. */
    readonly progressText: string;
    readonly rows: readonly RowView[];
}

export function groupRows(labels: Labels, rows: readonly RowView[]): GroupView[] {
    const last = GROUPS[GROUPS.length - 1];
    return GROUPS.map((group) => {
        const inGroup = (r: RowView): boolean => {
            if (group === last) return !GROUPS.some((g) => g.items.includes(r.id));
            return group.items.includes(r.id);
        };
        const members = rows.filter(inGroup);
        const ready = members.filter((r) => r.status === 'pass').length;
        return {
            id: group.id,
            title: format(labels, `ui.group.${group.id}`),
            progressText: format(labels, 'ui.progress', { ready, total: members.length }),
            rows: members,
        };
    }).filter((g) => g.rows.length > 0);
}

// ------------------------------------------------------------------------------------- connection assistant

export type StepStatus = ConnectionStepState;

/** One step of the one-time API connection setup, as item 1 shows it. */
export interface ConnectionStep {
    readonly id: string;
    readonly order: number;
    readonly title: string;
    readonly status: StepStatus;
    readonly statusText: string;
    readonly badgeClass: string;
    /** The status as an SLDS utility icon (decorative: the status text says it). */
    readonly iconName: string;
    /** Exact values to paste, each with its own copy button. */
    readonly values: readonly {
        readonly key: string;
        readonly label: string;
        readonly value: string;
        readonly copyLabel: string;
    }[];
    readonly link: { readonly href: string; readonly text: string };
}

/** The connection's names as the package ships them (force-app/main/default/namedCredentials, externalCredentials). */
export const CONNECTION = {
    authProviderSuffix: 'SimplyChat_Setup',
    scopes: 'api refresh_token id',
} as const;

/**
 * UNVERIFIED (docs/org-verification.md): the Setup pages of the connection steps, as paths of this org.
 */
export const CONNECTION_PAGES: Readonly<Record<string, string>> = {
    clientApp: '/lightning/setup/ManageExternalClientApplication/home',
    authProvider: '/lightning/setup/AuthProviders/home',
    externalCredential: '/lightning/setup/NamedCredential/home',
    namedCredential: '/lightning/setup/NamedCredential/home',
    principalAccess: '/lightning/setup/PermSets/home',
    authenticate: '/lightning/settings/personal/ExternalCredentials/home',
};

const STEP_IDS = [
    'clientApp',
    'authProvider',
    'externalCredential',
    'namedCredential',
    'principalAccess',
    'authenticate',
];

/**
 * What the connection test (one REST query through the Named Credential) proves about each step. It cannot tell
 * the steps before the credential apart, nor a missing principal access from a missing authentication: those show
 * as "needs attention" together until the org's own records say more (orgStepStatuses).
 */
function testedStatuses(access: OrgSnapshot['apiAccess']): Record<string, StepStatus> {
    const all = (status: StepStatus): Record<string, StepStatus> =>
        Object.fromEntries(STEP_IDS.map((id) => [id, status]));
    if (access.connection === 'ok') return all('done');
    if (access.connectionSetup === 'missing') return { ...all('unknown'), namedCredential: 'missing' };
    if (access.connection === 'unauthenticated') {
        return {
            ...all('unknown'),
            externalCredential: 'done',
            namedCredential: 'done',
            principalAccess: 'attention',
            authenticate: 'attention',
        };
    }
    if (access.connection === 'wrongOrg') return { ...all('done'), namedCredential: 'attention' };
    if (access.connection === 'error' && access.connectionSetup === 'present')
        return { ...all('unknown'), namedCredential: 'done' };
    return all('unknown');
}

/**
 * Each step's status: a working connection proves every step; otherwise what the org's records show for a step
 * (ConnectionStatusController.getConnectionStatus) wins over what the test suggests, and a step neither can see
 * "cannot be checked from here". A user credential that exists while the test gets 401 has expired or was
 * revoked: authenticate again.
 */
export function stepStatuses(
    access: OrgSnapshot['apiAccess'],
    org?: ConnectionStatus
): Readonly<Record<string, StepStatus>> {
    const tested = testedStatuses(access);
    if (access.connection === 'ok' || !org) return tested;
    const merged = Object.fromEntries(
        STEP_IDS.map((id) => {
            const known = org[id as keyof ConnectionStatus];
            return [id, known && known !== 'unknown' ? known : tested[id]];
        })
    );
    if (access.connection === 'unauthenticated' && merged.authenticate === 'done') merged.authenticate = 'attention';
    if (access.connection === 'wrongUser') merged.authenticate = 'attention';
    return merged;
}

const STEP_ICONS: Readonly<Record<StepStatus, string>> = {
    done: 'utility:success',
    attention: 'utility:warning',
    missing: 'utility:error',
    unknown: 'utility:help',
};

const STEP_BADGES: Readonly<Record<StepStatus, string>> = {
    done: 'slds-badge slds-theme_success',
    attention: 'slds-badge slds-theme_warning',
    missing: 'slds-badge slds-theme_error',
    unknown: 'slds-badge',
};

/** The connection assistant of item 1: each step with its status, the values to paste and its Setup page. */
export function connectionSteps(labels: Labels, snapshot: OrgSnapshot, org?: ConnectionStatus): ConnectionStep[] {
    const domain = snapshot.myDomainUrl ?? format(labels, 'ui.connection.yourDomain');
    const statuses = stepStatuses(snapshot.apiAccess, org);
    const value = (step: string, name: string, text: string) => {
        const label = format(labels, `ui.connection.value.${name}`);
        return {
            key: `${step}-${name}`,
            label,
            value: text,
            copyLabel: format(labels, 'ui.connection.copy', { value: label, step: STEP_IDS.indexOf(step) + 1 }),
        };
    };
    const values: Record<string, ReturnType<typeof value>[]> = {
        clientApp: [
            value('clientApp', 'callbackUrl', `${domain}/services/authcallback/${CONNECTION.authProviderSuffix}`),
            value('clientApp', 'scopes', CONNECTION.scopes),
        ],
        authProvider: [
            value('authProvider', 'urlSuffix', CONNECTION.authProviderSuffix),
            value('authProvider', 'authorizeUrl', `${domain}/services/oauth2/authorize`),
            value('authProvider', 'tokenUrl', `${domain}/services/oauth2/token`),
            value('authProvider', 'scopes', CONNECTION.scopes),
        ],
        externalCredential: [value('externalCredential', 'scopes', CONNECTION.scopes)],
        namedCredential: [value('namedCredential', 'myDomainUrl', domain)],
        principalAccess: [],
        authenticate: [],
    };
    return STEP_IDS.map((id, index) => {
        const title = format(labels, `ui.connection.step.${id}`);
        return {
            id,
            order: index + 1,
            title,
            status: statuses[id],
            statusText: format(labels, `ui.connection.status.${statuses[id]}`),
            badgeClass: STEP_BADGES[statuses[id]],
            iconName: STEP_ICONS[statuses[id]],
            values: values[id],
            link: { href: CONNECTION_PAGES[id], text: format(labels, 'ui.connection.open', { step: index + 1 }) },
        };
    });
}

export interface PageView {
    readonly items: readonly ChecklistItem[];
    readonly rows: readonly RowView[];
    readonly groups: readonly GroupView[];
    /** Every item is ready: the page shows the success state with next steps. */
    readonly allReady: boolean;
    /** Items whose last fix failed and that still need one: "Retry failed" plans these. */
    readonly failedIds: readonly ItemId[];
    readonly ready: number;
    readonly total: number;
    readonly progressText: string;
    readonly lastCheckedText: string;
    /** Percent of items ready, for the progress bar. */
    readonly progressValue: number;
    readonly canFixAny: boolean;
    /** Set when the user can only read: why. */
    readonly readOnlyText: string;
}

/**
 * The page for a snapshot, evaluated on the saved choices (edits are a draft until saved), with each item's last
 * failed attempt and, once read, the connection steps' states in the org.
 */
export function pageView(
    labels: Labels,
    snapshot: OrgSnapshot,
    failures: Failures = {},
    connection?: ConnectionStatus
): PageView {
    const items = evaluate(snapshot, snapshot.choices);
    const rows = items.map((item) => {
        const row = rowView(labels, item, failures[item.id]);
        return item.id === 'apiAccess' && item.status !== 'pass'
            ? {
                  ...row,
                  connectionSteps: connectionSteps(labels, snapshot, connection),
                  connectionTitle: format(labels, 'ui.connection.title'),
                  copiedText: format(labels, 'ui.connection.copied'),
              }
            : row;
    });
    const ready = items.filter((i) => i.status === 'pass').length;
    const permissions = items.find((i) => i.id === 'permissions');
    const readOnly = permissions !== undefined && permissions.status !== 'pass';
    return {
        items,
        rows,
        groups: groupRows(labels, rows),
        allReady: ready === items.length,
        failedIds: rows.filter((r) => r.failure && r.fixable).map((r) => r.id),
        ready,
        total: items.length,
        progressText: format(labels, 'ui.progress', { ready, total: items.length }),
        lastCheckedText: format(labels, 'ui.lastChecked', { time: formatTime(labels, snapshot.readAt) }),
        progressValue: Math.round((ready / items.length) * 100),
        canFixAny: items.some((i) => i.fix.available),
        readOnlyText:
            readOnly && permissions
                ? format(labels, 'ui.readOnly', { reason: reasonText(labels, permissions.reason) })
                : '',
    };
}

// ------------------------------------------------------------------------------------------------- choices

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
    return format(labels, 'ui.choices.summary', {
        capacity,
        chatObject: choices.chatObject,
        count: choices.agentProfileIds.length,
    });
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

// ---------------------------------------------------------------------------------------------------- plan

/** One planned change for the dialog; a long profile list is cut to "and N more" with the full text on request. */
export interface PlanLine {
    readonly key: string;
    readonly text: string;
    readonly fullText?: string;
    readonly moreText?: string;
    /** The API names behind the labels in the text, shown after it in small print. */
    readonly apiNames?: string;
    /** The values the change writes, each "field: current → new", and who else it touches. */
    readonly values?: readonly { readonly key: string; readonly text: string }[];
}

function profileNamesOf(op: Operation): string[] | undefined {
    switch (op.kind) {
        case 'createPresenceConfig':
        case 'assignProfilesToConfig':
            return op.profiles.map((p) => p.profileName);
        case 'moveProfilesToConfig':
            return op.moves.map((m) => `${m.profileName} (${m.fromConfigDeveloperName})`);
        case 'grantStatusAccess':
            return op.grants.map((g) => g.profileName);
        case 'addQueueMembers':
            return op.profiles.map((p) => `${p.profileName} (${p.userCount})`);
        default:
            return undefined;
    }
}

/** What the plan line of an operation adds from the org: labels for API names, and the values it writes. */
interface LineContext {
    readonly params: Record<string, ParamValue>;
    readonly apiNames: string[];
    readonly values: { key: string; text: string }[];
}

/** A value as the plan shows it: blank as "—", true/false as Yes/No. */
function valueText(labels: Labels, value: ParamValue | boolean | null | undefined): string {
    if (value === null || value === undefined || value === '') return '—';
    if (typeof value === 'boolean') return format(labels, value ? 'ui.agents.yes' : 'ui.agents.no');
    return typeof value === 'number' ? formatNumber(labels, value) : String(value);
}

/**
 * The org's side of a plan line: a status named by its label (with the profiles outside the agent profiles that
 * use it, other teams whom the change touches too), a configuration by its label, and the SC Setup fields by
 * label with current → new value.
 */
function lineContext(labels: Labels, op: Operation, snapshot: OrgSnapshot, ctx: LineContext): void {
    const recordsOf = <T>(part: { status: string; records?: readonly T[] } | undefined): readonly T[] => {
        return part?.status === 'read' ? (part.records ?? []) : [];
    };
    if (op.kind === 'addChannelToStatus') {
        const status = recordsOf(snapshot.presenceStatuses).find((st) => st.Id === op.statusId);
        if (status) {
            ctx.params.status = status.MasterLabel;
            ctx.apiNames.push(status.DeveloperName);
        }
        const agents = new Set(snapshot.choices.agentProfileIds);
        const names = new Map(recordsOf(snapshot.profiles).map((p) => [p.Id, p.Name]));
        const profiles = recordsOf(snapshot.statusAccess)
            .filter((a) => a.SetupEntityId === op.statusId && !agents.has(a.ProfileId))
            .map((a) => names.get(a.ProfileId) ?? a.ProfileId);
        const sets = recordsOf(snapshot.permissionSetAccess)
            .filter((set) => set.StatusIds.includes(op.statusId))
            .map((set) => set.Label);
        const users = [
            ...profiles.map((name) => format(labels, 'ui.plan.throughProfile', { name })),
            ...sets.map((name) => format(labels, 'ui.plan.throughPermissionSet', { name })),
        ];
        if (users.length > 0) {
            const shown = users.slice(0, PLAN_LIST_LIMIT).join(', ');
            const more = users.length - PLAN_LIST_LIMIT;
            ctx.values.push({
                key: 'others',
                text: format(labels, 'ui.plan.statusAlsoUsedBy', {
                    users: more > 0 ? `${shown} ${format(labels, 'ui.plan.more', { count: more })}` : shown,
                }),
            });
        }
    } else if (op.kind === 'setCapacity') {
        const config = recordsOf(snapshot.presenceConfigs).find((c) => c.Id === op.configId);
        if (config) {
            ctx.params.name = config.MasterLabel;
            ctx.apiNames.push(config.DeveloperName);
        }
    } else if (op.kind === 'setScSetupDefaults') {
        const setting = recordsOf(snapshot.scSetup)[0];
        const fields = new Map((setting?.fields ?? []).map((f) => [f.apiName, f.label]));
        for (const [field, value] of Object.entries(op.values)) {
            ctx.values.push({
                key: field,
                text: format(labels, 'ui.plan.value', {
                    field: fields.get(field) ?? field,
                    from: valueText(labels, setting?.orgDefault?.[field]),
                    to: valueText(labels, value),
                }),
            });
        }
    }
}

/** A planned change in words: labels rather than API names (those go to `apiNames`), long lists cut. */
export function planLine(labels: Labels, op: Operation, key: string, snapshot?: OrgSnapshot): PlanLine {
    const described = describeOperation(op);
    const params: Record<string, ParamValue> = { ...described.params };
    const apiNames: string[] = [];
    const values: { key: string; text: string }[] = [];
    if (snapshot) lineContext(labels, op, snapshot, { params, apiNames, values });
    if (op.kind === 'upsertRoutingConfig' && !op.existingId) {
        const model = String(params.model ?? '');
        const modelLabel = labels[`ui.routingModel.${model}`];
        if (modelLabel) {
            params.model = modelLabel;
            apiNames.push(model);
        }
    }
    if (op.kind === 'activateFlow' && op.flowApiName === FLOW_API_NAME) {
        params.name = FLOW_LABEL;
        apiNames.push(op.flowApiName);
    }
    const text = (p: Record<string, ParamValue>): string => reasonText(labels, { key: described.key, params: p });
    const names = profileNamesOf(op);
    const base = {
        key,
        apiNames: apiNames.length > 0 ? apiNames.join(', ') : undefined,
        values: values.length > 0 ? values.map((v) => ({ key: `${key}-${v.key}`, text: v.text })) : undefined,
    };
    if (!names || names.length <= PLAN_LIST_LIMIT) return { ...base, text: text(params) };
    return {
        ...base,
        text: text({ ...params, profiles: names.slice(0, PLAN_LIST_LIMIT).join(', ') }),
        fullText: text({ ...params, profiles: names.join(', ') }),
        moreText: format(labels, 'ui.plan.more', { count: names.length - PLAN_LIST_LIMIT }),
    };
}

/**
 * The dialog's lines: one per change, except that consecutive status grants (the engine batches them ten profiles
 * to a Metadata call) read as one line, so 1,000 profiles are one "Give … access" line with "and N more", not 100.
 * The operations themselves are unchanged.
 */
export function planLines(labels: Labels, operations: readonly Operation[], snapshot?: OrgSnapshot): PlanLine[] {
    const groups: Operation[] = [];
    for (const op of operations) {
        const last = groups[groups.length - 1];
        if (op.kind === 'grantStatusAccess' && last?.kind === 'grantStatusAccess')
            groups[groups.length - 1] = { ...last, grants: [...last.grants, ...op.grants] };
        else groups.push(op);
    }
    return groups.map((op, index) => planLine(labels, op, `op-${index}`, snapshot));
}

export type PlanResult =
    | {
          readonly ok: true;
          readonly operations: Operation[];
          readonly lines: readonly PlanLine[];
          /** Enabling Omni-Channel is in the plan: the dialog asks for its own confirmation. */
          readonly needsOrgWideConfirmation: boolean;
          /** What will still need the admin after these changes (as the engine's simulation of them shows). */
          readonly stillNeeded: readonly StillNeeded[];
      }
    | { readonly ok: false; readonly errors: ChoiceErrorView[] };

/** The plan for items (or all), described for the dialog; bad choices give inline errors and no plan. */
export function planView(
    labels: Labels,
    snapshot: OrgSnapshot,
    itemIds: readonly ItemId[] | 'all',
    choices: SetupChoices
): PlanResult {
    const errors = choiceErrors(labels, choices, snapshot);
    if (errors.length > 0) return { ok: false, errors };
    const operations = plan(snapshot, itemIds, choices);
    const withChoices = { ...snapshot, choices };
    return {
        ok: true,
        operations,
        lines: planLines(labels, operations, withChoices),
        needsOrgWideConfirmation: operations.some((op) => op.kind === 'enableOmniChannel'),
        stillNeeded: itemIds === 'all' ? stillNeededAfter(labels, withChoices, operations) : [],
    };
}

// ------------------------------------------------------------------------------------------ still needs you

/** An item that is not ready and that no planned change fixes: what it needs, and where to do it. */
export interface StillNeeded {
    readonly key: string;
    readonly title: string;
    /** Why (the item's reason, or why it has no fix here). */
    readonly text: string;
    readonly href: string;
    readonly linkText: string;
}

/** The items of a checklist that are not ready, each with what it needs and the page (or manual step) for it. */
export function stillNeeded(labels: Labels, items: readonly ChecklistItem[]): StillNeeded[] {
    return items
        .filter((item) => item.status !== 'pass')
        .map((item) => {
            const title = itemTitle(labels, item.id);
            const step = item.details.find((d) => d.kind === 'manualStep');
            const link = setupLink(labels, item.id, title);
            const why = reasonText(labels, item.reason);
            const noFix = item.fix.available ? '' : reasonText(labels, item.fix.reason);
            const text =
                step?.kind === 'manualStep'
                    ? reasonText(labels, step.step)
                    : noFix && noFix !== why
                      ? `${why} ${noFix}`
                      : why;
            return {
                key: `still-${item.id}`,
                title,
                text,
                href: step?.kind === 'manualStep' ? step.url : (link?.href ?? ''),
                linkText: step?.kind === 'manualStep' ? format(labels, 'ui.detail.openInSetup') : (link?.text ?? ''),
            };
        });
}

/**
 * What will still need the admin once the planned changes are made: the checklist of the org as the engine
 * simulates it after them (the same simulation the CLI's tests and the preview use). Empty when the simulation
 * refuses the plan (the run itself then says what failed).
 */
export function stillNeededAfter(
    labels: Labels,
    snapshot: OrgSnapshot,
    operations: readonly Operation[]
): StillNeeded[] {
    try {
        const after = simulate(snapshot, [...operations]);
        return stillNeeded(labels, evaluate(after, snapshot.choices));
    } catch {
        return [];
    }
}

// ------------------------------------------------------------------------------------ choices in the plan

/** The open choices the plan dialog asks before Fix all, each only when the checklist needs it. */
export interface PlanChoices {
    /** Item 13: what to add to the queue for the agents who are not members ('' = not now). */
    readonly queueMembers?: { readonly options: readonly Option[]; readonly value: string };
    /** The chats per agent of the SimplyChat configuration, the default filled in when there is no choice. */
    readonly capacity?: { readonly value: string; readonly help: string };
    /** Agent profiles in another configuration: the ones ticked move. */
    readonly moves?: { readonly options: readonly Option[]; readonly value: readonly string[] };
}

/** The choices to ask in the plan dialog, from the checklist's items and the choices as they stand. */
export function planChoices(labels: Labels, items: readonly ChecklistItem[], choices: SetupChoices): PlanChoices {
    const needs = (key: ChoiceKey): boolean => items.some((i) => i.status !== 'pass' && i.needs.includes(key));
    const out: { -readonly [K in keyof PlanChoices]: PlanChoices[K] } = {};
    if (needs('queueMembers') || choices.queueMembers) {
        const kind = choices.queueMembers?.kind ?? '';
        out.queueMembers = {
            options: [
                { label: format(labels, 'ui.choices.queueMembers.agentUsers'), value: 'agentUsers' },
                { label: format(labels, 'ui.plan.choice.later'), value: '' },
                ...(kind === 'publicGroup'
                    ? [{ label: format(labels, 'ui.choices.queueMembers.publicGroup'), value: 'publicGroup' }]
                    : []),
            ],
            value: kind,
        };
    }
    if (needs('capacity')) {
        out.capacity = {
            value: String(choices.capacity ?? DEFAULT_CAPACITY),
            help: capacityHelp(labels),
        };
    }
    const moves = moveOptions(labels, items);
    if (moves.length > 0) out.moves = { options: moves, value: choices.moveProfileIds };
    return out;
}

/** The choices with one answer from the plan dialog applied; the answer is the control's value. */
export function withPlanChoice(choices: SetupChoices, field: string, value: unknown): SetupChoices {
    if (field === 'queueMembers') {
        if (value === 'agentUsers') return { ...choices, queueMembers: { kind: 'agentUsers' } };
        if (value === '') return { ...choices, queueMembers: null };
        return choices;
    }
    if (field === 'capacity') return { ...choices, capacity: parseCapacity(value as string) };
    if (field === 'moveProfileIds') return { ...choices, moveProfileIds: [...(value as string[])] };
    return choices;
}

/** Batches for applyOperations: a few operations per call, so progress shows between calls. */
export function batches<T>(operations: readonly T[], size = 5): T[][] {
    const out: T[][] = [];
    for (let i = 0; i < operations.length; i += size) out.push(operations.slice(i, i + size));
    return out;
}

/** True when an item needs (directly or through its prerequisites) one of `failed`, or is one of them. */
export function dependsOnAny(itemId: string, failed: ReadonlySet<string>): boolean {
    const seen = new Set<string>();
    const visit = (id: string): boolean => {
        if (failed.has(id)) return true;
        if (seen.has(id)) return false;
        seen.add(id);
        return (DEPENDENCIES[id as ItemId] ?? []).some(visit);
    };
    return visit(itemId);
}

// -------------------------------------------------------------------------------------------------- results

/** One operation's outcome as applyOperations returns it (SetupOperationExecutor.Result). */
export interface OperationResult {
    readonly index: number;
    readonly kind: string;
    readonly itemId: string;
    readonly status: 'done' | 'failed' | 'notRun';
    readonly changed: readonly string[];
    readonly error?: Reason | null;
}

export interface ApplySummary {
    readonly outcome: 'success' | 'partial' | 'failure';
    readonly message: string;
    readonly toastTitle: string;
    readonly toastVariant: 'success' | 'warning' | 'error';
    readonly lines: readonly { readonly key: string; readonly text: string }[];
}

/** What the fix did, for the message, the toast and the per-change lines. */
export function summarize(
    labels: Labels,
    operations: readonly Operation[],
    results: readonly OperationResult[]
): ApplySummary {
    const done = results.filter((r) => r.status === 'done').length;
    const failed = results.filter((r) => r.status === 'failed');
    const notRun = results.length - done - failed.length + Math.max(0, operations.length - results.length);
    const lines = operations.map((op, index) => {
        const result = results[index];
        const change = planLine(labels, op, '').text;
        let text: string;
        if (result?.status === 'notRun' && result.error)
            text = format(labels, 'ui.result.notRunBecause', { change, reason: reasonText(labels, result.error) });
        else if (!result || result.status === 'notRun') text = format(labels, 'ui.result.notRun', { change });
        else if (result.status === 'done') text = format(labels, 'ui.result.done', { change });
        else
            text = format(labels, 'ui.result.failed', {
                change,
                reason: result.error ? reasonText(labels, result.error) : '',
            });
        return { key: `result-${index}`, text };
    });
    if (done === operations.length) {
        return {
            outcome: 'success',
            message: format(labels, 'ui.result.success', { count: done }),
            toastTitle: format(labels, 'ui.toast.success'),
            toastVariant: 'success',
            lines,
        };
    }
    if (done === 0) {
        const first = failed[0]?.error;
        return {
            outcome: 'failure',
            message: format(labels, 'ui.result.failure', { message: first ? reasonText(labels, first) : '' }),
            toastTitle: format(labels, 'ui.toast.error'),
            toastVariant: 'error',
            lines,
        };
    }
    return {
        outcome: 'partial',
        message: format(labels, 'ui.result.partial', {
            done,
            total: operations.length,
            failed: failed.length,
            notRun,
        }),
        toastTitle: format(labels, 'ui.toast.partial'),
        toastVariant: 'warning',
        lines,
    };
}

// --------------------------------------------------------------------------------------------------- report

/** The checklist as plain text or JSON, for a support ticket. */
export function report(
    labels: Labels,
    snapshot: OrgSnapshot,
    items: readonly ChecklistItem[],
    kind: 'text' | 'json'
): string {
    if (kind === 'json') {
        return JSON.stringify(
            {
                readAt: snapshot.readAt,
                orgId: snapshot.orgId,
                omniEnabled: snapshot.omniEnabled,
                choices: snapshot.choices,
                items: items.map((i) => ({
                    id: i.id,
                    status: i.status,
                    reason: i.reason,
                    text: reasonText(labels, i.reason),
                    details: i.details,
                })),
            },
            null,
            2
        );
    }
    const lines = [
        `${format(labels, 'ui.title')} — ${snapshot.readAt} — ${snapshot.orgId}`,
        format(labels, 'ui.progress', { ready: items.filter((i) => i.status === 'pass').length, total: items.length }),
        '',
    ];
    for (const item of items) {
        lines.push(
            `${item.order}. ${itemTitle(labels, item.id)} [${format(labels, `ui.status.${item.status}`)}] ${reasonText(labels, item.reason)}`
        );
        for (const detail of item.details) lines.push(`   - ${detailText(labels, detail)}`);
    }
    return lines.join('\n');
}

export { ITEM_IDS };
