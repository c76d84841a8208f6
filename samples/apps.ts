/**
 * Sample apps for item 14 (the agents' console app has the Omni-Channel utility): AppDefinition rows (their own
 * 06m… DurableId), the org's AppMenuItem rows (the 02u… ApplicationId, 15 characters as the object reference says),
 * the agent profiles' app access (SetupEntityAccess, type TabSet, whose SetupEntityId is the 18-character 02u… Id) and the utility bars' content (FlexiPage, read on demand).
 * Apps also come through permission sets assigned to the agents (`appSet`: a plain set or a permission set group's
 * own set, 0PS…, granting the app's 02u… Id; assignments as PermissionSetAssignment rows name them).
 * Wired into the sample orgs of orgs.ts: the full org passes, the partly set up org has a profile whose console
 * app lacks the utility, and the shared org has not read its utility bars yet (`notRead`).
 */
import { OMNI_CHANNEL_UTILITY } from '../force-app/main/default/lwc/setupEngine/facts';
import type {
    AppAccessRecord,
    AppMenuItemRecord,
    AppRecord,
    OrgSnapshot,
    Part,
    PermissionSetAppRecord,
    PermissionSetAssigneeRecord,
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
        DurableId: '06m5g00000SvcCoAAJ',
        DeveloperName: 'LightningService',
        NamespacePrefix: 'standard',
        Label: 'Service Console',
        NavType: 'Console',
        UtilityBar: 'LightningService_UtilityBar',
    },
    /** The SimplyChat console app, whose utility bar has History and Notes but not Omni-Channel. */
    simplyChat: {
        DurableId: '06m5g00000SChatAAD',
        DeveloperName: 'SimplyChat',
        NamespacePrefix: 'WINP',
        Label: 'Simply Chat',
        NavType: 'Console',
        UtilityBar: 'SimplyChat_UtilityBar',
    },
    /** A standard-navigation app without a utility bar. */
    sales: {
        DurableId: '06m5g00000SalesAAB',
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

/** AppMenuItem (type TabSet) of each app: the app's 02u… Id, as AppMenuItem gives it (15 characters). */
export const MENU_ITEMS = {
    serviceConsole: { ApplicationId: '02u5g00000SvcCo', Name: 'LightningService', NamespacePrefix: 'standard' },
    simplyChat: { ApplicationId: '02u5g00000SChat', Name: 'SimplyChat', NamespacePrefix: 'WINP' },
    sales: { ApplicationId: '02u5g00000Sales', Name: 'LightningSales', NamespacePrefix: 'standard' },
    /** An app the running admin cannot access: listed by AppMenuItem, not returned by AppDefinition. */
    hidden: { ApplicationId: '02u5g00000Hiddn', Name: 'Agents_Only_Console', NamespacePrefix: null },
} as const satisfies Record<string, AppMenuItemRecord>;

/** The 18-character Id access rows carry (case-safe suffix of the 15-character AppMenuItem Id). */
export const APP_ACCESS_IDS = {
    serviceConsole: '02u5g00000SvcCoAAJ',
    simplyChat: '02u5g00000SChatAAD',
    sales: '02u5g00000SalesAAB',
    hidden: '02u5g00000HiddnAAB',
} as const satisfies Record<keyof typeof MENU_ITEMS, SalesforceId>;

/** An access row of the profile's own permission set to the app, by its 02u… Id (never AppDefinition's 06m…). */
export function access(profileId: SalesforceId, app: AppRecord | 'hidden'): AppAccessRecord {
    const key =
        app === 'hidden'
            ? 'hidden'
            : (Object.keys(APPS) as (keyof typeof APPS)[]).find((k) => APPS[k].DeveloperName === app.DeveloperName);
    if (!key) throw new Error(`no sample AppMenuItem for ${app === 'hidden' ? app : app.DeveloperName}`);
    return { ProfileId: profileId, SetupEntityId: APP_ACCESS_IDS[key] };
}

/**
 * Permission sets that grant apps: a plain permission set, and the permission set a permission set group holds its
 * aggregated permissions in (its own 0PS… Id, the group 0PG…).
 */
export const APP_SETS = {
    omniConsole: { Id: '0PS5g00000OmniCoAA', Label: 'Omni Console Access', PermissionSetGroupId: null },
    serviceGroup: { Id: '0PS5g00000SvcGrpAA', Label: 'Service Agents', PermissionSetGroupId: '0PG5g00000SvcGrpAA' },
} as const satisfies Record<string, Pick<PermissionSetAppRecord, 'Id' | 'Label' | 'PermissionSetGroupId'>>;

/** A permission set granting these apps (by their 02u… Ids, as its access rows carry them) to these users. */
export function appSet(
    set: Pick<PermissionSetAppRecord, 'Id' | 'Label' | 'PermissionSetGroupId'>,
    apps: readonly (AppRecord | 'hidden')[],
    assignees: readonly PermissionSetAssigneeRecord[]
): PermissionSetAppRecord {
    return {
        ...set,
        AppIds: apps.map((app) => access('', app).SetupEntityId),
        Assignees: assignees.map((a) => ({ ...a })),
    };
}

/** Every sample app's AppMenuItem, the hidden one included. */
export function menuItems(): Part<AppMenuItemRecord> {
    return read(Object.values(MENU_ITEMS).map((m) => ({ ...m })));
}

function read<T>(records: T[]): Part<T> {
    return { status: 'read', records };
}

const ALL_APPS: AppRecord[] = [APPS.serviceConsole, APPS.simplyChat, APPS.sales];
const ALL_BARS: UtilityBarRecord[] = [
    { ...UTILITY_BARS.withOmni, ComponentNames: [...UTILITY_BARS.withOmni.ComponentNames] },
    { ...UTILITY_BARS.withoutOmni, ComponentNames: [...UTILITY_BARS.withoutOmni.ComponentNames] },
];

type AppParts = Pick<OrgSnapshot, 'apps' | 'appMenuItems' | 'appAccess' | 'utilityBars'>;

/** Both agent profiles have the Service Console with the Omni-Channel utility (item 14 passes). */
export function appsWithOmni(): AppParts {
    return {
        apps: read(ALL_APPS),
        appMenuItems: menuItems(),
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
        appMenuItems: menuItems(),
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
