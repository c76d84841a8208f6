/**
 * The plan before a fix and its outcome after: plan lines in words, what still needs the admin, the choices the
 * plan dialog asks, the batches of a run and the summary of the results.
 * No DOM and no Apex.
 */
import {
    DEFAULT_CAPACITY,
    describeOperation,
    evaluate,
    FLOW_API_NAME,
    FLOW_LABEL,
    plan,
    planChanges,
    recordChangeTexts,
    SHARED_ROUTING_CHOICES,
    simulate,
    type ChecklistItem,
    type ChoiceKey,
    type ItemId,
    type Operation,
    type OrgSnapshot,
    type ParamValue,
    type Reason,
    type SetupChoices,
} from 'c/setupEngine';
import {
    format,
    formatNumber,
    itemTitle,
    reasonText,
    recordChangeText,
    type ChoiceErrorView,
    type Labels,
} from 'c/setupText';
import { PLAN_LIST_LIMIT, setupLink } from 'c/checklistView';
import {
    capacityHelp,
    choiceErrors,
    moveOptions,
    parseCapacity,
    publicGroupOptions,
    sharedRoutingOptions,
    type Option,
} from 'c/choicesView';

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
    /** The record changes it makes, one per action and object, the first rows named (the engine's writes). */
    readonly records?: readonly PlanRecords[];
}

/** One kind of record change of a plan line: "Insert 12 GroupMember rows: …", with every row on request. */
export interface PlanRecords {
    readonly key: string;
    readonly text: string;
    /** Every row named, when `text` is cut to "and N more". */
    readonly fullText?: string;
}

/** The record changes of an operation in words (the same as `fix --dry-run` prints). */
export function planRecords(labels: Labels, op: Operation, key: string): PlanRecords[] {
    return recordChangeTexts(planChanges([op])[0]).map((change, index) => {
        const text = recordChangeText(labels, change);
        return { key: `${key}-rec-${index}`, text: text.text, fullText: text.cut ? text.full : undefined };
    });
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
        case 'assignAgentPermissionSet':
            return op.profiles.map((p) => p.profileName);
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
    const records = planRecords(labels, op, key);
    const base = {
        key,
        apiNames: apiNames.length > 0 ? apiNames.join(', ') : undefined,
        values: values.length > 0 ? values.map((v) => ({ key: `${key}-${v.key}`, text: v.text })) : undefined,
        records: records.length > 0 ? records : undefined,
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
 * The dialog's lines: one per change, except that consecutive status grants (more than the contract's profiles per
 * change make several) read as one line with "and N more". The operations themselves are unchanged.
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
    /**
     * Item 13: what to add to the queue for the agents who are not members ('' = not now); with a public group,
     * the org's public groups to choose from (`groups`, the chosen one as `value`).
     */
    readonly queueMembers?: {
        readonly options: readonly Option[];
        readonly value: string;
        readonly groups?: { readonly options: readonly Option[]; readonly value: string };
    };
    /** Item 5: a routing configuration other queues use too: keep it, update it, or give SimplyChat its own. */
    readonly sharedRouting?: { readonly options: readonly Option[]; readonly value: string };
    /** The chats per agent of the SimplyChat configuration, the default filled in when there is no choice. */
    readonly capacity?: { readonly value: string; readonly help: string };
    /** Agent profiles in another configuration: the ones ticked move. */
    readonly moves?: { readonly options: readonly Option[]; readonly value: readonly string[] };
}

/**
 * The choices to ask in the plan dialog, from the checklist's items and the choices as they stand; the public
 * groups come from the snapshot (offered only when they were read and there is one).
 */
export function planChoices(
    labels: Labels,
    items: readonly ChecklistItem[],
    choices: SetupChoices,
    snapshot?: OrgSnapshot
): PlanChoices {
    const needs = (key: ChoiceKey): boolean => items.some((i) => i.status !== 'pass' && i.needs.includes(key));
    const out: { -readonly [K in keyof PlanChoices]: PlanChoices[K] } = {};
    const shared = sharedRoutingOptions(labels, items, choices);
    if (shared) out.sharedRouting = shared;
    if (needs('queueMembers') || choices.queueMembers) {
        const chosen = choices.queueMembers;
        const groups = publicGroupOptions(snapshot).options;
        const offerGroups = groups.length > 0 || chosen?.kind === 'publicGroup';
        out.queueMembers = {
            options: [
                { label: format(labels, 'ui.choices.queueMembers.agentUsers'), value: 'agentUsers' },
                ...(offerGroups
                    ? [{ label: format(labels, 'ui.choices.queueMembers.publicGroup'), value: 'publicGroup' }]
                    : []),
                { label: format(labels, 'ui.plan.choice.later'), value: '' },
            ],
            value: chosen?.kind ?? '',
            ...(chosen?.kind === 'publicGroup'
                ? { groups: { options: groups, value: chosen.groupDeveloperName } }
                : {}),
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

/**
 * The choices with one answer from the plan dialog applied; the answer is the control's value. Choosing a public
 * group keeps the group chosen before, else takes the first of the org's groups by name (the plan line then names
 * it, and the combobox changes it); a group is checked against the org's groups when the plan is made.
 */
export function withPlanChoice(
    choices: SetupChoices,
    field: string,
    value: unknown,
    snapshot?: OrgSnapshot
): SetupChoices {
    if (field === 'queueMembers') {
        if (value === 'agentUsers') return { ...choices, queueMembers: { kind: 'agentUsers' } };
        if (value === '') return { ...choices, queueMembers: null };
        if (value === 'publicGroup') {
            const before = choices.queueMembers?.kind === 'publicGroup' ? choices.queueMembers.groupDeveloperName : '';
            const group = before || (publicGroupOptions(snapshot).options[0]?.value ?? '');
            return { ...choices, queueMembers: { kind: 'publicGroup', groupDeveloperName: group } };
        }
        return choices;
    }
    if (field === 'publicGroup') {
        return { ...choices, queueMembers: { kind: 'publicGroup', groupDeveloperName: String(value ?? '') } };
    }
    if (field === 'sharedRoutingConfig') {
        const chosen = SHARED_ROUTING_CHOICES.find((c) => c === value);
        return chosen ? { ...choices, sharedRoutingConfig: chosen } : choices;
    }
    if (field === 'capacity') return { ...choices, capacity: parseCapacity(value as string) };
    if (field === 'moveProfileIds') return { ...choices, moveProfileIds: [...(value as string[])] };
    return choices;
}

/**
 * Batches for applyOperations: a few operations per call, so progress shows between calls, and no more `weight`
 * (the size of what a call carries) than `maxWeight` unless one operation alone weighs more: it then goes alone.
 */
export function batches<T>(
    operations: readonly T[],
    size = 5,
    weight: (operation: T) => number = () => 0,
    maxWeight = Number.POSITIVE_INFINITY
): T[][] {
    const out: T[][] = [];
    let current: T[] = [];
    let total = 0;
    for (const operation of operations) {
        const w = weight(operation);
        if (current.length > 0 && (current.length >= size || total + w > maxWeight)) {
            out.push(current);
            current = [];
            total = 0;
        }
        current.push(operation);
        total += w;
    }
    if (current.length > 0) out.push(current);
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
