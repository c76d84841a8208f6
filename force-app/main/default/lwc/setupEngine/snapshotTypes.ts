/**
 * What the readers return: the org as the engine sees it (OrgSnapshot), with the Salesforce field names it is read
 * with, and what the admin chose (SetupChoices). Plain data: serializable to JSON and back without loss.
 */
import type { ROUTING_MODEL_METADATA } from './contract';

/** A Salesforce record Id (15 or 18 characters). */
export type SalesforceId = string;

/** Why a part of the org could not be read. Never an empty list pretending to be a fact. */
export type UnavailableCode =
    /** Omni-Channel is off: its objects do not exist in this org. */
    | 'omniDisabled'
    /** The running user may not read it (e.g. SetupEntityAccess needs View Setup). */
    | 'noAccess'
    /** The query failed for another reason; `message` says which. */
    | 'queryFailed'
    /** Read on demand, and not read yet (e.g. utility bars, which need the API connection). */
    | 'notRead';

/** One part of the snapshot: either what was read, or why it could not be read. */
export type Part<T> =
    | { readonly status: 'read'; readonly records: readonly T[] }
    | { readonly status: 'unavailable'; readonly code: UnavailableCode; readonly message?: string };

/** ServiceChannel: `SELECT Id, DeveloperName, MasterLabel, RelatedEntity FROM ServiceChannel`. */
export interface ServiceChannelRecord {
    readonly Id: SalesforceId;
    readonly DeveloperName: string;
    readonly MasterLabel: string;
    /** API name of the object the channel routes (the SOQL column; `relatedEntityType` in metadata). */
    readonly RelatedEntity: string;
}

/** Data-API values of QueueRoutingConfig.RoutingModel (metadata: MOST_AVAILABLE, LEAST_ACTIVE, EXTERNAL_ROUTING). */
export type RoutingModel = keyof typeof ROUTING_MODEL_METADATA;

/** QueueRoutingConfig (routing configuration). */
export interface QueueRoutingConfigRecord {
    readonly Id: SalesforceId;
    readonly DeveloperName: string;
    readonly MasterLabel: string;
    readonly RoutingModel: RoutingModel | string;
    readonly RoutingPriority: number | null;
    /** Units of capacity; null when the configuration uses CapacityPercentage instead. */
    readonly CapacityWeight: number | null;
    readonly CapacityPercentage: number | null;
}

/** Group with Type = 'Queue'. */
export interface QueueRecord {
    readonly Id: SalesforceId;
    readonly DeveloperName: string;
    readonly Name: string;
    readonly QueueRoutingConfigId: SalesforceId | null;
}

/** QueueSobject: one object a queue supports. */
export interface QueueSobjectRecord {
    readonly Id: SalesforceId;
    readonly QueueId: SalesforceId;
    readonly SobjectType: string;
}

/** ServicePresenceStatus. Online or busy is not a field: it is whether ServiceChannelStatus rows link it. */
export interface ServicePresenceStatusRecord {
    readonly Id: SalesforceId;
    readonly DeveloperName: string;
    readonly MasterLabel: string;
}

/** ServiceChannelStatus: a presence status carries a service channel. */
export interface ServiceChannelStatusRecord {
    readonly Id: SalesforceId;
    readonly ServicePresenceStatusId: SalesforceId;
    readonly ServiceChannelId: SalesforceId;
}

/** PresenceUserConfig (presence configuration). */
export interface PresenceUserConfigRecord {
    readonly Id: SalesforceId;
    readonly DeveloperName: string;
    readonly MasterLabel: string;
    readonly Capacity: number;
}

/** PresenceUserConfigProfile: a profile assigned to a presence configuration (at most one per profile). */
export interface PresenceUserConfigProfileRecord {
    readonly Id: SalesforceId;
    readonly PresenceUserConfigId: SalesforceId;
    readonly ProfileId: SalesforceId;
}

/**
 * Active users assigned directly to a presence configuration (PresenceUserConfigUser), counted per configuration
 * and per the users' profile with `SELECT PresenceUserConfigId, User.ProfileId, COUNT(Id), MIN(User.Name) FROM
 * PresenceUserConfigUser WHERE User.IsActive = TRUE GROUP BY PresenceUserConfigId, User.ProfileId`. A user's own
 * assignment overrides the profile's configuration. Counted, not listed: an org may have 20,000 users.
 */
export interface PresenceUserConfigUserCount {
    readonly PresenceUserConfigId: SalesforceId;
    /** The users' profile (`User.ProfileId`). */
    readonly ProfileId: SalesforceId;
    readonly UserCount: number;
    /** The first of these users by name (`MIN(User.Name)`), to name an example. */
    readonly FirstUserName: string;
}

/**
 * A profile that can be an agent: a profile with active internal users (or one the admin already chose), with its
 * number of active users and how many of them have the Service Cloud User feature licence.
 */
export interface ProfileRecord {
    readonly Id: SalesforceId;
    readonly Name: string;
    readonly UserCount: number;
    readonly ServiceCloudUserCount: number;
}

/**
 * A profile's access to a presence status: a SetupEntityAccess row whose parent is the profile's own permission set,
 * read with `SELECT Parent.ProfileId, SetupEntityId FROM SetupEntityAccess WHERE SetupEntityId IN :statusIds
 * AND Parent.IsOwnedByProfile = true`. `ProfileId` holds `Parent.ProfileId`.
 */
export interface StatusAccessRecord {
    readonly ProfileId: SalesforceId;
    readonly SetupEntityId: SalesforceId;
}

/** An active user on an agent profile who holds a permission set (directly, or through a permission set group). */
export interface PermissionSetAssigneeRecord {
    /** PermissionSetAssignment.AssigneeId. */
    readonly AssigneeId: SalesforceId;
    /** The assignee's profile (`Assignee.ProfileId`). */
    readonly ProfileId: SalesforceId;
}

/**
 * A permission set not owned by a profile (a permission set group's own set included) that grants presence
 * statuses, with the active agent users assigned to it. Read in the same query as the profiles' access:
 * `SELECT Id, Label, PermissionSetGroupId, (SELECT SetupEntityId FROM SetupEntityAccessItems …), (SELECT AssigneeId,
 * Assignee.ProfileId FROM Assignments …) FROM PermissionSet WHERE …`. Session-activated sets are left out.
 */
export interface PermissionSetAccessRecord {
    readonly Id: SalesforceId;
    readonly Label: string;
    /** The permission set group this set holds the permissions of, or null for a plain permission set. */
    readonly PermissionSetGroupId: SalesforceId | null;
    /** Presence statuses it grants (SetupEntityAccess.SetupEntityId). */
    readonly StatusIds: readonly SalesforceId[];
    readonly Assignees: readonly PermissionSetAssigneeRecord[];
}

/**
 * A permission set named as SimplyChat's own (facts AGENT_PERMISSION_SET): `SELECT Id, Name, Label, Description,
 * HasActivationRequired FROM PermissionSet WHERE Name = :permissionSetName AND IsOwnedByProfile = FALSE AND NamespacePrefix = NULL` (the contract's AGENT_PERMISSION_SET).
 */
export interface AgentPermissionSetRecord {
    readonly Id: SalesforceId;
    readonly Name: string;
    readonly Label: string;
    readonly Description: string | null;
    /** Session-based: it grants nothing until activated in a session (left out of the status access read). */
    readonly HasActivationRequired: boolean;
}

// ---------------------------------------------------------------------------------------------------------------
// Item 13: who is in the SimplyChat queue

/**
 * A GroupMember row inside the SimplyChat queue: the queue's own members (`GroupId` = the queue) and the members of
 * public groups that are members of it, read level by level (`SELECT GroupId, UserOrGroupId FROM GroupMember WHERE
 * GroupId IN :ids`). `UserOrGroupId` is a user (005…) or a group (00G…).
 */
export interface GroupMemberRecord {
    readonly GroupId: SalesforceId;
    readonly UserOrGroupId: SalesforceId;
}

/**
 * A group met among the members: `SELECT Id, Type, RelatedId, DeveloperName, Name FROM Group WHERE Id IN :ids`.
 * Type is 'Regular' (public group), 'Role', 'RoleAndSubordinates', 'RoleAndSubordinatesInternal', 'Organization'
 * (all internal users) or another group type; RelatedId is the role (00E…) of the role types, null otherwise.
 */
export interface MemberGroupRecord {
    readonly Id: SalesforceId;
    readonly Type: string;
    readonly RelatedId: SalesforceId | null;
    readonly DeveloperName: string | null;
    readonly Name: string | null;
    /** `Related.Name`: the role's name for a role group (which has no name of its own). Absent in older snapshots. */
    readonly RelatedName?: string | null;
}

/** UserRole: the hierarchy, read only when a role-and-subordinates member needs it. */
export interface UserRoleRecord {
    readonly Id: SalesforceId;
    readonly Name: string;
    readonly ParentRoleId: SalesforceId | null;
}

/** Active users of the agent profiles counted per profile and role (an aggregate: no user is listed). */
export interface AgentRoleCount {
    readonly ProfileId: SalesforceId;
    readonly UserRoleId: SalesforceId | null;
    readonly UserCount: number;
}

/** An active user on an agent profile who is a member by name (of the queue or of a public group in it). */
export interface MemberUserRecord {
    readonly Id: SalesforceId;
    readonly ProfileId: SalesforceId;
    readonly UserRoleId: SalesforceId | null;
}

/** A public group the admin may add to the queue (`Group WHERE Type = 'Regular'`), for the choice of item 13. */
export interface PublicGroupRecord {
    readonly Id: SalesforceId;
    readonly DeveloperName: string;
    readonly Name: string;
}

/**
 * The SimplyChat queue's membership, as the platform resolves it for routing: users, public groups (nested ones
 * included, to the depth read), roles, roles and subordinates (internal or all), and all internal users, against
 * the active users of the agent profiles. One record (a Part of one, like scSetup); no record when there is no
 * SimplyChat queue yet.
 */
export interface QueueMembershipState {
    readonly queueId: SalesforceId;
    readonly members: readonly GroupMemberRecord[];
    readonly groups: readonly MemberGroupRecord[];
    /** The role hierarchy when a role-and-subordinates member needs it; empty otherwise. */
    readonly roles: readonly UserRoleRecord[];
    readonly memberUsers: readonly MemberUserRecord[];
    readonly agentsByRole: readonly AgentRoleCount[];
    /** Public groups nested deeper than the levels read: their members are not resolved (reported, never guessed). */
    readonly unresolvedGroupIds: readonly SalesforceId[];
}

// ---------------------------------------------------------------------------------------------------------------
// Item 14: the agents' console app has the Omni-Channel utility

/**
 * AppDefinition: a Lightning app (`NavType` 'Console' or 'Standard') and the name of its utility bar, if any.
 * AppDefinition returns only the apps the running user can access (object reference), so an app the agents have
 * may be missing here: its access rows then name an `AppMenuItem` with no AppDefinition (`appIndex`).
 */
export interface AppRecord {
    /** AppDefinition's own Id (06m…). Not the Id app access rows carry: that is AppMenuItem.ApplicationId (02u…). */
    readonly DurableId: SalesforceId;
    readonly DeveloperName: string;
    readonly NamespacePrefix: string | null;
    readonly Label: string;
    readonly NavType: string | null;
    /** Developer name of the app's utility bar (a FlexiPage of type UtilityBar), or null. */
    readonly UtilityBar: string | null;
    /**
     * Omni-Channel pinned in the console's sidebar instead of the utility bar (AppDefinition
     * `IsOmniPinnedViewEnabled`). Absent in older snapshots. Whether agents go online there is not verified.
     */
    readonly IsOmniPinnedViewEnabled?: boolean;
}

/**
 * AppMenuItem of type TabSet (an app of the App Launcher): `ApplicationId` is the app's 02u… Id, the
 * SetupEntityId of its access rows (SetupEntityAccess object reference, usage example). It lists the org's apps,
 * not only the running user's, and is joined to AppDefinition on namespace and developer name (`Name`).
 */
export interface AppMenuItemRecord {
    /** 15-character Id (object reference), 02u… */
    readonly ApplicationId: SalesforceId;
    readonly Name: string;
    readonly NamespacePrefix: string | null;
}

/**
 * A profile's access to an app: a SetupEntityAccess row (type TabSet) of the profile's own permission set, read with
 * the permission sets' (SETUP_ENTITY_ACCESS) and split from them by `IsOwnedByProfile`.
 */
export interface AppAccessRecord {
    readonly ProfileId: SalesforceId;
    /** The app's 02u… Id (AppMenuItem.ApplicationId), 18 characters. */
    readonly SetupEntityId: SalesforceId;
}

/**
 * A permission set not owned by a profile (a permission set group's own set included: it holds the group's
 * aggregated permissions) that grants apps, with the active agent users assigned to it. Read with the same query as
 * status access (the contract's SETUP_ENTITY_ACCESS, bound to the apps' 02u… Ids), so session-activated sets and
 * groups are left out the same way. Sets with no agent assignee are kept: item 14 names them as a way to give the app.
 */
export interface PermissionSetAppRecord {
    /** 0PS… */
    readonly Id: SalesforceId;
    readonly Label: string;
    /** The permission set group this set holds the permissions of (0PG…), or null for a plain permission set. */
    readonly PermissionSetGroupId: SalesforceId | null;
    /** The apps it grants: their 02u… Ids (SetupEntityAccess.SetupEntityId). */
    readonly AppIds: readonly SalesforceId[];
    readonly Assignees: readonly PermissionSetAssigneeRecord[];
}

/**
 * A utility bar's content, read through the Metadata API (FlexiPage): the component names of its utility items.
 * Which of them is the Omni-Channel utility is the engine's call (facts.ts), not the reader's.
 */
export interface UtilityBarRecord {
    /** FlexiPage developer name, as AppDefinition.UtilityBar names it. */
    readonly Name: string;
    /** `componentName` of each item of the `utilityItems` region, e.g. `console:history`. */
    readonly ComponentNames: readonly string[];
}

/** FlowDefinitionView. Active means `ActiveVersionId != null` (IsActive only says the latest version is active). */
export interface FlowRecord {
    readonly ApiName: string;
    readonly Label: string;
    readonly NamespacePrefix: string | null;
    readonly ActiveVersionId: SalesforceId | null;
    readonly LatestVersionId: SalesforceId | null;
}

/** A field of the `SC Setup` custom setting, from describe. */
export interface ScSetupField {
    readonly apiName: string;
    readonly label: string;
    /** Schema.DisplayType in lower case: boolean, double, string, url, time, picklist, … */
    readonly type: string;
}

export type FieldValue = string | number | boolean | null;

/** The package's `SC Setup` hierarchy custom setting, found by describe. */
export interface ScSetupState {
    /** API name found by describe, or null when no such setting exists in the org (package not installed). */
    readonly objectApiName: string | null;
    readonly fields: readonly ScSetupField[];
    /** The org-wide default record's values by field API name, or null when there is none. */
    readonly orgDefault: Readonly<Record<string, FieldValue>> | null;
    /**
     * Whether this user may create and edit the org-default record, by describe (the setting and every custom
     * field createable/updateable). False for a protected setting of another namespace: item 12 is then a manual
     * step in Setup.
     */
    readonly writable: boolean;
}

/**
 * What the running user may do with one object the record changes write (the contract's recordObjects), by describe
 * in the user's context: Apex `Schema.DescribeSObjectResult` `isCreateable()` / `isUpdateable()` / `isDeletable()`,
 * the CLI's REST describeGlobal `createable` / `updateable` / `deletable`. An object the org does not have is
 * `Available: false` with no right. Read with the load, never a query.
 */
export interface RecordAccessRecord {
    /** The object's API name, as the contract names it. */
    readonly Name: string;
    readonly Available: boolean;
    readonly Createable: boolean;
    readonly Updateable: boolean;
    readonly Deletable: boolean;
}

/** The chat object SimplyChat routes (e.g. WINP__Talk_Session__c), from describe. */
export interface ChatObjectState {
    readonly apiName: string;
    readonly exists: boolean;
    readonly label: string | null;
}

/** The running user's permissions, read server-side from their permission sets (profile included). */
export interface UserPermissions {
    readonly viewSetup: boolean;
    readonly customizeApplication: boolean;
    readonly modifyMetadata: boolean;
    readonly modifyAllData: boolean;
    readonly manageUsers: boolean;
    readonly manageProfilesPermissionsets: boolean;
}

/** The API connection used for fixes (Named Credential to this org's Tooling and Metadata APIs). */
export interface ApiAccess {
    /** Whether the package's Named Credential for the connection exists ('unknown' until checked). */
    readonly connectionSetup: 'present' | 'missing' | 'unknown';
    /**
     * Result of the last connection test; 'untested' until the cheap test call has run; 'wrongOrg' when the
     * Named Credential reaches another org than this one; 'wrongUser' when it is authenticated as another user.
     */
    readonly connection: 'untested' | 'ok' | 'unauthenticated' | 'wrongOrg' | 'wrongUser' | 'error';
    /** HTTP status of the test call, when there was one. */
    readonly httpStatus?: number;
    readonly message?: string;
}

/** The state of one step of the one-time API connection, as the org shows it ('unknown': cannot be checked here). */
export type ConnectionStepState = 'done' | 'attention' | 'missing' | 'unknown';

/**
 * Each connection step's state, read on demand by ConnectionStatusController.getConnectionStatus (Apex
 * ConnectionStatusController.ConnectionStatus), apart from the snapshot.
 */
export interface ConnectionStatus {
    readonly clientApp: ConnectionStepState;
    readonly authProvider: ConnectionStepState;
    readonly externalCredential: ConnectionStepState;
    readonly namedCredential: ConnectionStepState;
    readonly principalAccess: ConnectionStepState;
    readonly authenticate: ConnectionStepState;
}

/** A name of something the fixes create: API (developer) name and label. */
export interface NameChoice {
    readonly developerName: string;
    readonly label: string;
}

export interface SetupNames {
    readonly serviceChannel: NameChoice;
    readonly routingConfig: NameChoice;
    readonly queue: NameChoice;
    readonly onlineStatus: NameChoice;
    readonly busyStatus: NameChoice;
    readonly presenceConfig: NameChoice;
}

/** What the admin chose; saved in the org and part of the snapshot. */
export interface SetupChoices {
    /** API name of the object chats are routed as. */
    readonly chatObject: string;
    /** Profiles of the agents who take chats. */
    readonly agentProfileIds: readonly SalesforceId[];
    /**
     * Chats per agent at once (capacity, with 1 unit per chat). Null: keep an existing configuration's capacity,
     * and use the suggested default for a new one.
     */
    readonly capacity: number | null;
    /** Agent profiles that sit in another presence configuration and that the admin agreed to move. */
    readonly moveProfileIds: readonly SalesforceId[];
    /**
     * Agents on the agent profiles who are assigned directly (user level) to another presence configuration: move
     * them to SimplyChat's configuration only when true.
     */
    readonly moveDirectUsers: boolean;
    /**
     * False (the default): add the SimplyChat channel to the Online statuses the agents already use, so agents
     * take SimplyChat chats beside their other work. True: a separate Online status for SimplyChat only.
     */
    readonly separateOnlineStatus: boolean;
    /**
     * Item 5, when other queues use the routing configuration of the SimplyChat queue too (or one that carries the
     * SimplyChat name): 'keep' (the default) changes nothing of it; 'update' changes it to the guide's values (the
     * other queues' routing changes with it); 'own' creates a routing configuration SimplyChat owns and links the
     * SimplyChat queue to it (the other queues keep theirs). Absent: the older `updateSharedRoutingConfig`.
     */
    readonly sharedRoutingConfig?: SharedRoutingChoice | null;
    /** The older form of `sharedRoutingConfig`, still read when that is absent: true is 'update'. */
    readonly updateSharedRoutingConfig?: boolean;
    /**
     * Item 13: what to add to the SimplyChat queue for the agents who are not members. Null: not chosen yet.
     * 'agentUsers': each such active user of the agent profiles, by name; 'publicGroup': the named public group.
     */
    readonly queueMembers?: QueueMembersChoice | null;
    readonly names: SetupNames;
}

/** What item 5 does with a routing configuration other queues use too (SetupChoices.sharedRoutingConfig). */
export type SharedRoutingChoice = 'keep' | 'update' | 'own';

export type QueueMembersChoice =
    { readonly kind: 'agentUsers' } | { readonly kind: 'publicGroup'; readonly groupDeveloperName: string };

/** Everything the engine evaluates: exactly what Apex (or the CLI) read from one org at one time. */
export interface OrgSnapshot {
    readonly schemaVersion: 1;
    /** ISO 8601 time of the read. */
    readonly readAt: string;
    readonly orgId: SalesforceId;
    /** This org's My Domain URL (Url.getOrgDomainUrl()), for the API connection steps; absent in older snapshots. */
    readonly myDomainUrl?: string;
    readonly user: { readonly id: SalesforceId; readonly permissions: UserPermissions };
    readonly apiAccess: ApiAccess;
    readonly omniEnabled: boolean;
    readonly chatObject: ChatObjectState;
    readonly serviceChannels: Part<ServiceChannelRecord>;
    readonly routingConfigs: Part<QueueRoutingConfigRecord>;
    readonly queues: Part<QueueRecord>;
    /**
     * Every queue with a routing configuration (the contract's ROUTED_QUEUES): who else a routing configuration
     * routes. Absent in snapshots of older readers: no other queue is then known.
     */
    readonly routedQueues?: Part<QueueRecord>;
    readonly queueSobjects: Part<QueueSobjectRecord>;
    readonly presenceStatuses: Part<ServicePresenceStatusRecord>;
    readonly statusChannels: Part<ServiceChannelStatusRecord>;
    readonly presenceConfigs: Part<PresenceUserConfigRecord>;
    readonly presenceConfigProfiles: Part<PresenceUserConfigProfileRecord>;
    readonly presenceConfigUsers: Part<PresenceUserConfigUserCount>;
    readonly profiles: Part<ProfileRecord>;
    readonly statusAccess: Part<StatusAccessRecord>;
    readonly permissionSetAccess: Part<PermissionSetAccessRecord>;
    /**
     * Item 10: the permission set of SimplyChat's name, when status access goes through it (AgentPermissionSetRecord).
     * Absent in snapshots of older readers: that route is not taken.
     */
    readonly agentPermissionSet?: Part<AgentPermissionSetRecord>;
    readonly flows: Part<FlowRecord>;
    readonly scSetup: Part<ScSetupState>;
    /**
     * Item 13: the members of the queue `settle` picked, read after it by that Id (SettledParts); `notRead` until
     * then. Absent in snapshots of older readers: the item is then unknown.
     */
    readonly queueMembership?: Part<QueueMembershipState>;
    /** Public groups the admin may choose for item 13. */
    readonly publicGroups?: Part<PublicGroupRecord>;
    /** Item 14: console apps, the agent profiles' app access and the utility bars' content. */
    readonly apps?: Part<AppRecord>;
    /** The org's apps with their 02u… Ids (AppMenuItem, type TabSet): how access rows name an app. */
    readonly appMenuItems?: Part<AppMenuItemRecord>;
    readonly appAccess?: Part<AppAccessRecord>;
    /**
     * Apps granted through permission sets (and groups) beside the profiles' own access. Absent in snapshots of older
     * readers: no set is then known to grant an app (as before this part existed).
     */
    readonly appPermissionSets?: Part<PermissionSetAppRecord>;
    /**
     * Read through the Metadata API, so not by the load (no callouts): `unavailable` with code 'notRead' until
     * the on-demand read of the bars `settle` names (the tab's getUtilityBars call, the CLI's readDependent) adds it.
     */
    readonly utilityBars?: Part<UtilityBarRecord>;
    /**
     * Whether the running user may insert, update and delete each object the record changes write: a change whose
     * rows are refused is a guided manual step, never a run that fails. Absent in snapshots of older readers: every
     * change is planned, and a refusal at run time is the backstop.
     */
    readonly recordAccess?: Part<RecordAccessRecord>;
    readonly choices: SetupChoices;
}

/**
 * The parts a reader reads only after `settle` (settle.ts), by the Ids it picks: SetupSnapshotController.getSettledParts
 * in the tab, `readDependent` in the CLI.
 */
export interface SettledParts {
    readonly queueMembership: Part<QueueMembershipState>;
}
