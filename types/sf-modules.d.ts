// Platform modules that @salesforce/lightning-types does not declare.
// An exact module name (e.g. '@salesforce/apex/SimplyChatSetupController.getSnapshot') declared in a later
// issue takes precedence over the wildcards below, so typed Apex signatures can be added one by one.

declare module '@salesforce/apex/*' {
    import type { WireAdapterConstructor } from 'lwc';
    const apexMethod: ((params?: Record<string, unknown>) => Promise<unknown>) &
        WireAdapterConstructor<Record<string, unknown>, { data?: unknown; error?: unknown }>;
    export default apexMethod;
}

declare module 'lightning/platformShowToastEvent' {
    export interface ToastInit {
        title?: string;
        message?: string;
        messageData?: unknown[];
        variant?: 'info' | 'success' | 'warning' | 'error';
        mode?: 'dismissible' | 'pester' | 'sticky';
    }
    export class ShowToastEvent extends CustomEvent<ToastInit> {
        constructor(init: ToastInit);
    }
}

declare module '@salesforce/label/*' {
    const label: string;
    export default label;
}

declare module '@salesforce/i18n/lang' {
    const lang: string;
    export default lang;
}

declare module '@salesforce/schema/*' {
    const field: { fieldApiName: string; objectApiName: string };
    export default field;
}

// The SimplyChat Setup Apex methods, typed with the engine's contract.
declare module '@salesforce/apex/SetupSnapshotController.getSnapshot' {
    import type { OrgSnapshot } from 'c/setupEngine';
    const getSnapshot: () => Promise<OrgSnapshot>;
    export default getSnapshot;
}

declare module '@salesforce/apex/SetupSnapshotController.getSettledParts' {
    import type { SalesforceId, SettledParts } from 'c/setupEngine';
    /** queueId: the queue the engine settled on (settle(snapshot).ids.queueId), null when none exists. */
    const getSettledParts: (params: { queueId: SalesforceId | null }) => Promise<SettledParts>;
    export default getSettledParts;
}

declare module '@salesforce/apex/SetupSnapshotController.saveChoices' {
    import type { SetupChoices } from 'c/setupEngine';
    const saveChoices: (params: { choices: SetupChoices }) => Promise<SetupChoices>;
    export default saveChoices;
}

declare module '@salesforce/apex/ConnectionStatusController.getConnectionStatus' {
    import type { ConnectionStatus } from 'c/setupEngine';
    const getConnectionStatus: () => Promise<ConnectionStatus>;
    export default getConnectionStatus;
}

declare module '@salesforce/apex/SetupOperationsController.applyOperations' {
    import type { OperationResult } from 'c/planView';
    const applyOperations: (params: {
        operationsJson: string;
        confirmOrgWide: boolean;
    }) => Promise<{ results: OperationResult[]; complete: boolean; deferred: boolean }>;
    export default applyOperations;
}

declare module '@salesforce/apex/SetupOperationsController.testConnection' {
    import type { ApiAccess } from 'c/setupEngine';
    const testConnection: () => Promise<ApiAccess>;
    export default testConnection;
}

declare module '@salesforce/apex/SetupAgentsController.getAgents' {
    import type { AgentPage } from 'c/setupEngine';
    /**
     * afterId: null or '' for the first page, else the previous page's nextAfterId. configId: the presence
     * configuration the engine settled on (settle(snapshot).ids.presenceConfigId), null when none exists.
     */
    const getAgents: (params: { afterId: string | null; configId: string | null }) => Promise<AgentPage>;
    export default getAgents;
}

declare module '@salesforce/apex/SetupAgentsController.getUtilityBars' {
    import type { Part, UtilityBarRecord } from 'c/setupEngine';
    /** barNames: the utility bars the engine settled on (settle(snapshot).ids.utilityBarNames). */
    const getUtilityBars: (params: { barNames: string[] }) => Promise<Part<UtilityBarRecord>>;
    export default getUtilityBars;
}

declare module '@salesforce/i18n/locale' {
    const locale: string;
    export default locale;
}
