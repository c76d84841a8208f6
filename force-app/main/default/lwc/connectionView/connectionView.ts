/**
 * The connection assistant of item 1: the one-time API connection setup step by step, each step's status from the
 * connection test and the org's records, the values to paste and the Setup page of each step. No DOM and no Apex.
 */
import {
    CONNECTION_PAGE_OF_STEP,
    type ConnectionStatus,
    type ConnectionStepState,
    type OrgSnapshot,
} from 'c/setupEngine';
import { format, type Labels } from 'c/setupText';

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

/** The Setup pages of the connection steps (the engine's setupPages.ts, with their evidence). */
export const CONNECTION_PAGES: Readonly<Record<string, string>> = CONNECTION_PAGE_OF_STEP;

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
