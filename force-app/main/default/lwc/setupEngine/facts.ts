/**
 * Salesforce and SimplyChat facts the rules depend on, in one place. Each unverified fact sits behind one constant
 * or function named here and in docs/org-verification.md, so checking it in an org changes one line.
 */
import { AGENT_PERMISSION_SET_DESCRIPTION, AGENT_PERMISSION_SET_NAME } from './contract';
import type { FieldValue, FlowRecord, RoutingModel, ScSetupField, SetupChoices, SetupNames } from './types';

/** Default API name of SimplyChat's chat object (Chat Session). Inferred from the vendor guide's namespace. */
export const DEFAULT_CHAT_OBJECT = 'WINP__Talk_Session__c';

/** The routing configuration the vendor guide prescribes. */
export const GUIDE_ROUTING: {
    readonly routingModel: RoutingModel;
    readonly routingPriority: number;
    readonly capacityWeight: number;
} = { routingModel: 'MostAvailable', routingPriority: 1, capacityWeight: 1 };

/**
 * The permission set SimplyChat creates and owns when the running user may not grant a status on a profile's own
 * permission set (SetupEntityAccess): it grants the Online and Busy statuses and is assigned to the agents
 * (forcedotcom/sf-skills service-omni-permission-set-assign; docs/org-verification.md row 87). One whose description
 * is another is not SimplyChat's: it is never written.
 */
export const AGENT_PERMISSION_SET = {
    developerName: AGENT_PERMISSION_SET_NAME,
    label: 'SimplyChat Agents',
    description: AGENT_PERMISSION_SET_DESCRIPTION,
} as const;

/** Suggested chats per agent for a new presence configuration (the guide's example: 1 unit × capacity 5). */
export const DEFAULT_CAPACITY = 5;

/**
 * Capacity range. UNVERIFIED: Salesforce documents no maximum for PresenceUserConfig.Capacity (≥ 1 is certain;
 * deployed examples go to 40). 9,999 is our bound until checked in an org (docs/org-verification.md).
 */
export const CAPACITY_MIN = 1;
export const CAPACITY_MAX = 9999;

/**
 * The presence configuration Salesforce creates when Omni-Channel is enabled. Every user who is not assigned to
 * another configuration (by profile or user) is on it (help: "Create Presence Configurations"; public metadata
 * `presenceUserConfigs/default_presence_config`). It is a real record: a profile with no assignment row is on it.
 * UNVERIFIED: the capacity it gets when Omni-Channel is enabled (public files show 1 and 5); docs/org-verification.md.
 */
export const DEFAULT_PRESENCE_CONFIG = {
    developerName: 'default_presence_config',
    label: 'Default Presence Configuration',
    capacity: 5,
} as const;

export function isDefaultPresenceConfig(config: { readonly DeveloperName: string }): boolean {
    return config.DeveloperName.toLowerCase() === DEFAULT_PRESENCE_CONFIG.developerName;
}

/** Components per Metadata API create/update call: one fact of the contract (config/contract/setup-contract.json). */
export { METADATA_BATCH_SIZE } from './contract';

/** Longest developer name and label we create. */
export const MAX_NAME_LENGTH = 80;

export const DEFAULT_NAMES: SetupNames = {
    serviceChannel: { developerName: 'SimplyChat', label: 'SimplyChat' },
    routingConfig: { developerName: 'SimplyChat', label: 'SimplyChat' },
    queue: { developerName: 'SimplyChat', label: 'SimplyChat' },
    onlineStatus: { developerName: 'SimplyChat_Online', label: 'Online' },
    busyStatus: { developerName: 'SimplyChat_Busy', label: 'Busy' },
    presenceConfig: { developerName: 'SimplyChat', label: 'SimplyChat Agents' },
};

export function defaultChoices(): SetupChoices {
    return {
        chatObject: DEFAULT_CHAT_OBJECT,
        agentProfileIds: [],
        capacity: null,
        moveProfileIds: [],
        moveDirectUsers: false,
        separateOnlineStatus: false,
        names: DEFAULT_NAMES,
    };
}

/** The package flow's label, as the vendor guide spells it. */
export const FLOW_LABEL = 'SC_talkSession status update when owner changed via omni channel';

/**
 * UNVERIFIED: the flow's API name. The guide gives only the label; Salesforce derives an API name by replacing
 * spaces with underscores, so this is the likely one. A flow matches by API name or by label (case-insensitive),
 * with or without the package's namespace (docs/org-verification.md).
 */
export const FLOW_API_NAME = 'SC_talkSession_status_update_when_owner_changed_via_omni_channel';

export function isSimplyChatFlow(flow: FlowRecord): boolean {
    return (
        flow.ApiName.toLowerCase() === FLOW_API_NAME.toLowerCase() ||
        flow.Label.toLowerCase() === FLOW_LABEL.toLowerCase()
    );
}

/** A value the vendor guide prescribes for one `SC Setup` field, recognised by the field's label. */
export interface ScSetupDefault {
    readonly label: string;
    /** Field types (Schema.DisplayType, lower case) the value fits; other types are left for the admin. */
    readonly types: readonly string[];
    readonly value: FieldValue;
    /** Whether a blank value in an existing record is worth a warning. */
    readonly required: boolean;
}

/**
 * UNVERIFIED: the `SC Setup` field API names are not documented, so fields are recognised by label. The guide's
 * End Chat Management Time/End Chat Management values are left out: their field types are not documented.
 */
export const SC_SETUP_DEFAULTS: readonly ScSetupDefault[] = [
    { label: 'Chat After Time', types: ['double', 'integer', 'currency', 'percent'], value: 1, required: false },
    { label: 'Chat After Alert Time', types: ['double', 'integer', 'currency', 'percent'], value: 0, required: false },
    { label: 'Debug Mode', types: ['boolean'], value: false, required: false },
    { label: 'Max Chat Number', types: ['double', 'integer'], value: 100, required: false },
    { label: 'Random Name', types: ['boolean'], value: true, required: false },
    { label: 'Only Owner available to chat', types: ['boolean'], value: true, required: false },
    {
        label: 'Server URL',
        types: ['string', 'url', 'textarea'],
        value: 'https://wisetalk.windmillsoft.kr',
        required: true,
    },
];

/** The guide's default for a field, if it prescribes one that fits the field's type. */
export function scSetupDefaultFor(field: ScSetupField): ScSetupDefault | undefined {
    const known = SC_SETUP_DEFAULTS.find((d) => d.label.toLowerCase() === field.label.trim().toLowerCase());
    return known && known.types.includes(field.type.toLowerCase()) ? known : undefined;
}

/**
 * A flow installed from a managed package (it has a namespace). Flow Builder cannot open it, and the Metadata API
 * cannot retrieve or deploy it (help, "Considerations for Flows Installed from Packages"; Metadata API, Flow: rows
 * 36 and 48): it is activated from its detail page in Setup > Flows, and left out of an export.
 */
export function isManagedFlow(flow: { readonly NamespacePrefix: string | null }): boolean {
    return Boolean(flow.NamespacePrefix?.trim());
}

/**
 * Flow Builder on a flow version (its Activate button): for a flow of this org only. A managed flow cannot be
 * opened there (`isManagedFlow`): its manual step links to Setup > Flows (setupPages.ts FLOWS_URL).
 */
export function flowBuilderUrl(flowVersionId: string): string {
    return `/builder_platform_interaction/flowBuilder.app?flowId=${encodeURIComponent(flowVersionId)}`;
}

/**
 * UNVERIFIED (docs/org-verification.md row 75): the `componentName` of the Omni-Channel utility in a utility bar
 * (a FlexiPage of type UtilityBar, region `utilityItems`). Public retrieved utility bars and Lightning's component
 * registry name it `runtime_service_omnichannel:omniWidget`; the Metadata API guide publishes no catalogue.
 */
export const OMNI_CHANNEL_UTILITY = 'runtime_service_omnichannel:omniWidget';

export function isOmniChannelUtility(componentName: string): boolean {
    return componentName.trim().toLowerCase() === OMNI_CHANNEL_UTILITY.toLowerCase();
}

/** A Lightning console app (AppDefinition.NavType 'Console'; 'Standard' is standard navigation). */
export function isConsoleApp(app: { readonly NavType: string | null }): boolean {
    return (app.NavType ?? '').toLowerCase() === 'console';
}

/** App Manager in Setup (setupPages.ts keeps every Setup path with its evidence). */
export { APP_MANAGER_URL } from './setupPages';
