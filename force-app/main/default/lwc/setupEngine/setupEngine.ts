/**
 * The SimplyChat Setup checklist engine: snapshot → checklist items → plan of typed operations.
 * Pure TypeScript, no Salesforce runtime: shared by the setup tab (as the LWC module c/setupEngine) and the
 * installer CLI. Every rule lives here; Apex only reads the snapshot and executes operations.
 */
export * from './types';
export { evaluate, operationNeedsApi } from './evaluate';
export { agentReadiness, AGENT_BLOCKERS } from './agents';
export { appsByApplicationId, id15 } from './ruleAgentApps';
export { liveRouting, liveTarget, liveExitCode, LIVE_REASON_KEYS, LIVE_WHY } from './live';
export type {
    AgentWorkloadRecord,
    LiveAgent,
    LiveAgentState,
    LiveFix,
    LiveNext,
    LivePresenceRecord,
    LiveRead,
    LiveResult,
    LiveState,
    LiveTarget,
    LiveUserRecord,
    LiveWaiting,
    LiveWhy,
    LiveWhyLine,
    PendingRoutingRecord,
} from './live';
export { plan, describeOperation, waitingForConnection } from './plan';
export type { ConnectionWait } from './plan';
export { simulate, SimulationError } from './simulate';
export { validateChoices, ChoicesInvalidError } from './validate';
export { REASON_KEYS, reason } from './reasons';
export type { ReasonKey } from './reasons';
export { DEPENDENCIES, missingFixPermissions, operationRefusal } from './rules';
export {
    CAPACITY_MAX,
    CAPACITY_MIN,
    DEFAULT_CAPACITY,
    DEFAULT_CHAT_OBJECT,
    DEFAULT_NAMES,
    DEFAULT_PRESENCE_CONFIG,
    FLOW_API_NAME,
    FLOW_LABEL,
    GUIDE_ROUTING,
    METADATA_BATCH_SIZE,
    SC_SETUP_DEFAULTS,
    APP_MANAGER_URL,
    OMNI_CHANNEL_UTILITY,
    defaultChoices,
    isManagedFlow,
    isOmniChannelUtility,
} from './facts';
export { isValidDeveloperName, isValidObjectApiName } from './names';
export { SHARED_ROUTING_CHOICES, sharedRoutingChoice } from './ruleRoutingConfig';
export { CONNECTION_PAGE_OF_STEP, FLOWS_URL, SETUP_PAGE_OF_ITEM, setupPageUrl } from './setupPages';
export { settle, awaitingSettledParts, withSettledParts } from './settle';
export type { Settled, SettledIds } from './settle';
export {
    operationWrites,
    operationDependencies,
    planChanges,
    changeRequests,
    changeCounts,
    recordChangeTexts,
    writesWholeComponent,
    RECORD_OBJECTS,
    recordRefusal,
    ROUTES,
    SETUP_OBJECTS,
} from './writes';
export type {
    ChangeCount,
    ChangeRequest,
    MetadataType,
    MetadataValue,
    MetadataWrite,
    RecordChangeText,
    OperationWrites,
    PlannedChange,
    RecordObject,
    RecordRef,
    RecordValue,
    RecordWrite,
    WriteRoute,
} from './writes';
