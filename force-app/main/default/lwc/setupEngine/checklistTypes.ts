/**
 * What the engine says about each checklist item (ChecklistItem): status, reason, details, fix availability.
 */
import type { SalesforceId, UnavailableCode, UserPermissions } from './snapshotTypes';

export const ITEM_IDS = [
    'apiAccess',
    'permissions',
    'omniChannel',
    'serviceChannel',
    'routingConfig',
    'queue',
    'onlineStatus',
    'busyStatus',
    'presenceConfig',
    'profileAccess',
    'flow',
    'scSetup',
    'queueMembers',
    'agentApps',
] as const;
export type ItemId = (typeof ITEM_IDS)[number];

export type ItemStatus = 'pass' | 'fail' | 'warning' | 'blocked' | 'unknown';

export type ParamValue = string | number;

/** A message for the UI: a label key and its parameters. The engine holds no user-facing English. */
export interface Reason {
    readonly key: string;
    readonly params: Readonly<Record<string, ParamValue>>;
}

/** Facts behind a status, for the expandable details. */
export type Detail =
    | { readonly kind: 'record'; readonly role: string; readonly developerName: string; readonly label: string }
    | { readonly kind: 'fieldMismatch'; readonly field: string; readonly expected: string; readonly actual: string }
    | { readonly kind: 'missingPermission'; readonly permission: keyof UserPermissions }
    | { readonly kind: 'profileUnassigned'; readonly profileId: SalesforceId; readonly profileName: string }
    | {
          /** A profile with no assignment row: it is on the org's Default Presence Configuration. */
          readonly kind: 'profileOnDefaultConfig';
          readonly profileId: SalesforceId;
          readonly profileName: string;
          readonly configName: string;
          readonly capacity: number;
      }
    | {
          readonly kind: 'profileInOtherConfig';
          readonly profileId: SalesforceId;
          readonly profileName: string;
          readonly configId: SalesforceId;
          readonly configName: string;
          readonly willMove: boolean;
          /** Who else relies on that configuration: other profiles (names) and their users plus direct users. */
          readonly otherProfiles: readonly string[];
          readonly otherUserCount: number;
      }
    | {
          /** Agents on an agent profile assigned directly (user level) to another configuration. */
          readonly kind: 'usersInOtherConfig';
          readonly profileId: SalesforceId;
          readonly profileName: string;
          readonly configId: SalesforceId;
          readonly configName: string;
          readonly userCount: number;
          readonly firstUserName: string;
          readonly willMove: boolean;
      }
    | {
          /** An Online status the agents use that will carry SimplyChat too (its channels kept in order). */
          readonly kind: 'statusGetsChannel';
          readonly developerName: string;
          readonly label: string;
      }
    | {
          /** Agents of a profile who have the statuses through permission sets or groups, not through the profile. */
          readonly kind: 'accessThroughPermissionSets';
          readonly profileId: SalesforceId;
          readonly profileName: string;
          readonly permissionSets: readonly string[];
          readonly userCount: number;
      }
    | {
          readonly kind: 'profileMissingAccess';
          readonly profileId: SalesforceId;
          readonly profileName: string;
          /** Developer names of the statuses the profile lacks. */
          readonly missingStatuses: readonly string[];
          /** Active users of the profile without them through a permission set either. */
          readonly usersWithout: number;
      }
    | {
          /** Item 13: active users of an agent profile who are not members of the SimplyChat queue. */
          readonly kind: 'profileNotInQueue';
          readonly profileId: SalesforceId;
          readonly profileName: string;
          /** Active users of the profile. */
          readonly userCount: number;
          /** How many of them are members (directly, through a group, a role, or all internal users). */
          readonly memberCount: number;
      }
    | {
          /**
           * Item 13: a member of the queue whose users are not known (a public group nested deeper than was read,
           * or a group type that is not resolved, such as a manager group or a territory).
           */
          readonly kind: 'unresolvedQueueMember';
          readonly groupId: SalesforceId;
          /** The group's name where it was read, else its Id. */
          readonly name: string;
          /** The group's Type where it was read (e.g. 'Regular', 'Manager'), else ''. */
          readonly groupType: string;
      }
    | {
          /**
           * Item 14: an agent profile none of whose console apps has the Omni-Channel utility in its utility bar, and
           * some of whose users have none through their permission sets either.
           */
          readonly kind: 'profileWithoutOmniApp';
          readonly profileId: SalesforceId;
          readonly profileName: string;
          /** Labels of the profile's console apps with a utility bar (none of them holds the utility). */
          readonly consoleApps: readonly string[];
          /** The profile's active users, and how many of them have the utility through a permission set. */
          readonly userCount?: number;
          readonly usersWithApp?: number;
          /** Labels of the permission sets through which those users have it. */
          readonly sets?: readonly string[];
      }
    | { readonly kind: 'settingValue'; readonly field: string; readonly expected: string; readonly actual: string }
    /** A step the admin does by hand in Setup, with a link to the page (relative to the org's domain). */
    | { readonly kind: 'manualStep'; readonly step: Reason; readonly url: string }
    | { readonly kind: 'unreadable'; readonly part: string; readonly code: UnavailableCode; readonly message: string };

/** Whether this user can fix the item from the page, and if not, why. */
export type FixAvailability = { readonly available: true } | { readonly available: false; readonly reason: Reason };

/** Choices a fix needs from the admin before it can be planned. */
export type ChoiceKey =
    | 'agentProfiles'
    | 'capacity'
    | 'chatObject'
    | 'moveProfiles'
    | 'moveUsers'
    | 'onlineStatusMode'
    | 'queueMembers'
    | 'sharedRoutingConfig'
    | 'confirmOrgWide';

export interface ChecklistItem {
    readonly id: ItemId;
    /** 1-based position in the checklist. */
    readonly order: number;
    readonly status: ItemStatus;
    readonly reason: Reason;
    readonly details: readonly Detail[];
    /** Earlier items that must pass first (set when status is 'blocked'). */
    readonly blockedBy: readonly ItemId[];
    readonly fix: FixAvailability;
    readonly needs: readonly ChoiceKey[];
}
