import { type ConnectionStatus, type OrgSnapshot } from 'c/setupEngine';
import { pageView } from 'c/checklistView';
import { connectionSteps, stepStatuses } from 'c/connectionView';
import { partlySetUpOrg } from '../../setupEngine/__tests__/fixtures';
import { ENGLISH } from '../../setupText/__tests__/testLabels';

describe('connection assistant', () => {
    const steps = (apiAccess: OrgSnapshot['apiAccess'], myDomainUrl?: string) =>
        connectionSteps(ENGLISH, { ...partlySetUpOrg(), apiAccess, myDomainUrl });

    it("gives each step its values to paste, built on this org's My Domain, and its Setup page", () => {
        const all = steps({ connectionSetup: 'missing', connection: 'error' }, 'https://acme.my.salesforce.com');
        expect(all.map((s) => s.id)).toEqual([
            'clientApp',
            'authProvider',
            'externalCredential',
            'namedCredential',
            'principalAccess',
            'authenticate',
        ]);
        expect(all[0].values.map((v) => `${v.label}=${v.value}`)).toEqual([
            'Callback URL=https://acme.my.salesforce.com/services/authcallback/SimplyChat_Setup',
            'Scopes=api refresh_token id',
        ]);
        expect(all[0].values[0].copyLabel).toBe('Copy Callback URL (step 1)');
        expect(all[3].values[0].value).toBe('https://acme.my.salesforce.com');
        expect(all[3].status).toBe('missing');
        expect(all[3].statusText).toBe('Missing');
        expect(all[0].status).toBe('unknown');
        expect(all[1].link).toEqual({
            href: '/lightning/setup/AuthProviders/home',
            text: 'Open the Setup page of step 2',
        });
        expect(steps({ connectionSetup: 'unknown', connection: 'untested' })[3].values[0].value).toBe(
            'https://<your-domain>.my.salesforce.com'
        );
    });

    it('says what the connection test proves about each step', () => {
        const status = (apiAccess: OrgSnapshot['apiAccess']) =>
            steps(apiAccess)
                .map((s) => s.status)
                .join(' ');
        expect(status({ connectionSetup: 'present', connection: 'ok' })).toBe('done done done done done done');
        expect(status({ connectionSetup: 'present', connection: 'unauthenticated' })).toBe(
            'unknown unknown done done attention attention'
        );
        expect(status({ connectionSetup: 'present', connection: 'wrongOrg' })).toBe(
            'done done done attention done done'
        );
        expect(status({ connectionSetup: 'present', connection: 'error' })).toBe(
            'unknown unknown unknown done unknown unknown'
        );
        expect(status({ connectionSetup: 'unknown', connection: 'untested' })).toBe(
            'unknown unknown unknown unknown unknown unknown'
        );
    });

    const org = (states: Partial<ConnectionStatus>): ConnectionStatus => ({
        clientApp: 'unknown',
        authProvider: 'unknown',
        externalCredential: 'unknown',
        namedCredential: 'unknown',
        principalAccess: 'unknown',
        authenticate: 'unknown',
        ...states,
    });
    const failing: OrgSnapshot['apiAccess'] = { connectionSetup: 'present', connection: 'error' };

    it.each([
        ['done', 'Done', 'utility:success', 'slds-badge slds-theme_success'],
        ['attention', 'Needs attention', 'utility:warning', 'slds-badge slds-theme_warning'],
        ['missing', 'Missing', 'utility:error', 'slds-badge slds-theme_error'],
    ] as const)("shows the org's state %s on its step with its text, icon and badge", (state, text, icon, badge) => {
        const step = connectionSteps(
            ENGLISH,
            { ...partlySetUpOrg(), apiAccess: failing },
            org({ clientApp: state })
        )[0];
        expect([step.status, step.statusText, step.iconName, step.badgeClass]).toEqual([state, text, icon, badge]);
    });

    it('says "cannot be checked from here" where neither the org nor the test can tell', () => {
        const step = connectionSteps(ENGLISH, { ...partlySetUpOrg(), apiAccess: failing }, org({}))[0];
        expect([step.status, step.statusText, step.iconName, step.badgeClass]).toEqual([
            'unknown',
            'Cannot be checked from here',
            'utility:help',
            'slds-badge',
        ]);
    });

    it("lets the org's records win over what the test suggests, and the test fill in what the org cannot see", () => {
        expect(stepStatuses(failing, org({ namedCredential: 'attention', authProvider: 'missing' }))).toEqual({
            clientApp: 'unknown',
            authProvider: 'missing',
            externalCredential: 'unknown',
            namedCredential: 'attention',
            principalAccess: 'unknown',
            authenticate: 'unknown',
        });
        expect(stepStatuses(failing, org({})).namedCredential).toBe('done');
    });

    it('a working connection proves every step, whatever the records say', () => {
        const ok: OrgSnapshot['apiAccess'] = { connectionSetup: 'present', connection: 'ok' };
        expect(Object.values(stepStatuses(ok, org({ clientApp: 'missing' })))).toEqual(Array(6).fill('done'));
    });

    it('a user credential that the API still refuses (401) needs authenticating again', () => {
        const refused: OrgSnapshot['apiAccess'] = { connectionSetup: 'present', connection: 'unauthenticated' };
        expect(stepStatuses(refused, org({ authenticate: 'done' })).authenticate).toBe('attention');
    });

    it('passes the org states to item 1 of the page', () => {
        const snapshot: OrgSnapshot = { ...partlySetUpOrg(), apiAccess: failing };
        const row = pageView(ENGLISH, snapshot, {}, org({ principalAccess: 'attention' })).rows[0];
        expect(row.connectionSteps?.[4].statusText).toBe('Needs attention');
    });

    it('shows the steps in item 1 only while the connection does not work', () => {
        const missing: OrgSnapshot = {
            ...partlySetUpOrg(),
            apiAccess: { connectionSetup: 'missing', connection: 'error' },
        };
        expect(pageView(ENGLISH, missing).rows[0].connectionSteps).toHaveLength(6);
        expect(pageView(ENGLISH, partlySetUpOrg()).rows[0].connectionSteps).toBeUndefined();
    });
});
