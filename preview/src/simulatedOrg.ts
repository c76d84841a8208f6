/**
 * The simulated org behind the preview: answers the tab's Apex calls the way the controllers do, keeping its state
 * in memory until the page reloads. Fixes go through the engine's simulate(), so what the tab shows after a fix is
 * what the org would show; the scenario can make the API refuse some operations.
 */
import {
    simulate,
    validateChoices,
    type AgentPage,
    type AgentUserRecord,
    type ConnectionStatus,
    type Operation,
    type OrgSnapshot,
    type SetupChoices,
} from '../../force-app/main/default/lwc/setupEngine/setupEngine';
import { AGENT_PAGE_SIZE } from '../../force-app/main/default/lwc/setupEngine/contract';
import { scenario, type Scenario } from '../../samples/scenarios';
import { agentUsersOf, presenceOf, utilityBarsOf } from '../../samples/agents';

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
    const operations = JSON.parse(params.operationsJson) as Operation[];
    if (operations.some((op) => op.kind === 'enableOmniChannel') && !params.confirmOrgWide)
        throw setupError('error.confirmOrgWide');
    let stopped = false;
    const results = operations.map((op, index) => {
        const base = { index, kind: op.kind, itemId: op.itemId, changed: [] as string[] };
        if (stopped) return { ...base, status: 'notRun', error: { key: 'result.notRun.afterFailure', params: {} } };
        if (op.kind !== 'setScSetupDefaults' && current.snapshot.apiAccess.connection !== 'ok') {
            stopped = true;
            return {
                ...base,
                status: 'failed',
                error: {
                    key: 'apiError.calloutFailed',
                    params: { code: 'CALLOUT', message: 'a1b2c3d4e5f6' },
                },
            };
        }
        if (current.scenario.failingKinds?.includes(op.kind)) {
            stopped = true;
            return {
                ...base,
                status: 'failed',
                error: {
                    key: 'apiError.rejected',
                    params: { code: 'FIELD_INTEGRITY_EXCEPTION', message: 'The simulated API refused this change.' },
                },
            };
        }
        try {
            current.snapshot = simulate(current.snapshot, [op]);
            return { ...base, status: 'done', changed: [op.kind], error: null };
        } catch (error) {
            stopped = true;
            return {
                ...base,
                status: 'failed',
                error: { key: 'apiError.rejected', params: { code: 'SIMULATION', message: (error as Error).message } },
            };
        }
    });
    return { results, complete: !stopped, deferred: false };
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
function getAgents(params: { afterId?: string | null } = {}): AgentPage {
    const current = ensure();
    if (!current.snapshot.user.permissions.viewSetup) throw setupError('error.noViewSetup');
    const afterId = params.afterId ?? null;
    if (afterId !== null && !/^005[0-9A-Za-z]{12}(?:[0-9A-Za-z]{3})?$/.test(afterId))
        throw setupError('error.invalidAfterId');
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

/** Like SetupAgentsController.getUtilityBars: the console apps' utility bars, through the API connection. */
function getUtilityBars(): unknown {
    const current = ensure();
    if (!current.snapshot.user.permissions.viewSetup) throw setupError('error.noViewSetup');
    if (current.snapshot.apiAccess.connection !== 'ok')
        return { status: 'unavailable', code: 'queryFailed', message: 'a1b2c3d4e5f6' };
    return utilityBarsOf(current.snapshot);
}

const METHODS: Record<string, (params: never) => unknown> = {
    'SetupSnapshotController.getSnapshot': () => ({
        ...copy(ensure().snapshot),
        readAt: new Date().toISOString(),
        myDomainUrl: SIMULATED_MY_DOMAIN,
    }),
    'SetupSnapshotController.saveChoices': saveChoices,
    'SetupOperationsController.applyOperations': applyOperations,
    'SetupOperationsController.testConnection': () => copy(ensure().snapshot.apiAccess),
    'ConnectionStatusController.getConnectionStatus': getConnectionStatus,
    'SetupAgentsController.getAgents': getAgents,
    'SetupAgentsController.getUtilityBars': getUtilityBars,
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
