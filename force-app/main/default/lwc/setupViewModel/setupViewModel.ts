/**
 * The setup tab's view model: everything the page shows, worked out from the engine's output and the labels,
 * with no DOM and no Apex. The components stay declarative; every decision is here and unit-tested.
 */
import {
    DEFAULT_CAPACITY,
    describeOperation,
    evaluate,
    ITEM_IDS,
    plan,
    validateChoices,
    type ChecklistItem,
    type Detail,
    type ItemId,
    type ItemStatus,
    type Operation,
    type OrgSnapshot,
    type ParamValue,
    type Reason,
    type SetupChoices,
} from 'c/setupEngine';

export type Labels = Readonly<Record<string, string>>;

/** A label with its {parameters} filled in; a missing label shows its key (a visible bug, never a blank). */
export function format(labels: Labels, key: string, params: Readonly<Record<string, ParamValue>> = {}): string {
    const template = labels[key] ?? key;
    return template.replace(/\{(\w+)\}/g, (whole, name: string) => (name in params ? String(params[name]) : whole));
}

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
    ];
    return Object.fromEntries(names.map((name) => [name, format(labels, `ui.${name}`)]));
}

function itemTitle(labels: Labels, id: string): string {
    return format(labels, `ui.item.${id}`);
}

/** A reason as text; lists of item ids (blocked by …) become their titles. */
export function reasonText(labels: Labels, reason: Reason): string {
    const params: Record<string, ParamValue> = { ...reason.params };
    if (typeof params.items === 'string') {
        params.items = params.items
            .split(',')
            .filter((id) => id)
            .map((id) => itemTitle(labels, id))
            .join(', ');
    }
    return format(labels, reason.key, params);
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
}

export function rowView(labels: Labels, item: ChecklistItem): RowView {
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
        reason: reasonText(labels, item.reason),
        details,
        hasDetails: details.length > 0,
        fixable: item.fix.available,
        fixAriaLabel: format(labels, 'ui.fixAria', { item: title }),
        noFixText:
            item.fix.available || item.status === 'pass'
                ? ''
                : format(labels, 'ui.fixUnavailable', { reason: reasonText(labels, item.fix.reason) }),
    };
}

export interface PageView {
    readonly items: readonly ChecklistItem[];
    readonly rows: readonly RowView[];
    readonly ready: number;
    readonly total: number;
    readonly progressText: string;
    /** Percent of items ready, for the progress bar. */
    readonly progressValue: number;
    readonly canFixAny: boolean;
    /** Set when the user can only read: why. */
    readonly readOnlyText: string;
}

export function pageView(labels: Labels, snapshot: OrgSnapshot, choices: SetupChoices = snapshot.choices): PageView {
    const items = evaluate(snapshot, choices);
    const rows = items.map((item) => rowView(labels, item));
    const ready = items.filter((i) => i.status === 'pass').length;
    const permissions = items.find((i) => i.id === 'permissions');
    const readOnly = permissions !== undefined && permissions.status !== 'pass';
    return {
        items,
        rows,
        ready,
        total: items.length,
        progressText: format(labels, 'ui.progress', { ready, total: items.length }),
        progressValue: Math.round((ready / items.length) * 100),
        canFixAny: items.some((i) => i.fix.available),
        readOnlyText:
            readOnly && permissions
                ? format(labels, 'ui.readOnly', { reason: reasonText(labels, permissions.reason) })
                : '',
    };
}

// ------------------------------------------------------------------------------------------------- choices

export interface ChoiceErrorView {
    readonly field: string;
    readonly text: string;
}

/** The engine's validation of the choices, as inline messages by field. */
export function choiceErrors(labels: Labels, choices: SetupChoices, snapshot?: OrgSnapshot): ChoiceErrorView[] {
    return validateChoices(choices, snapshot).map((e) => ({ field: e.field, text: reasonText(labels, e.reason) }));
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

/**
 * Profile options for the agent picker: the chosen ones always, plus those matching the search (by name), most
 * Service Cloud users first, at most `limit` so 1,000 profiles stay fast.
 */
export function profileOptions(
    labels: Labels,
    snapshot: OrgSnapshot,
    chosen: readonly string[],
    search = '',
    limit = 200
): Option[] {
    if (snapshot.profiles.status !== 'read') return [];
    const term = search.trim().toLowerCase();
    const selected = new Set(chosen);
    const option = (p: { Id: string; Name: string; UserCount: number }): Option => ({
        label: format(labels, 'ui.choices.profileOption', { name: p.Name, users: p.UserCount }),
        value: p.Id,
    });
    const picked = snapshot.profiles.records.filter((p) => selected.has(p.Id));
    const matches = snapshot.profiles.records
        .filter((p) => !selected.has(p.Id) && (!term || p.Name.toLowerCase().includes(term)))
        .sort((a, b) => b.ServiceCloudUserCount - a.ServiceCloudUserCount || a.Name.localeCompare(b.Name))
        .slice(0, limit);
    return [...picked, ...matches].map(option);
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

export type PlanResult =
    | {
          readonly ok: true;
          readonly operations: Operation[];
          readonly lines: readonly { readonly key: string; readonly text: string }[];
          /** Enabling Omni-Channel is in the plan: the dialog asks for its own confirmation. */
          readonly needsOrgWideConfirmation: boolean;
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
    return {
        ok: true,
        operations,
        lines: operations.map((op, index) => ({ key: `op-${index}`, text: reasonText(labels, describeOperation(op)) })),
        needsOrgWideConfirmation: operations.some((op) => op.kind === 'enableOmniChannel'),
    };
}

/** Batches for applyOperations: a few operations per call, so progress shows between calls. */
export function batches<T>(operations: readonly T[], size = 5): T[][] {
    const out: T[][] = [];
    for (let i = 0; i < operations.length; i += size) out.push(operations.slice(i, i + size));
    return out;
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
        const change = reasonText(labels, describeOperation(op));
        let text: string;
        if (!result || result.status === 'notRun') text = format(labels, 'ui.result.notRun', { change });
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
        message: format(labels, 'ui.result.partial', { done, total: operations.length, failed: failed.length, notRun }),
        toastTitle: format(labels, 'ui.toast.partial'),
        toastVariant: 'warning',
        lines,
    };
}

/** An error from an Apex call, in the user's language: SetupError's JSON payload, else the platform's message. */
export function serverError(labels: Labels, error: unknown): { message: string; fieldErrors: ChoiceErrorView[] } {
    const body = (error as { body?: { message?: string } } | undefined)?.body;
    const raw = body?.message ?? (error instanceof Error ? error.message : String(error));
    try {
        const payload = JSON.parse(raw) as {
            key?: string;
            params?: Record<string, ParamValue>;
            choiceErrors?: { field: string; reason: Reason }[];
        };
        if (typeof payload.key === 'string') {
            return {
                message: reasonText(labels, { key: payload.key, params: payload.params ?? {} }),
                fieldErrors: (payload.choiceErrors ?? []).map((e) => ({
                    field: e.field,
                    text: reasonText(labels, e.reason),
                })),
            };
        }
    } catch {
        // not a SetupError payload: show the platform's message as it is
    }
    return { message: raw, fieldErrors: [] };
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
