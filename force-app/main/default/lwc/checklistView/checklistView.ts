/**
 * The checklist's view: each item's row (status, reason, details, Setup link), the groups of Salesforce Setup,
 * the page as a whole (progress, read-only, retry) and the support report. No DOM and no Apex.
 */
import {
    evaluate,
    SETUP_PAGE_OF_ITEM,
    setupPageUrl,
    type ChecklistItem,
    type ConnectionStatus,
    type Detail,
    type ItemId,
    type ItemStatus,
    type OrgSnapshot,
    type Reason,
} from 'c/setupEngine';
import { cutReasonText, format, formatTime, itemTitle, reasonText, type Labels } from 'c/setupText';
import { connectionSteps, type ConnectionStep } from 'c/connectionView';

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
            // Some users have it through permission sets: "N of M users".
            if (detail.usersWithApp && detail.userCount)
                return format(labels, 'ui.detail.profileSomeWithOmniApp', {
                    profile: detail.profileName,
                    count: detail.usersWithApp,
                    users: detail.userCount,
                    sets: (detail.sets ?? []).join(', ') || '—',
                    apps: detail.consoleApps.join(', ') || '—',
                });
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

/** One line of an item's details; a manual step also has a link (url, with its text) to the Setup page. */
export interface DetailView {
    readonly key: string;
    readonly text: string;
    readonly url: string;
    readonly linkText: string;
}

/**
 * How many detail lines a row shows before "and N more lines": items 9, 10, 13 and 14 give one line per agent
 * profile, so an org with 1,000 profiles would otherwise get 1,000 lines.
 */
export const DETAIL_LIMIT = 10;

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
    /** Every detail line. */
    readonly details: readonly DetailView[];
    /** The first DETAIL_LIMIT details: the row shows these until the user asks for every line. */
    readonly detailsFirst: readonly DetailView[];
    /** "and N more lines" when `details` has more than DETAIL_LIMIT lines; '' otherwise. */
    readonly detailsMoreText: string;
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

/** The Setup page of each item (the engine's setupPages.ts keeps every Setup path with its evidence). */
export const SETUP_PAGES: Readonly<Partial<Record<string, string>>> = SETUP_PAGE_OF_ITEM;

export function setupLink(labels: Labels, itemId: string, title: string): RowView['setupLink'] {
    const page = SETUP_PAGES[itemId];
    return page ? { href: setupPageUrl(page), text: format(labels, 'ui.openInSetup', { item: title }) } : undefined;
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
    const details: DetailView[] = item.details.map((detail, index) => ({
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
        detailsFirst: details.slice(0, DETAIL_LIMIT),
        detailsMoreText:
            details.length > DETAIL_LIMIT
                ? format(labels, 'ui.detail.more', { count: details.length - DETAIL_LIMIT })
                : '',
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
 * Whether Fix all has something to offer only through a choice its dialog asks: item 5 keeps a routing configuration
 * other queues use (nothing to do), but this user could update it or give SimplyChat its own once chosen.
 */
function fixableByPlanChoice(snapshot: OrgSnapshot, items: readonly ChecklistItem[]): boolean {
    const routing = items.find((i) => i.id === 'routingConfig');
    if (!routing || routing.fix.available || !routing.needs.includes('sharedRoutingConfig')) return false;
    const update = evaluate(snapshot, { ...snapshot.choices, sharedRoutingConfig: 'update' });
    return update.some((i) => i.id === 'routingConfig' && i.fix.available);
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
        canFixAny: items.some((i) => i.fix.available) || fixableByPlanChoice(snapshot, items),
        readOnlyText:
            readOnly && permissions
                ? format(labels, 'ui.readOnly', { reason: reasonText(labels, permissions.reason) })
                : '',
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
