/**
 * The named scenarios of the local preview (and of the CLI's fake org): each an org snapshot, plus how the
 * simulated org behaves (which operations its API refuses).
 */
import type { ConnectionStatus, OperationKind, OrgSnapshot } from '../force-app/main/default/lwc/setupEngine/types';
import {
    choices,
    fullySetUpOrg,
    NO_PERMISSIONS,
    omniDisabledOrg,
    omniOrg,
    partlySetUpOrg,
    read,
    sharedOmniOrg,
    sharedRoutingOrg,
    statusAccessBySetOrg,
} from './orgs';
import { agents10000Org, agentsOrg, fullAgentsNotReadyOrg } from './agents';
import type { LiveShape } from './live';
import { appsBarsNotRead } from './apps';

/**
 * A new org as the preview shows it: the Service Console with the Omni-Channel utility for the agent profiles
 * (its utility bars read on demand, as the tab does), and every agent a Service Cloud User, so that Fix all and
 * the admin's choices can turn every item and every agent green.
 */
function withConsoleApps(snapshot: OrgSnapshot): OrgSnapshot {
    const profiles =
        snapshot.profiles.status === 'read'
            ? read(
                  snapshot.profiles.records.map((p) =>
                      snapshot.choices.agentProfileIds.includes(p.Id) ? { ...p, ServiceCloudUserCount: p.UserCount } : p
                  )
              )
            : snapshot.profiles;
    return { ...snapshot, ...appsBarsNotRead(), profiles };
}

export interface Scenario {
    readonly id: string;
    readonly title: string;
    readonly snapshot: () => OrgSnapshot;
    /** Operation kinds the simulated API refuses. */
    readonly failingKinds?: readonly OperationKind[];
    /**
     * What ConnectionStatusController.getConnectionStatus reads in this org while the connection does not work
     * (every step is done when it works; without this, no step can be checked).
     */
    readonly connectionStatus?: ConnectionStatus;
    /** How the org's agents stand while chats wait (SetupLiveController.getLive); none: no chat waits. */
    readonly live?: LiveShape;
}

/** A partly set up org with `count` agent profiles (every one chosen). */
export function manyProfilesOrg(count: number): OrgSnapshot {
    const base = partlySetUpOrg();
    const profiles = Array.from({ length: count }, (_, i) => ({
        Id: `00e5g${String(i).padStart(13, '0')}`,
        Name: `Agent Team ${String(i + 1).padStart(4, '0')}`,
        UserCount: 5 + (i % 20),
        ServiceCloudUserCount: i % 7,
    }));
    return {
        ...base,
        profiles: read(profiles),
        choices: choices({ agentProfileIds: profiles.map((p) => p.Id) }),
    };
}

export const SCENARIOS: readonly Scenario[] = [
    { id: 'fresh', title: 'Fresh org (Omni-Channel off)', snapshot: () => withConsoleApps(omniDisabledOrg()) },
    { id: 'empty', title: 'Omni-Channel on, nothing set up', snapshot: () => withConsoleApps(omniOrg()) },
    { id: 'partly', title: 'Partly set up', snapshot: partlySetUpOrg },
    { id: 'full', title: 'Fully set up', snapshot: fullySetUpOrg },
    {
        id: 'fullAgentsNotReady',
        title: 'Set up, but 2 agents get no chats (user-level configuration)',
        snapshot: fullAgentsNotReadyOrg,
    },
    { id: 'shared', title: 'Omni-Channel already serves other teams', snapshot: sharedOmniOrg },
    {
        id: 'sharedRouting',
        title: "Routing configuration shared with another team's queue",
        snapshot: sharedRoutingOrg,
    },
    {
        id: 'statusAccessBySet',
        title: "Statuses through SimplyChat's permission set (profiles' own sets not writable)",
        snapshot: () => statusAccessBySetOrg(partlySetUpOrg()),
    },
    { id: 'profiles1000', title: '1,000 agent profiles', snapshot: () => manyProfilesOrg(1000) },
    {
        id: 'readOnly',
        title: 'Read-only user',
        snapshot: () => ({
            ...partlySetUpOrg(),
            user: { id: '0055g00000000Viewr', permissions: { ...NO_PERMISSIONS, viewSetup: true } },
        }),
    },
    {
        id: 'apiMissing',
        title: 'API connection missing',
        // The utility bars are read through the API connection: without it, item 14 cannot check them.
        snapshot: () => ({
            ...partlySetUpOrg(),
            utilityBars: { status: 'unavailable', code: 'notRead' },
            apiAccess: {
                connectionSetup: 'missing',
                connection: 'error',
                // What Apex returns: the correlation id of the platform's text in the server log.
                message: 'a1b2c3d4e5f6',
            },
        }),
        connectionStatus: {
            clientApp: 'done',
            authProvider: 'done',
            externalCredential: 'attention',
            namedCredential: 'missing',
            principalAccess: 'unknown',
            authenticate: 'unknown',
        },
    },
    {
        id: 'apiFailures',
        title: 'API failures on some operations',
        snapshot: partlySetUpOrg,
        failingKinds: ['createPresenceConfig'],
    },
    { id: 'agentsNotReady', title: 'Agents not ready for each reason', snapshot: () => agentsOrg() },
    { id: 'agents10000', title: '10,000 agents', snapshot: agents10000Org },
    { id: 'liveFree', title: 'Chats waiting, agents online and free', snapshot: fullySetUpOrg, live: 'free' },
    {
        id: 'liveAtCapacity',
        title: 'Chats waiting, all agents at capacity',
        snapshot: fullySetUpOrg,
        live: 'atCapacity',
    },
    { id: 'liveNobody', title: 'Chats waiting, nobody online', snapshot: fullySetUpOrg, live: 'nobody' },
    {
        id: 'liveNotInQueue',
        title: 'Chats waiting, agents online but not in the queue',
        snapshot: fullySetUpOrg,
        live: 'notInQueue',
    },
];

export function scenario(id: string | null | undefined): Scenario {
    return SCENARIOS.find((s) => s.id === id) ?? SCENARIOS[2];
}
