/**
 * Sample orgs: realistic snapshots, shared by the engine and tab tests, the local preview's simulated org and the
 * CLI's fake Salesforce API. The shapes Apex reads, with ids of the right length and key prefixes, and the names
 * an admin would have used.
 */
import { defaultChoices, FLOW_API_NAME, FLOW_LABEL } from '../force-app/main/default/lwc/setupEngine/facts';
import { RECORD_OBJECTS } from '../force-app/main/default/lwc/setupEngine/writes';
import { appsAgentWithoutOmni, appsBarsNotRead, appsWithOmni } from './apps';
import type {
    RecordAccessRecord,
    FlowRecord,
    PermissionSetAccessRecord,
    PresenceUserConfigUserCount,
    OrgSnapshot,
    Part,
    PresenceUserConfigProfileRecord,
    PresenceUserConfigRecord,
    ProfileRecord,
    QueueRecord,
    QueueRoutingConfigRecord,
    QueueSobjectRecord,
    ScSetupField,
    ServiceChannelRecord,
    ServiceChannelStatusRecord,
    ServicePresenceStatusRecord,
    SetupChoices,
    StatusAccessRecord,
    UserPermissions,
} from '../force-app/main/default/lwc/setupEngine/types';
import { fullMembership, noQueueMembership, PUBLIC_GROUP_LIST, sharedMembership } from './queueMembers';

export const CHAT = 'WINP__Talk_Session__c';

export const PROFILE = {
    admin: { Id: '00e5g00000AdminAAA', Name: 'System Administrator', UserCount: 3, ServiceCloudUserCount: 0 },
    agent: { Id: '00e5g00000AgentAAA', Name: 'SimplyChat Agent', UserCount: 25, ServiceCloudUserCount: 25 },
    support: { Id: '00e5g0000SupportAA', Name: 'Support', UserCount: 12, ServiceCloudUserCount: 10 },
    sales: { Id: '00e5g00000SalesAAA', Name: 'Sales', UserCount: 40, ServiceCloudUserCount: 0 },
} satisfies Record<string, ProfileRecord>;

export const ADMIN: UserPermissions = {
    viewSetup: true,
    customizeApplication: true,
    modifyMetadata: true,
    modifyAllData: true,
    manageUsers: true,
    manageProfilesPermissionsets: true,
};

export const NO_PERMISSIONS: UserPermissions = {
    viewSetup: false,
    customizeApplication: false,
    modifyMetadata: false,
    modifyAllData: false,
    manageUsers: false,
    manageProfilesPermissionsets: false,
};

/**
 * The load's record-change probe of an admin: every right on every object the record changes write; with
 * Omni-Channel off its objects (the 'data' ones) are absent.
 */
export function adminRecordAccess(omniEnabled = true): Part<RecordAccessRecord> {
    return read(
        RECORD_OBJECTS.map((name) => {
            const available = omniEnabled || (!name.startsWith('Presence') && name !== 'ServiceChannelStatus');
            return {
                Name: name,
                Available: available,
                Createable: available,
                Updateable: available,
                Deletable: available,
            };
        })
    );
}

/**
 * The org as a user sees it who may not write SetupEntityAccess rows (the load's probe refuses it) and whose org
 * holds no permission set of SimplyChat's name: status access goes through the permission set SimplyChat creates.
 */
export function statusAccessBySetOrg(base: OrgSnapshot): OrgSnapshot {
    const access = adminRecordAccess(base.omniEnabled);
    return {
        ...base,
        recordAccess: read(
            (access.status === 'read' ? access.records : []).map((r) =>
                r.Name === 'SetupEntityAccess' ? { ...r, Createable: false } : r
            )
        ),
        agentPermissionSet: read([]),
    };
}

export function read<T>(records: T[]): Part<T> {
    return { status: 'read', records };
}

export const OMNI_OFF = { status: 'unavailable', code: 'omniDisabled' } as const;

export const SC_SETUP_FIELDS: ScSetupField[] = [
    { apiName: 'WINP__Chat_After_Time__c', label: 'Chat After Time', type: 'double' },
    { apiName: 'WINP__Chat_After_Alert_Time__c', label: 'Chat After Alert Time', type: 'double' },
    { apiName: 'WINP__Debug_Mode__c', label: 'Debug Mode', type: 'boolean' },
    { apiName: 'WINP__Max_Chat_Number__c', label: 'Max Chat Number', type: 'double' },
    { apiName: 'WINP__Random_Name__c', label: 'Random Name', type: 'boolean' },
    { apiName: 'WINP__Only_Owner_available_to_chat__c', label: 'Only Owner available to chat', type: 'boolean' },
    { apiName: 'WINP__Server_URL__c', label: 'Server URL', type: 'url' },
    { apiName: 'WINP__End_Chat_Management__c', label: 'End Chat Management', type: 'picklist' },
];

export function packageFlow(active: boolean): FlowRecord {
    return {
        ApiName: FLOW_API_NAME,
        Label: FLOW_LABEL,
        NamespacePrefix: 'WINP',
        ActiveVersionId: active ? '3015g000000FlowV2A' : null,
        LatestVersionId: '3015g000000FlowV2A',
    };
}

export function choices(overrides: Partial<SetupChoices> = {}): SetupChoices {
    return { ...defaultChoices(), agentProfileIds: [PROFILE.agent.Id, PROFILE.support.Id], ...overrides };
}

interface OmniRecords {
    serviceChannels?: ServiceChannelRecord[];
    routingConfigs?: QueueRoutingConfigRecord[];
    queues?: QueueRecord[];
    queueSobjects?: QueueSobjectRecord[];
    presenceStatuses?: ServicePresenceStatusRecord[];
    statusChannels?: ServiceChannelStatusRecord[];
    presenceConfigs?: PresenceUserConfigRecord[];
    presenceConfigProfiles?: PresenceUserConfigProfileRecord[];
    statusAccess?: StatusAccessRecord[];
    presenceConfigUsers?: PresenceUserConfigUserCount[];
    permissionSetAccess?: PermissionSetAccessRecord[];
}

/** An org with Omni-Channel on, the SimplyChat package installed, an admin with a working API connection. */
export function omniOrg(records: OmniRecords = {}, overrides: Partial<OrgSnapshot> = {}): OrgSnapshot {
    return {
        schemaVersion: 1,
        readAt: '2026-11-25T09:00:00.000Z',
        orgId: '00D5g000000OrgAAAA',
        user: { id: '0055g000000AdminAA', permissions: ADMIN },
        apiAccess: { connectionSetup: 'present', connection: 'ok', httpStatus: 200 },
        omniEnabled: true,
        chatObject: { apiName: CHAT, exists: true, label: 'Chat Session' },
        serviceChannels: read(records.serviceChannels ?? []),
        routingConfigs: read(records.routingConfigs ?? []),
        queues: read(records.queues ?? []),
        queueSobjects: read(records.queueSobjects ?? []),
        presenceStatuses: read(records.presenceStatuses ?? []),
        statusChannels: read(records.statusChannels ?? []),
        presenceConfigs: read(records.presenceConfigs ?? []),
        presenceConfigProfiles: read(records.presenceConfigProfiles ?? []),
        presenceConfigUsers: read(records.presenceConfigUsers ?? []),
        profiles: read(Object.values(PROFILE)),
        statusAccess: read(records.statusAccess ?? []),
        permissionSetAccess: read(records.permissionSetAccess ?? []),
        flows: read([packageFlow(false)]),
        scSetup: read([
            { objectApiName: 'WINP__SC_Setup__c', fields: SC_SETUP_FIELDS, orgDefault: null, writable: true },
        ]),
        queueMembership: read(noQueueMembership()),
        publicGroups: read(PUBLIC_GROUP_LIST),
        recordAccess: adminRecordAccess(),
        choices: choices(),
        ...overrides,
    };
}

/** An Omni-Channel org with the parts of item 14 (samples/apps.ts). */
function omniOrgWithApps(apps: Partial<OrgSnapshot>, records: OmniRecords): OrgSnapshot {
    return omniOrg(records, apps);
}

/** A fresh org: Omni-Channel was never enabled. */
export function omniDisabledOrg(): OrgSnapshot {
    return omniOrg(
        {},
        {
            omniEnabled: false,
            serviceChannels: OMNI_OFF,
            routingConfigs: OMNI_OFF,
            presenceStatuses: OMNI_OFF,
            statusChannels: OMNI_OFF,
            presenceConfigs: OMNI_OFF,
            presenceConfigProfiles: OMNI_OFF,
            presenceConfigUsers: OMNI_OFF,
            statusAccess: OMNI_OFF,
            permissionSetAccess: OMNI_OFF,
            recordAccess: adminRecordAccess(false),
        }
    );
}

/** Records of an org an admin set up by hand, with names of their own. */
export const HAND = {
    caseChannel: { Id: '0N15g000000CaseAAA', DeveloperName: 'sfdc_Case', MasterLabel: 'Case', RelatedEntity: 'Case' },
    chatChannel: {
        Id: '0N15g000000ChatAAA',
        DeveloperName: 'Chat_Sessions',
        MasterLabel: 'Chat Sessions',
        RelatedEntity: CHAT,
    },
    routing: {
        Id: '0K75g000000RoutAAA',
        DeveloperName: 'Chat_Routing',
        MasterLabel: 'Chat Routing',
        RoutingModel: 'MostAvailable',
        RoutingPriority: 1,
        CapacityWeight: 1,
        CapacityPercentage: null,
    },
    queue: {
        Id: '00G5g000000ChatQAA',
        DeveloperName: 'Chat_Queue',
        Name: 'Chat Queue',
        QueueRoutingConfigId: '0K75g000000RoutAAA',
    },
    queueSobject: { Id: '03g5g000000QsobAAA', QueueId: '00G5g000000ChatQAA', SobjectType: CHAT },
    available: { Id: '0N55g000000AvailAA', DeveloperName: 'Available', MasterLabel: 'Available' },
    away: { Id: '0N55g000000AwayAAA', DeveloperName: 'Away', MasterLabel: 'Away' },
    availableCase: {
        Id: '0N65g000000Link1AA',
        ServicePresenceStatusId: '0N55g000000AvailAA',
        ServiceChannelId: '0N15g000000CaseAAA',
    },
    availableChat: {
        Id: '0N65g000000Link2AA',
        ServicePresenceStatusId: '0N55g000000AvailAA',
        ServiceChannelId: '0N15g000000ChatAAA',
    },
    agentsConfig: { Id: '0Nd5g000000AgentsA', DeveloperName: 'Agents_Config', MasterLabel: 'Agents', Capacity: 3 },
    salesConfig: { Id: '0Nd5g000000SalesAA', DeveloperName: 'Sales_Config', MasterLabel: 'Sales Team', Capacity: 2 },
} as const;

/** Everything set up by hand with other names: the available status also carries the Case channel. */
export function fullySetUpOrg(): OrgSnapshot {
    return omniOrg(
        {
            serviceChannels: [HAND.caseChannel, HAND.chatChannel],
            routingConfigs: [HAND.routing],
            queues: [HAND.queue],
            queueSobjects: [HAND.queueSobject],
            presenceStatuses: [HAND.available, HAND.away],
            statusChannels: [HAND.availableCase, HAND.availableChat],
            presenceConfigs: [HAND.agentsConfig],
            presenceConfigProfiles: [
                { Id: '0Nf5g000000PcpAgAA', PresenceUserConfigId: HAND.agentsConfig.Id, ProfileId: PROFILE.agent.Id },
                { Id: '0Nf5g000000PcpSuAA', PresenceUserConfigId: HAND.agentsConfig.Id, ProfileId: PROFILE.support.Id },
            ],
            statusAccess: [
                { ProfileId: PROFILE.agent.Id, SetupEntityId: HAND.available.Id },
                { ProfileId: PROFILE.agent.Id, SetupEntityId: HAND.away.Id },
                { ProfileId: PROFILE.support.Id, SetupEntityId: HAND.available.Id },
                { ProfileId: PROFILE.support.Id, SetupEntityId: HAND.away.Id },
            ],
        },
        {
            queueMembership: read([fullMembership(HAND.queue.Id, PROFILE.agent, PROFILE.support)]),
            ...appsWithOmni(),
            flows: read([packageFlow(true)]),
            scSetup: read([
                {
                    objectApiName: 'WINP__SC_Setup__c',
                    fields: SC_SETUP_FIELDS,
                    orgDefault: {
                        WINP__Server_URL__c: 'https://wisetalk.windmillsoft.kr',
                        WINP__Max_Chat_Number__c: 100,
                    },
                    writable: true,
                },
            ]),
        }
    );
}

/**
 * Partly set up: the channel and an online status exist; no routing configuration, no queue, no busy status, no
 * presence configuration; the agent profile sees the online status; the flow is inactive; no SC Setup record.
 */
export function partlySetUpOrg(): OrgSnapshot {
    return omniOrgWithApps(appsAgentWithoutOmni(), {
        serviceChannels: [HAND.caseChannel, HAND.chatChannel],
        presenceStatuses: [HAND.available],
        statusChannels: [HAND.availableChat],
        statusAccess: [{ ProfileId: PROFILE.agent.Id, SetupEntityId: HAND.available.Id }],
    });
}

/** Records of an org where Omni-Channel already serves other teams (cases, phone, messaging). */
export const SHARED = {
    caseChannel: HAND.caseChannel,
    phoneChannel: {
        Id: '0N15g00000PhoneAAA',
        DeveloperName: 'sfdc_phone',
        MasterLabel: 'Phone',
        RelatedEntity: 'VoiceCall',
    },
    messagingChannel: {
        Id: '0N15g0000MessageAA',
        DeveloperName: 'sfdc_livemessage',
        MasterLabel: 'Messaging',
        RelatedEntity: 'MessagingSession',
    },
    chatChannel: HAND.chatChannel,
    /** The agents' one Online status: case, phone and messaging work, labelled "Online". */
    availableForChat: { Id: '0N55g000000AvChAAA', DeveloperName: 'Available_for_Chat', MasterLabel: 'Online' },
    away: HAND.away,
    defaultConfig: {
        Id: '0Nd5g000000DefltAA',
        DeveloperName: 'default_presence_config',
        MasterLabel: 'Default Presence Configuration',
        Capacity: 5,
    },
    /** Another team's configuration: the Sales profile and users assigned directly rely on it. */
    salesChat: { Id: '0Nd5g000000SChatAA', DeveloperName: 'Sales_Chat', MasterLabel: 'Sales Chat', Capacity: 4 },
    omniAgents: '0PS5g000000OmniAAA',
} as const;

/**
 * Omni-Channel already serves other teams: the agents' Online status carries case, phone and messaging work but
 * not SimplyChat; the SimplyChat Agent profile is on the Default Presence Configuration and gets its statuses
 * through the permission set "Omni Agents" (all 25 users), two of its users are assigned directly to the Sales
 * team's configuration; Support sits in that configuration with the Sales profile.
 */
/**
 * The fully set up org whose chat queue's routing configuration (Chat Routing, priority 2 where the guide says 1) also
 * routes another team's queue, Support Cases: item 5 names that queue and changes nothing without the admin's choice.
 */
export function sharedRoutingOrg(): OrgSnapshot {
    const full = fullySetUpOrg();
    return {
        ...full,
        routingConfigs: read([{ ...HAND.routing, RoutingPriority: 2 }]),
        routedQueues: read([
            HAND.queue,
            {
                Id: '00G5g00000CasesAAA',
                DeveloperName: 'Support_Cases',
                Name: 'Support Cases',
                QueueRoutingConfigId: HAND.routing.Id,
            },
        ]),
    };
}

export function sharedOmniOrg(): OrgSnapshot {
    const link = (n: number, statusId: string, channelId: string): ServiceChannelStatusRecord => ({
        Id: `0N65g00000Shar${n}AA`,
        ServicePresenceStatusId: statusId,
        ServiceChannelId: channelId,
    });
    return omniOrgWithApps(
        {
            ...appsBarsNotRead(),
            queueMembership: read([sharedMembership(HAND.queue.Id, PROFILE.agent, PROFILE.support)]),
        },
        {
            serviceChannels: [SHARED.caseChannel, SHARED.phoneChannel, SHARED.messagingChannel, SHARED.chatChannel],
            routingConfigs: [HAND.routing],
            queues: [HAND.queue],
            queueSobjects: [HAND.queueSobject],
            presenceStatuses: [SHARED.availableForChat, SHARED.away],
            statusChannels: [
                link(1, SHARED.availableForChat.Id, SHARED.caseChannel.Id),
                link(2, SHARED.availableForChat.Id, SHARED.phoneChannel.Id),
                link(3, SHARED.availableForChat.Id, SHARED.messagingChannel.Id),
            ],
            presenceConfigs: [SHARED.defaultConfig, SHARED.salesChat],
            presenceConfigProfiles: [
                { Id: '0Nf5g000000ShSalAA', PresenceUserConfigId: SHARED.salesChat.Id, ProfileId: PROFILE.sales.Id },
                { Id: '0Nf5g000000ShSupAA', PresenceUserConfigId: SHARED.salesChat.Id, ProfileId: PROFILE.support.Id },
            ],
            presenceConfigUsers: [
                {
                    PresenceUserConfigId: SHARED.salesChat.Id,
                    ProfileId: PROFILE.agent.Id,
                    UserCount: 2,
                    FirstUserName: 'Kim Minji',
                },
                {
                    PresenceUserConfigId: SHARED.salesChat.Id,
                    ProfileId: PROFILE.sales.Id,
                    UserCount: 3,
                    FirstUserName: 'Lee Jun',
                },
            ],
            statusAccess: [
                { ProfileId: PROFILE.support.Id, SetupEntityId: SHARED.availableForChat.Id },
                { ProfileId: PROFILE.support.Id, SetupEntityId: SHARED.away.Id },
            ],
            permissionSetAccess: [
                {
                    Id: SHARED.omniAgents,
                    Label: 'Omni Agents',
                    PermissionSetGroupId: null,
                    StatusIds: [SHARED.availableForChat.Id, SHARED.away.Id],
                    Assignees: Array.from({ length: PROFILE.agent.UserCount }, (_, i) => ({
                        AssigneeId: `0055g0000Agent${String(i).padStart(2, '0')}A`,
                        ProfileId: PROFILE.agent.Id,
                    })),
                },
            ],
        }
    );
}
