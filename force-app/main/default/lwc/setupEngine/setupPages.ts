/**
 * Every Lightning Experience Setup path the tab and the CLI link to, in one place, each with its evidence
 * (docs/org-verification.md rows 50 and 53). A path segment is the part after `/lightning/setup/`.
 *
 * Omni-Channel pages: a public scrape of the Setup tree (Setup > Omni-Channel) names them `ServiceChannelSettings`,
 * `QueueRoutingConfigSettings`, `ServicePresenceStatusSettings` and `ServicePresenceUserConfigSettings`; the
 * Browserforce plugin's service-channel page moved from `ServiceChannel` to `ServiceChannelSettings/home`, and other
 * public apps link the same four. One vendor document shows a record page under `ServicePresenceStatus/page?address=`
 * (a record, not the list): the list pages above are linked. Still to be opened in a real org (row 50).
 * Well known and used by many public tools: `NamedCredential`, `PermSets`, `OmniChannelSettings`, `Queues`,
 * `EnhancedProfiles`, `Flows`, `CustomSettings`, `NavigationMenus` (App Manager).
 */

/** The Setup page of each checklist item; an item not listed has no link. */
export const SETUP_PAGE_OF_ITEM: Readonly<Partial<Record<string, string>>> = {
    apiAccess: 'NamedCredential',
    permissions: 'PermSets',
    omniChannel: 'OmniChannelSettings',
    serviceChannel: 'ServiceChannelSettings',
    routingConfig: 'QueueRoutingConfigSettings',
    queue: 'Queues',
    onlineStatus: 'ServicePresenceStatusSettings',
    busyStatus: 'ServicePresenceStatusSettings',
    presenceConfig: 'ServicePresenceUserConfigSettings',
    profileAccess: 'EnhancedProfiles',
    flow: 'Flows',
    scSetup: 'CustomSettings',
    queueMembers: 'Queues',
    agentApps: 'NavigationMenus',
};

/** `/lightning/setup/<page>/home`. */
export function setupPageUrl(page: string): string {
    return `/lightning/setup/${page}/home`;
}

/** App Manager in Setup, where an app's utility bar and its profiles are edited (item 14's manual step). */
export const APP_MANAGER_URL = setupPageUrl('NavigationMenus');

/** Setup > Permission Sets, where a permission set is assigned to users (item 14's other manual step). */
export const PERMISSION_SETS_URL = setupPageUrl('PermSets');

/**
 * Setup > Flows: a flow installed from a managed package is activated there, from its detail page (Flow Builder
 * cannot open it: help, "Considerations for Flows Installed from Packages", row 36).
 */
export const FLOWS_URL = setupPageUrl('Flows');

/**
 * The connection assistant's steps (row 53: public notes and screenshots). The personal External Credentials page
 * is under `/lightning/settings/personal/`, not Setup.
 */
export const CONNECTION_PAGE_OF_STEP: Readonly<Record<string, string>> = {
    clientApp: setupPageUrl('ManageExternalClientApplication'),
    authProvider: setupPageUrl('AuthProviders'),
    externalCredential: setupPageUrl('NamedCredential'),
    namedCredential: setupPageUrl('NamedCredential'),
    principalAccess: setupPageUrl('PermSets'),
    authenticate: '/lightning/settings/personal/ExternalCredentials/home',
};
