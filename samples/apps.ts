/**
 * Sample apps for item 14 (the agents' console app has the Omni-Channel utility): AppDefinition rows, the agent
 * profiles' app access (SetupEntityAccess, type TabSet) and the utility bars' content (FlexiPage, read on demand).
 * Wired into the sample orgs of orgs.ts: the full org passes, the partly set up org has a profile whose console
 * app lacks the utility, and the shared org has not read its utility bars yet (`notRead`).
 */
import { OMNI_CHANNEL_UTILITY } from '../force-app/main/default/lwc/setupEngine/facts';
import type {
    AppAccessRecord,
    AppRecord,
    OrgSnapshot,
    Part,
    SalesforceId,
    UtilityBarRecord,
} from '../force-app/main/default/lwc/setupEngine/types';

/**
 * Profile Ids of the sample orgs (orgs.ts PROFILE), repeated so that this file does not import orgs.ts (which
 * imports it); __tests__/agentApps.test.ts checks that they are the same.
 */
export const APP_PROFILE_IDS = {
    agent: '00e5g00000AgentAAA',
    support: '00e5g0000SupportAA',
    sales: '00e5g00000SalesAAA',
} as const;
const { agent: AGENT, support: SUPPORT, sales: SALES } = APP_PROFILE_IDS;

export const APPS = {
    /** Salesforce's Service Console with the Omni-Channel utility in its utility bar. */
    serviceConsole: {
        DurableId: '02u5g00000SvcConAA',
        DeveloperName: 'LightningService',
        NamespacePrefix: 'standard',
        Label: 'Service Console',
        NavType: 'Console',
        UtilityBar: 'LightningService_UtilityBar',
    },
    /** The SimplyChat console app, whose utility bar has History and Notes but not Omni-Channel. */
    simplyChat: {
        DurableId: '02u5g00000SChatAAA',
        DeveloperName: 'SimplyChat',
        NamespacePrefix: 'WINP',
        Label: 'Simply Chat',
        NavType: 'Console',
        UtilityBar: 'SimplyChat_UtilityBar',
    },
    /** A standard-navigation app without a utility bar. */
    sales: {
        DurableId: '02u5g00000SalesAAA',
        DeveloperName: 'LightningSales',
        NamespacePrefix: 'standard',
        Label: 'Sales',
        NavType: 'Standard',
        UtilityBar: null,
    },
} as const satisfies Record<string, AppRecord>;

export const UTILITY_BARS = {
    withOmni: {
        Name: 'LightningService_UtilityBar',
        ComponentNames: ['forceSearch:historyUtilityItem', OMNI_CHANNEL_UTILITY, 'one:notesUtility'],
    },
    withoutOmni: {
        Name: 'SimplyChat_UtilityBar',
        ComponentNames: ['forceSearch:historyUtilityItem', 'one:notesUtility'],
    },
} as const satisfies Record<string, UtilityBarRecord>;

function access(profileId: SalesforceId, app: AppRecord): AppAccessRecord {
    return { ProfileId: profileId, SetupEntityId: app.DurableId };
}

function read<T>(records: T[]): Part<T> {
    return { status: 'read', records };
}

const ALL_APPS: AppRecord[] = [APPS.serviceConsole, APPS.simplyChat, APPS.sales];
const ALL_BARS: UtilityBarRecord[] = [
    { ...UTILITY_BARS.withOmni, ComponentNames: [...UTILITY_BARS.withOmni.ComponentNames] },
    { ...UTILITY_BARS.withoutOmni, ComponentNames: [...UTILITY_BARS.withoutOmni.ComponentNames] },
];

type AppParts = Pick<OrgSnapshot, 'apps' | 'appAccess' | 'utilityBars'>;

/** Both agent profiles have the Service Console with the Omni-Channel utility (item 14 passes). */
export function appsWithOmni(): AppParts {
    return {
        apps: read(ALL_APPS),
        appAccess: read([
            access(AGENT, APPS.serviceConsole),
            access(AGENT, APPS.simplyChat),
            access(SUPPORT, APPS.serviceConsole),
            access(SUPPORT, APPS.sales),
            access(SALES, APPS.sales),
        ]),
        utilityBars: read(ALL_BARS),
    };
}

/** The SimplyChat Agent profile has only the SimplyChat console app, whose bar lacks the utility (item 14 fails). */
export function appsAgentWithoutOmni(): AppParts {
    return {
        apps: read(ALL_APPS),
        appAccess: read([
            access(AGENT, APPS.simplyChat),
            access(AGENT, APPS.sales),
            access(SUPPORT, APPS.serviceConsole),
        ]),
        utilityBars: read(ALL_BARS),
    };
}

/** As `appsWithOmni`, before the on-demand read of the utility bars (item 14 unknown until then). */
export function appsBarsNotRead(): AppParts {
    return { ...appsWithOmni(), utilityBars: { status: 'unavailable', code: 'notRead' } };
}
