/**
 * The simulated org behind the preview: answers the tab's Apex calls the way the controllers do, keeping its state
 * in memory until the page reloads. Fixes go through the engine's simulate(), so what the tab shows after a fix is
 * what the org would show; the scenario can make the API refuse some operations.
 */
import {
    operationNeedsApi,
    simulate,
    validateChoices,
    type AgentPage,
    type AgentUserRecord,
    type ChangeRequest,
    type ConnectionStatus,
    type OrgSnapshot,
    type SetupChoices,
} from '../../force-app/main/default/lwc/setupEngine/setupEngine';
import { AGENT_PAGE_SIZE } from '../../force-app/main/default/lwc/setupEngine/contract';
import { scenario, type Scenario } from '../../samples/scenarios';
import { agentUsersOf, presenceOf, utilityBarsOf } from '../../samples/agents';
import { settledPartsOf } from '../../samples/queueMembers';
import { SALESFORCE_ID_PATTERN } from '../../force-app/main/default/lwc/setupEngine/contract';
import { liveReadOf } from '../../samples/live';

const LATENCY_MS = 120;
/** The simulated org's My Domain (Apex reads Url.getOrgDomainUrl()). */
const SIMULATED_MY_DOMAIN = 'https://simplychat-demo.my.salesforce.com';

interface State {
    scenario: Scenario;
    snapshot: OrgSnapshot;
    /** The scenario's agent users in Id order, made on the first getAgents. */
    agents?: AgentUserRecord[];
}

let state: State | undefined;

export function currentScenario(): Scenario {
    return ensure().scenario;
}

function ensure(): State {
    if (!state) {
        const chosen = scenario(new URLSearchParams(window.location.search).get('scenario'));
        state = { scenario: chosen, snapshot: chosen.snapshot() };
    }
    return state;
}

function copy<T>(value: T): T {
    return JSON.parse(JSON.stringify(value)) as T;
}

/** An error shaped like the one Lightning gives for an AuraHandledException from SetupError. */
function setupError(
    key: string,
    params: Record<string, unknown> = {},
    choiceErrors: unknown[] = []
): { body: { message: string } } {
    return { body: { message: JSON.stringify({ key, params, choiceErrors }) } };
}

function later<T>(produce: () => T): Promise<T> {
    return new Promise((resolve, reject) =>
        setTimeout(() => {
            try {
                resolve(produce());
            } catch (error) {
                reject(error);
            }
        }, LATENCY_MS)
    );
}

function canFix(snapshot: OrgSnapshot): boolean {
    const p = snapshot.user.permissions;
    return p.viewSetup && p.customizeApplication && (p.modifyMetadata || p.modifyAllData);
}

function applyOperations(params: { operationsJson: string; confirmOrgWide: boolean }): unknown {
    const current = ensure();
    if (!canFix(current.snapshot)) throw setupError('error.noFixPermission');
    // Each change as the engine planned it (changeRequests), as Apex receives it.
    const changes = JSON.parse(params.operationsJson) as ChangeRequest[];
    const operations = changes.map((change) => change.operation);
    if (operations.some((op) => op.kind === 'enableOmniChannel') && !params.confirmOrgWide)
        throw setupError('error.confirmOrgWide');
    // The one failure policy (as Apex's executor): a change that waits for one not made is skipped and names the
    // failure at the root of its chain; every other change still runs.
    const waits = changes.map((change) => change.waitsFor);
    type SimResult = {
        index: number;
        kind: string;
        itemId: string;
        changed: string[];
        status: 'done' | 'failed' | 'notRun';
        error: { key: string; params: Record<string, unknown> } | null;
        root?: number;
    };
    const results: SimResult[] = [];
    const failed = (
        base: Omit<SimResult, 'status' | 'error'>,
        key: string,
        code: string,
        message: string
    ): SimResult => ({
        ...base,
        status: 'failed',
        error: { key, params: { code, message } },
    });
    for (const [index, op] of operations.entries()) {
        const base = { index, kind: op.kind, itemId: op.itemId, changed: [] as string[] };
        const blocker = waits[index].map((w) => results[w]).find((r) => r.status !== 'done');
        if (blocker) {
            const root = blocker.root ?? blocker.index;
            results.push({
                ...base,
                status: 'notRun',
                root,
                error: { key: 'result.notRun.afterFailure', params: { index: root } },
            });
        } else if (operationNeedsApi(op) && current.snapshot.apiAccess.connection !== 'ok') {
            results.push(failed(base, 'apiError.calloutFailed', 'CALLOUT', 'a1b2c3d4e5f6'));
        } else if (current.scenario.failingKinds?.includes(op.kind)) {
            results.push(
                failed(base, 'apiError.rejected', 'FIELD_INTEGRITY_EXCEPTION', 'The simulated API refused this change.')
            );
        } else {
            try {
                current.snapshot = simulate(current.snapshot, [op]);
                results.push({ ...base, status: 'done', changed: [op.kind], error: null });
            } catch (error) {
                results.push(failed(base, 'apiError.rejected', 'SIMULATION', (error as Error).message));
            }
        }
    }
    return {
        results: results.map((result) => ({ ...result, root: undefined })),
        complete: results.every((r) => r.status === 'done'),
        deferred: false,
    };
}

/** Objects of the simulated org besides the scenario's chat object (the server checks the global describe). */
const STANDARD_OBJECTS: Readonly<Record<string, string>> = {
    account: 'Account',
    case: 'Case',
    contact: 'Contact',
    lead: 'Lead',
    messagingsession: 'Messaging Session',
};

function objectLabel(snapshot: OrgSnapshot, apiName: string): string | undefined {
    const key = apiName.toLowerCase();
    if (snapshot.chatObject.exists && snapshot.chatObject.apiName.toLowerCase() === key)
        return snapshot.chatObject.label ?? apiName;
    return STANDARD_OBJECTS[key];
}

/** Like SetupSnapshotController.saveChoices: validates every value (the chat object must exist), then saves. */
function saveChoices(params: { choices: SetupChoices }): SetupChoices {
    const current = ensure();
    if (!current.snapshot.user.permissions.customizeApplication) throw setupError('error.noCustomizeApplication');
    const errors: unknown[] = validateChoices(params.choices, current.snapshot);
    const label = objectLabel(current.snapshot, params.choices.chatObject);
    if (errors.length === 0 && label === undefined) {
        errors.push({
            field: 'chatObject',
            reason: { key: 'choice.chatObjectUnknown', params: { value: params.choices.chatObject } },
        });
    }
    if (errors.length > 0) throw setupError('error.invalidChoices', { count: errors.length }, errors);
    current.snapshot = {
        ...current.snapshot,
        choices: copy(params.choices),
        chatObject: { apiName: params.choices.chatObject, exists: true, label: label ?? null },
    };
    return copy(current.snapshot.choices);
}

/** Like ConnectionStatusController.getConnectionStatus: each connection step's state as the scenario's org shows it. */
function getConnectionStatus(): ConnectionStatus {
    const current = ensure();
    if (!current.snapshot.user.permissions.viewSetup) throw setupError('error.noViewSetup');
    const all = (state: ConnectionStatus['clientApp']): ConnectionStatus => ({
        clientApp: state,
        authProvider: state,
        externalCredential: state,
        namedCredential: state,
        principalAccess: state,
        authenticate: state,
    });
    if (current.snapshot.apiAccess.connection === 'ok') return all('done');
    return copy(current.scenario.connectionStatus ?? all('unknown'));
}

/** The scenario's agent users, made on the first read. */
function ensureAgents(): AgentUserRecord[] {
    const current = ensure();
    current.agents ??= agentUsersOf(current.snapshot);
    return current.agents;
}

/**
 * Like SetupAgentsController.getAgents: one page of AGENT_PAGE_SIZE agent users after `afterId` (Id order), with
 * their current presence. The users are the scenario's (samples/agents.ts); readiness is the tab's to compute.
 */
function getAgents(params: { afterId?: string | null; configId?: string | null } = {}): AgentPage {
    const current = ensure();
    if (!current.snapshot.user.permissions.viewSetup) throw setupError('error.noViewSetup');
    const afterId = params.afterId ?? null;
    if (afterId !== null && !/^005[0-9A-Za-z]{12}(?:[0-9A-Za-z]{3})?$/.test(afterId))
        throw setupError('error.invalidAfterId');
    const configId = params.configId ?? null;
    if (configId !== null && !SALESFORCE_ID_PATTERN.test(configId)) throw setupError('error.invalidSettledIds');
    const all = ensureAgents();
    let start = 0;
    if (afterId !== null) {
        start = all.findIndex((u) => u.Id > afterId);
        if (start < 0) start = all.length;
    }
    const users = all.slice(start, start + AGENT_PAGE_SIZE);
    const more = start + users.length < all.length;
    return {
        users: copy(users),
        presence: presenceOf(current.snapshot, users),
        // The simulated admin has View All Data: every agent's presence is visible (row 70).
        presenceSeesAll: true,
        nextAfterId: more ? (users[users.length - 1]?.Id ?? null) : null,
    };
}

/**
 * Like SetupAgentsController.getUtilityBars: the utility bars the engine settled on, through the API connection; a
 * name that is no app's utility bar is refused.
 */
function getUtilityBars(params: { barNames?: readonly string[] } = {}): unknown {
    const current = ensure();
    if (!current.snapshot.user.permissions.viewSetup) throw setupError('error.noViewSetup');
    const asked = new Set((params.barNames ?? []).map((name) => name.toLowerCase()));
    const apps = current.snapshot.apps?.status === 'read' ? current.snapshot.apps.records : [];
    const known = new Set(apps.map((app) => (app.UtilityBar ?? '').toLowerCase()));
    if ([...asked].some((name) => !known.has(name))) throw setupError('error.invalidSettledIds');
    if (current.snapshot.apiAccess.connection !== 'ok')
        return { status: 'unavailable', code: 'queryFailed', message: 'a1b2c3d4e5f6' };
    const bars = utilityBarsOf(current.snapshot);
    return bars.status === 'read'
        ? { status: 'read', records: bars.records.filter((bar) => asked.has(bar.Name.toLowerCase())) }
        : bars;
}

/**
 * Like SetupSnapshotController.getSnapshot: the base parts only. The queue's members are not in it: the tab settles
 * on a queue with the engine and asks for them by its Id (getSettledParts).
 */
function getSnapshot(): OrgSnapshot {
    const current = ensure();
    if (!current.snapshot.user.permissions.viewSetup) throw setupError('error.noViewSetup');
    const base: { -readonly [K in keyof OrgSnapshot]?: OrgSnapshot[K] } = {
        ...copy(current.snapshot),
        readAt: new Date().toISOString(),
        myDomainUrl: SIMULATED_MY_DOMAIN,
    };
    delete base.queueMembership;
    return base as OrgSnapshot;
}

/** Like SetupSnapshotController.getSettledParts: the members of the queue whose Group Id it is given. */
function getSettledParts(params: { queueId?: string | null } = {}): unknown {
    const current = ensure();
    if (!current.snapshot.user.permissions.viewSetup) throw setupError('error.noViewSetup');
    const queueId = params.queueId ?? null;
    if (queueId !== null && !(SALESFORCE_ID_PATTERN.test(queueId) && queueId.startsWith('00G')))
        throw setupError('error.invalidSettledIds');
    return copy(settledPartsOf(current.snapshot, queueId));
}

/**
 * Like SetupLiveController.getLive: the live rows for the queue (00G) and channel (0N1) the tab names, read now,
 * in the scenario's shape (samples/live.ts); a scenario without one has no chat waiting.
 */
function getLive(params: { queueId?: string | null; channelId?: string | null } = {}): unknown {
    const current = ensure();
    if (!current.snapshot.user.permissions.viewSetup) throw setupError('error.noViewSetup');
    const id = /^[0-9A-Za-z]{15}(?:[0-9A-Za-z]{3})?$/;
    if (!id.test(params.queueId ?? '') || !params.queueId?.startsWith('00G')) throw setupError('error.invalidLiveIds');
    if (!id.test(params.channelId ?? '') || !params.channelId?.startsWith('0N1'))
        throw setupError('error.invalidLiveIds');
    return liveReadOf(current.snapshot, current.scenario.live ?? 'idle', { now: new Date() });
}

const METHODS: Record<string, (params: never) => unknown> = {
    'SetupSnapshotController.getSnapshot': getSnapshot,
    'SetupSnapshotController.getSettledParts': getSettledParts,
    'SetupSnapshotController.saveChoices': saveChoices,
    'SetupOperationsController.applyOperations': applyOperations,
    'SetupOperationsController.testConnection': () => copy(ensure().snapshot.apiAccess),
    'ConnectionStatusController.getConnectionStatus': getConnectionStatus,
    'SetupAgentsController.getAgents': getAgents,
    'SetupAgentsController.getUtilityBars': getUtilityBars,
    'SetupLiveController.getLive': getLive,
};

/** The function behind `import method from '@salesforce/apex/Class.method'` in the preview. */
export function apexMethod(name: string): (params?: unknown) => Promise<unknown> {
    const implementation = METHODS[name];
    if (!implementation) throw new Error(`The preview has no simulated Apex method ${name}`);
    return (params?: unknown) => {
        const answer = later(() => implementation(params as never));
        // The server's own work happens during the call's latency, not after it (the scenario's agents are made once).
        if (name === 'SetupAgentsController.getAgents') ensureAgents();
        return answer;
    };
}
