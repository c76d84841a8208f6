/**
 * Operations: the only writes there are. Apex and the CLI accept exactly these kinds and re-validate every field.
 */
import type { FieldValue, RoutingModel, SalesforceId } from './snapshotTypes';
import type { ItemId, Reason } from './checklistTypes';

interface OperationBase {
    /** The checklist item this operation fixes. */
    readonly itemId: ItemId;
}

export interface EnableOmniChannelOp extends OperationBase {
    readonly kind: 'enableOmniChannel';
    /** Org-wide setting: the admin must confirm it explicitly. */
    readonly orgWide: true;
}

export interface CreateServiceChannelOp extends OperationBase {
    readonly kind: 'createServiceChannel';
    readonly developerName: string;
    readonly label: string;
    readonly relatedEntityType: string;
}

export interface UpsertRoutingConfigOp extends OperationBase {
    readonly kind: 'upsertRoutingConfig';
    /** Id of the configuration to change, or null to create it. */
    readonly existingId: SalesforceId | null;
    readonly developerName: string;
    readonly label: string;
    readonly routingModel: RoutingModel;
    readonly routingPriority: number;
    readonly capacityWeight: number;
    /** For an existing configuration: exactly the fields that change (nothing else is written). */
    readonly changes: readonly { readonly field: string; readonly from: string; readonly to: string }[];
}

export interface UpsertQueueOp extends OperationBase {
    readonly kind: 'upsertQueue';
    /** Id of the queue to change, or null to create it. */
    readonly existingId: SalesforceId | null;
    readonly developerName: string;
    readonly label: string;
    /** Developer name of the routing configuration the queue must use. */
    readonly routingConfigDeveloperName: string;
    /** Objects to add to the queue's supported objects (existing ones are kept). */
    readonly addSobjectTypes: readonly string[];
}

export interface CreatePresenceStatusOp extends OperationBase {
    readonly kind: 'createPresenceStatus';
    readonly developerName: string;
    readonly label: string;
    /** Developer names of the service channels it carries; empty for a busy status. */
    readonly channelDeveloperNames: readonly string[];
}

export interface AddChannelToStatusOp extends OperationBase {
    readonly kind: 'addChannelToStatus';
    readonly statusId: SalesforceId;
    readonly statusDeveloperName: string;
    readonly channelDeveloperName: string;
}

export interface ProfileRef {
    readonly profileId: SalesforceId;
    readonly profileName: string;
}

export interface CreatePresenceConfigOp extends OperationBase {
    readonly kind: 'createPresenceConfig';
    readonly developerName: string;
    readonly label: string;
    readonly capacity: number;
    /** Profiles assigned from the start (none of them is in another configuration). */
    readonly profiles: readonly ProfileRef[];
}

export interface SetCapacityOp extends OperationBase {
    readonly kind: 'setCapacity';
    readonly configId: SalesforceId;
    readonly configDeveloperName: string;
    readonly from: number;
    readonly capacity: number;
}

export interface AssignProfilesToConfigOp extends OperationBase {
    readonly kind: 'assignProfilesToConfig';
    /** Target configuration; its Id is null when it is created earlier in the same plan. */
    readonly configId: SalesforceId | null;
    readonly configDeveloperName: string;
    /** Profiles in no presence configuration yet. */
    readonly profiles: readonly ProfileRef[];
}

export interface MoveProfilesToConfigOp extends OperationBase {
    readonly kind: 'moveProfilesToConfig';
    readonly configId: SalesforceId | null;
    readonly configDeveloperName: string;
    /** Profiles the admin chose to move, each with the configuration it leaves. */
    readonly moves: readonly (ProfileRef & {
        readonly fromConfigId: SalesforceId;
        readonly fromConfigDeveloperName: string;
    })[];
}

export interface MoveUsersToConfigOp extends OperationBase {
    readonly kind: 'moveUsersToConfig';
    /** Target configuration; its Id is null when it is created earlier in the same plan. */
    readonly configId: SalesforceId | null;
    readonly configDeveloperName: string;
    /**
     * The active users of each profile who are assigned directly to the configuration they leave; the server
     * resolves them (user-level assignment rows) when it runs the operation.
     */
    readonly moves: readonly (ProfileRef & {
        readonly fromConfigId: SalesforceId;
        readonly fromConfigDeveloperName: string;
        readonly userCount: number;
    })[];
}

export interface GrantStatusAccessOp extends OperationBase {
    readonly kind: 'grantStatusAccess';
    /** At most METADATA_BATCH_SIZE profiles (one Profile component each). */
    readonly grants: readonly (ProfileRef & { readonly statusDeveloperNames: readonly string[] })[];
}

/**
 * The permission set SimplyChat owns (facts AGENT_PERMISSION_SET), created or, when it exists and is SimplyChat's,
 * written whole: it grants exactly these statuses. Taken only when the running user may not grant them on the
 * profiles (grantStatusAccess).
 */
export interface UpsertAgentPermissionSetOp extends OperationBase {
    readonly kind: 'upsertAgentPermissionSet';
    /** Id of SimplyChat's permission set, or null to create it. */
    readonly existingId: SalesforceId | null;
    readonly developerName: string;
    readonly label: string;
    readonly description: string;
    /** The Online and Busy statuses it grants. */
    readonly statusDeveloperNames: readonly string[];
}

/** SimplyChat's permission set assigned to each active user of these profiles who does not hold it yet. */
export interface AssignAgentPermissionSetOp extends OperationBase {
    readonly kind: 'assignAgentPermissionSet';
    /** Its Id; null when it is created earlier in the same plan. */
    readonly permissionSetId: SalesforceId | null;
    readonly permissionSetDeveloperName: string;
    /** The profiles, each with its number of active users when planned (the rows are resolved when it runs). */
    readonly profiles: readonly (ProfileRef & { readonly userCount: number })[];
}

export interface ActivateFlowOp extends OperationBase {
    readonly kind: 'activateFlow';
    readonly flowApiName: string;
    readonly latestVersionId: SalesforceId;
}

export interface SetScSetupDefaultsOp extends OperationBase {
    readonly kind: 'setScSetupDefaults';
    readonly objectApiName: string;
    /** 'create': insert the org-default record; 'fillBlanks': set only blank fields of the existing one. */
    readonly mode: 'create' | 'fillBlanks';
    /** Field API name → value, for the fields recognised by their label. */
    readonly values: Readonly<Record<string, FieldValue>>;
}

export interface AddQueueMembersOp extends OperationBase {
    readonly kind: 'addQueueMembers';
    /** The queue; its Id is null when it is created earlier in the same plan. */
    readonly queueId: SalesforceId | null;
    readonly queueDeveloperName: string;
    /**
     * 'agentUsers': the server adds, by username, each active user of these profiles who is not a member yet
     * (resolved when it runs, like moveUsersToConfig). Empty for 'publicGroup'.
     */
    readonly profiles: readonly (ProfileRef & { readonly userCount: number })[];
    /** 'publicGroup': the public group to add; null for 'agentUsers'. */
    readonly publicGroupDeveloperName: string | null;
}

export type Operation =
    | EnableOmniChannelOp
    | CreateServiceChannelOp
    | UpsertRoutingConfigOp
    | UpsertQueueOp
    | CreatePresenceStatusOp
    | AddChannelToStatusOp
    | CreatePresenceConfigOp
    | SetCapacityOp
    | AssignProfilesToConfigOp
    | MoveProfilesToConfigOp
    | MoveUsersToConfigOp
    | GrantStatusAccessOp
    | UpsertAgentPermissionSetOp
    | AssignAgentPermissionSetOp
    | ActivateFlowOp
    | SetScSetupDefaultsOp
    | AddQueueMembersOp;

export type OperationKind = Operation['kind'];

/** A problem with the admin's choices: which choice, and a label key with parameters. */
export interface ChoiceError {
    readonly field: string;
    readonly reason: Reason;
}
