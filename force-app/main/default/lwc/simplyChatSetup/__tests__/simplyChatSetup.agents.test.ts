import getSnapshot from '@salesforce/apex/SetupSnapshotController.getSnapshot';
import getSettledParts from '@salesforce/apex/SetupSnapshotController.getSettledParts';
import testConnection from '@salesforce/apex/SetupOperationsController.testConnection';
import getUtilityBars from '@salesforce/apex/SetupAgentsController.getUtilityBars';
import getAgents from '@salesforce/apex/SetupAgentsController.getAgents';
import type { OrgSnapshot } from 'c/setupEngine';
import {
    agentsOrg,
    agentUsersOf,
    fullAgentsNotReadyOrg,
    presenceOf,
    utilityBarsOf,
} from '../../../../../../samples/agents';
import { settledPartsOf } from '../../../../../../samples/queueMembers';
import { fullySetUpOrg, HAND, partlySetUpOrg } from '../../../../../../samples/orgs';
import { agentReadiness } from 'c/setupEngine';
import { mount, q, qa, reset, row, settle, text } from './harness';

jest.mock('c/setupLabels', () => ({ LABELS: require('../../setupText/__tests__/testLabels').ENGLISH }));
jest.mock('@salesforce/apex/SetupSnapshotController.getSnapshot', () => ({ default: jest.fn() }), { virtual: true });
jest.mock('@salesforce/apex/SetupSnapshotController.saveChoices', () => ({ default: jest.fn() }), { virtual: true });
jest.mock('@salesforce/apex/SetupSnapshotController.getSettledParts', () => ({ default: jest.fn() }), {
    virtual: true,
});
jest.mock('@salesforce/apex/SetupOperationsController.applyOperations', () => ({ default: jest.fn() }), {
    virtual: true,
});
jest.mock('@salesforce/apex/SetupOperationsController.testConnection', () => ({ default: jest.fn() }), {
    virtual: true,
});
jest.mock('@salesforce/apex/ConnectionStatusController.getConnectionStatus', () => ({ default: jest.fn() }), {
    virtual: true,
});
jest.mock('@salesforce/apex/SetupAgentsController.getUtilityBars', () => ({ default: jest.fn() }), { virtual: true });
jest.mock('@salesforce/apex/SetupAgentsController.getAgents', () => ({ default: jest.fn() }), { virtual: true });

const getSnapshotMock = getSnapshot as unknown as jest.Mock;
const settledMock = getSettledParts as unknown as jest.Mock;
const connectionMock = testConnection as unknown as jest.Mock;
const utilityBarsMock = getUtilityBars as unknown as jest.Mock;
const agentsMock = getAgents as unknown as jest.Mock;

function org(snapshot: OrgSnapshot): void {
    getSnapshotMock.mockImplementation(() => Promise.resolve(snapshot));
    settledMock.mockImplementation(({ queueId }: { queueId: string | null }) =>
        Promise.resolve(settledPartsOf(snapshot, queueId))
    );
    connectionMock.mockResolvedValue(snapshot.apiAccess);
    utilityBarsMock.mockResolvedValue(utilityBarsOf(snapshot));
    const users = agentUsersOf(snapshot);
    agentsMock.mockResolvedValue({ users, presence: presenceOf(snapshot, users), nextAfterId: null });
}

function agentApps(element: HTMLElement): { status: string; reason: string } {
    const r = row(element, 'agentApps');
    return { status: text(q(r, '[data-id="status"]')), reason: text(q(r, '[data-id="reason-text"]')) };
}

describe('c-simply-chat-setup: the Agents view and the utility bars', () => {
    afterEach(reset);

    it('reads the utility bars once after the load when the connection works, and checks item 14 with them', async () => {
        const snapshot = agentsOrg();
        org(snapshot);
        const element = mount();
        await settle(8);
        expect(utilityBarsMock).toHaveBeenCalledTimes(1);
        // The bars of the console apps the agent profiles have, as the engine settles them.
        expect(utilityBarsMock).toHaveBeenCalledWith({
            barNames: ['Sales_Console_UtilityBar', 'Service_Console_UtilityBar'],
        });
        // Chat Trainees' only app has no Omni-Channel utility; half of them have one through a permission set:
        // item 14 names the profile with how many users have it.
        expect(agentApps(element)).toEqual({
            status: 'Needs a fix',
            reason: '1 agent profile has users without a console app with the Omni-Channel utility (users who have one through a permission set / all users): Chat Trainees (3/6).',
        });
        // A re-check is a new load: read once more.
        q(element, '[data-id="recheck"]')?.dispatchEvent(new CustomEvent('click'));
        await settle(8);
        expect(utilityBarsMock).toHaveBeenCalledTimes(2);
    });

    it('does not read the utility bars without a working connection, nor when the snapshot does not wait for them', async () => {
        const snapshot = agentsOrg();
        org({ ...snapshot, apiAccess: { connectionSetup: 'missing', connection: 'error' } });
        const element = mount();
        await settle(8);
        expect(utilityBarsMock).not.toHaveBeenCalled();
        expect(agentApps(element).status).toBe('Unknown');
        reset();
        org({ ...snapshot, utilityBars: undefined });
        mount();
        await settle(8);
        expect(utilityBarsMock).not.toHaveBeenCalled();
    });

    it('leaves item 14 unknown with the reason when the utility bars cannot be read', async () => {
        const snapshot = agentsOrg();
        org(snapshot);
        utilityBarsMock.mockRejectedValue({
            body: { message: JSON.stringify({ key: 'apiError.notConfigured', params: { message: 'No NC' } }) },
        });
        const element = mount();
        await settle(8);
        expect(utilityBarsMock).toHaveBeenCalledTimes(1);
        const r = row(element, 'agentApps');
        expect(agentApps(element).status).toBe('Unknown');
        // Why, in the item's details (rendered once shown): the server's message.
        (q(r, '[data-id="toggle"]') as HTMLButtonElement).click();
        await settle(1);
        expect(text(q(r, '[data-id="details"]'))).toBe(
            'FlexiPage could not be read (queryFailed) The API connection is not set up: No NC'
        );
    });

    it('opens the Agents view on demand only, with the snapshot the checklist uses', async () => {
        const snapshot = agentsOrg();
        org(snapshot);
        const element = mount();
        await settle(8);
        const tabs = qa(element, 'lightning-tab') as (HTMLElement & { value?: string; label?: string })[];
        expect(tabs.map((t) => t.label)).toEqual(['Checklist', 'Agents', 'Live']);
        expect(q(element, 'c-setup-agents')).toBeNull();
        expect(agentsMock).not.toHaveBeenCalled();
        tabs[1].dispatchEvent(new CustomEvent('active'));
        await settle(8);
        const agents = q(element, 'c-setup-agents') as (HTMLElement & { snapshot?: OrgSnapshot }) | null;
        expect(agents).not.toBeNull();
        expect(agentsMock).toHaveBeenCalledTimes(1);
        // The directly assigned users of the configuration the engine settles on, by its Id (not by name).
        expect(agentsMock).toHaveBeenCalledWith({ afterId: null, configId: HAND.agentsConfig.Id });
        expect(agents?.snapshot?.utilityBars).toEqual(utilityBarsOf(snapshot));
        expect(text(q(agents as HTMLElement, '[data-id="agents-counts"]'))).toMatch(/^\d+ of 43 agents ready$/);
        // Back to the checklist and again: the view is kept, not read again.
        tabs[0].dispatchEvent(new CustomEvent('active'));
        tabs[1].dispatchEvent(new CustomEvent('active'));
        await settle(2);
        expect(agentsMock).toHaveBeenCalledTimes(1);
    });
});

describe('c-simply-chat-setup: ready means agents get chats', () => {
    afterEach(reset);

    it('does not say everything is ready while agents are not, and links to the agents who are not', async () => {
        const snapshot = fullySetUpOrg();
        org(snapshot);
        // Two agents assigned directly (user level) to a presence configuration the org does not have: not ready,
        // while every item passes (No Service Cloud User is a warning, not a blocker).
        const users = agentUsersOf(snapshot).map((u, i) => (i < 2 ? { ...u, DirectConfigId: '0Nd5g00000NoneAAA' } : u));
        agentsMock.mockResolvedValue({ users, presence: presenceOf(snapshot, users), nextAfterId: null });
        const readiness = agentReadiness(snapshot, users, presenceOf(snapshot, users));
        const ready = readiness.filter((r) => r.status === 'ready').length;
        expect(ready).toBeLessThan(readiness.length);
        const element = mount();
        await settle(10);
        expect(text(q(element, '[data-id="progress"]'))).toBe('14 of 14 ready');
        expect(q(element, '[data-id="success"]')).toBeNull();
        expect(text(q(element, '[data-id="agents-not-ready"]'))).toBe(
            'Every item is ready, but not every agent can take chats yet.'
        );
        expect(text(q(element, '[data-id="agents-summary-text"]'))).toBe(
            `${ready} of ${readiness.length} agents ready`
        );
        const link = q(element, '[data-id="agents-link"]');
        expect(text(link)).toBe(`Show the ${readiness.length - ready} agents who are not ready`);
        link?.click();
        await settle(2);
        expect((q(element, '[data-id="views"]') as unknown as { activeTabValue: string }).activeTabValue).toBe(
            'agents'
        );
        const view = q(element, 'c-setup-agents') as unknown as { showNotReady: number };
        expect(view.showNotReady).toBe(1);
    });

    it('says everything is ready when every item passes and every agent is ready, with the count', async () => {
        const snapshot = fullySetUpOrg();
        org(snapshot);
        // Two agents assigned directly (user level) to a presence configuration the org does not have: not ready,
        // while every item passes (No Service Cloud User is a warning, not a blocker).
        const users = agentUsersOf(snapshot).map((u, i) => (i < 2 ? { ...u, DirectConfigId: '0Nd5g00000NoneAAA' } : u));
        agentsMock.mockResolvedValue({ users, presence: presenceOf(snapshot, users), nextAfterId: null });
        const readiness = agentReadiness(snapshot, users, presenceOf(snapshot, users));
        const readyIds = new Set(readiness.filter((r) => r.status === 'ready').map((r) => r.userId));
        const readyUsers = users.filter((u) => readyIds.has(u.Id));
        agentsMock.mockResolvedValue({
            users: readyUsers,
            presence: presenceOf(snapshot, readyUsers),
            nextAfterId: null,
        });
        const element = mount();
        await settle(10);
        expect(text(q(element, '[data-id="success"]'))).toContain(
            `${readyUsers.length} of ${readyUsers.length} agents ready`
        );
        expect(q(element, '[data-id="agents-link"]')).toBeNull();
    });

    it('counts the agents only once no item needs a fix', async () => {
        org(partlySetUpOrg());
        const element = mount();
        await settle(10);
        expect(agentsMock).not.toHaveBeenCalled();
        expect(q(element, '[data-id="agents-summary"]')).toBeNull();
        expect(q(element, '[data-id="success"]')).toBeNull();
    });

    it('counts the agents when the items left are warnings to review, and links to the ones who are not ready', async () => {
        // Items 5 and 9 are warnings; two agents on a configuration of capacity 1 get no chat of 2 units.
        const snapshot = fullAgentsNotReadyOrg();
        org(snapshot);
        const users = agentUsersOf(snapshot);
        const readiness = agentReadiness(
            { ...snapshot, utilityBars: utilityBarsOf(snapshot) },
            users,
            presenceOf(snapshot, users)
        );
        const ready = readiness.filter((r) => r.status === 'ready').length;
        expect(readiness.length - ready).toBe(2);
        const element = mount();
        await settle(10);
        expect(text(q(element, '[data-id="progress"]'))).toBe('12 of 14 ready');
        expect(agentsMock).toHaveBeenCalled();
        expect(text(q(element, '[data-id="agents-summary-text"]'))).toBe(
            `${ready} of ${readiness.length} agents ready`
        );
        expect(text(q(element, '[data-id="agents-link"]'))).toBe('Show the 2 agents who are not ready');
        // Not "everything is ready", and not "every item is ready" either: two items ask for a review.
        expect(q(element, '[data-id="success"]')).toBeNull();
        expect(q(element, '[data-id="agents-not-ready"]')).toBeNull();
    });
});
