/**
 * The Agents view: one row per agent, read on demand page by page, readiness computed by the engine.
 */
import type { Part, SalesforceId } from './snapshotTypes';
import type { Reason } from './checklistTypes';

/**
 * An active user on an agent profile, or assigned directly to the SimplyChat presence configuration: read on demand
 * by `SetupAgentsController.getAgents` (ordered by Id, pages of AGENT_PAGE_SIZE), never by the load.
 */
export interface AgentUserRecord {
    readonly Id: SalesforceId;
    readonly Name: string;
    readonly Username: string;
    readonly ProfileId: SalesforceId;
    readonly UserRoleId: SalesforceId | null;
    /** UserPermissionsSupportUser: the Service Cloud User feature licence. */
    readonly ServiceCloudUser: boolean;
    /** The presence configuration assigned to this user directly (PresenceUserConfigUser), or null. */
    readonly DirectConfigId: SalesforceId | null;
}

/** Current presence: `UserServicePresence WHERE IsCurrentState = true` for the page's users. */
export interface AgentPresenceRecord {
    readonly UserId: SalesforceId;
    readonly ServicePresenceStatusId: SalesforceId;
    readonly IsAway: boolean;
    /** ISO 8601. */
    readonly StatusStartDate: string | null;
}

/** One page of the on-demand agents read. */
export interface AgentPage {
    readonly users: readonly AgentUserRecord[];
    /** Current presence of these users, or why it could not be read (e.g. 'noAccess'). */
    readonly presence: Part<AgentPresenceRecord>;
    /**
     * Whether the reader sees every user's presence: View All Data, or View All on UserServicePresence (the object
     * is under sharing, docs/org-verification.md row 70). Otherwise a user without a row is "unknown", not offline.
     * Absent in older pages: not known, so never "offline".
     */
    readonly presenceSeesAll?: boolean;
    /** The last user Id of this page, to ask for the next one; null when this was the last page. */
    readonly nextAfterId: SalesforceId | null;
}

/** Why an agent cannot take SimplyChat chats now, in the order the view names the first one. */
export type AgentBlocker =
    'notInQueue' | 'noPresenceConfig' | 'noCapacity' | 'noOnlineStatus' | 'noServiceCloudUser' | 'noOmniApp';

/**
 * What is worth knowing about a ready agent but does not block: no Service Cloud User feature licence (nothing
 * public ties Omni-Channel to it, docs/org-verification.md row 77, while Salesforce's own Omni automation gives it
 * to agents).
 */
export type AgentWarning = 'noServiceCloudUser';

/** How a user is a member of the SimplyChat queue. */
export type QueueMembershipWay = 'user' | 'publicGroup' | 'role' | 'roleAndSubordinates' | 'allInternalUsers';

/** The engine's verdict for one agent (pure: `agentReadiness(snapshot, users, presence)`). */
export interface AgentReadiness {
    readonly userId: SalesforceId;
    readonly name: string;
    readonly username: string;
    readonly profileId: SalesforceId;
    readonly profileName: string;
    /** The presence configuration in effect: the user's own assignment before the profile's, else the default. */
    readonly config: {
        readonly id: SalesforceId | null;
        readonly label: string;
        readonly capacity: number;
        readonly level: 'user' | 'profile' | 'default';
    } | null;
    /** Online statuses carrying the SimplyChat channel this user may use, and through what (profile or set label). */
    readonly onlineStatuses: readonly { readonly label: string; readonly through: 'profile' | string }[];
    /** How the user is in the queue; null: not a member; 'unknown': membership could not be read. */
    readonly queue: { readonly how: QueueMembershipWay; readonly via: string } | null | 'unknown';
    readonly serviceCloudUser: boolean;
    /** Whether an app of the user's profile or of a permission set assigned to the user has the Omni-Channel utility. */
    readonly omniApp: 'yes' | 'no' | 'unknown';
    /**
     * Where the app comes from when omniApp is 'yes': ['profile'], or the labels of the user's permission sets that
     * grant one. Empty otherwise; absent in rows of older engines.
     */
    readonly omniAppThrough?: readonly ('profile' | string)[];
    /** Current presence where readable: a status label, or 'offline'; 'unknown' when it could not be read. */
    readonly presence:
        | { readonly statusLabel: string; readonly isAway: boolean; readonly since: string | null }
        | 'offline'
        | 'unknown';
    readonly status: 'ready' | 'notReady' | 'unknown';
    /** Every blocker, first one shown in the row; empty when ready. */
    readonly blockers: readonly AgentBlocker[];
    /** Warnings, never blockers: the row's reason names the first one when nothing blocks or is unknown. */
    readonly warnings: readonly AgentWarning[];
    /** The checks that could not be decided (a part not read, a profile whose access is not read), in blocker order. */
    readonly unknowns: readonly AgentBlocker[];
    /** The first reason as a message (label key and params), for the row and the CLI. */
    readonly reason: Reason;
}
