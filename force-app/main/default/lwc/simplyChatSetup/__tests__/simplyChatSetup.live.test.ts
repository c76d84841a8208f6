import getSnapshot from '@salesforce/apex/SetupSnapshotController.getSnapshot';
import testConnection from '@salesforce/apex/SetupOperationsController.testConnection';
import getUtilityBars from '@salesforce/apex/SetupAgentsController.getUtilityBars';
import getLive from '@salesforce/apex/SetupLiveController.getLive';
import type { OrgSnapshot } from 'c/setupEngine';
import { utilityBarsOf } from '../../../../../../samples/agents';
import { fullySetUpOrg } from '../../../../../../samples/orgs';
import { liveReadOf } from '../../../../../../samples/live';
import { mount, q, qa, reset, settle } from './harness';

jest.mock('c/setupLabels', () => ({ LABELS: require('../../setupText/__tests__/testLabels').ENGLISH }));
jest.mock('@salesforce/apex/SetupSnapshotController.getSnapshot', () => ({ default: jest.fn() }), { virtual: true });
jest.mock('@salesforce/apex/SetupSnapshotController.saveChoices', () => ({ default: jest.fn() }), { virtual: true });
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
jest.mock('@salesforce/apex/SetupLiveController.getLive', () => ({ default: jest.fn() }), { virtual: true });

const getSnapshotMock = getSnapshot as unknown as jest.Mock;
const connectionMock = testConnection as unknown as jest.Mock;
const utilityBarsMock = getUtilityBars as unknown as jest.Mock;
const liveMock = getLive as unknown as jest.Mock;

function org(snapshot: OrgSnapshot): void {
    getSnapshotMock.mockImplementation(() => Promise.resolve(snapshot));
    connectionMock.mockResolvedValue(snapshot.apiAccess);
    utilityBarsMock.mockResolvedValue(utilityBarsOf(snapshot));
    liveMock.mockImplementation(() => Promise.resolve(liveReadOf(snapshot, 'notInQueue')));
}

type Tab = HTMLElement & { value?: string; label?: string };

describe('c-simply-chat-setup: the Live view', () => {
    afterEach(reset);

    it('is made when first opened, reads only while shown, and its links open the checklist item', async () => {
        org(fullySetUpOrg());
        const element = mount();
        await settle(8);
        expect(q(element, 'c-setup-live')).toBeNull();
        expect(liveMock).not.toHaveBeenCalled();
        const tabs = qa(element, 'lightning-tab') as Tab[];
        tabs[2].dispatchEvent(new CustomEvent('active'));
        await settle(8);
        const live = q(element, 'c-setup-live') as HTMLElement & { active?: boolean };
        expect(live.active).toBe(true);
        expect(liveMock).toHaveBeenCalledTimes(1);
        tabs[0].dispatchEvent(new CustomEvent('active'));
        await settle(2);
        expect(live.active).toBe(false);

        tabs[2].dispatchEvent(new CustomEvent('active'));
        await settle(8);
        live.dispatchEvent(new CustomEvent('openitem', { detail: { itemId: 'queueMembers' } }));
        await settle(2);
        const tabset = q(element, '[data-id="views"]') as HTMLElement & { activeTabValue?: string };
        expect(tabset.activeTabValue).toBe('checklist');
        expect(live.active).toBe(false);
        const rows = qa(element, 'c-setup-checklist-row') as (HTMLElement & {
            row?: { id: string };
            expanded?: boolean;
        })[];
        expect(rows.find((r) => r.row?.id === 'queueMembers')?.expanded).toBe(true);

        live.dispatchEvent(new CustomEvent('openagents', { detail: { userIds: ['005A', '005B'] } }));
        await settle(2);
        expect(tabset.activeTabValue).toBe('agents');
        // The Agents view shows only the agents the reason named; a second link is a new request.
        const agents = () =>
            element.shadowRoot?.querySelector('c-setup-agents') as unknown as {
                showUsers: { request: number; userIds: string[] };
            };
        expect(agents().showUsers).toEqual({ request: 1, userIds: ['005A', '005B'] });
        live.dispatchEvent(new CustomEvent('openagents', { detail: { userIds: ['005C'] } }));
        await settle(2);
        expect(agents().showUsers).toEqual({ request: 2, userIds: ['005C'] });
    });
});
