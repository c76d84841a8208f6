import { createElement } from 'lwc';
import getAgents from '@salesforce/apex/SetupAgentsController.getAgents';
import SetupAgents from 'c/setupAgents';
import { agentReadiness, type AgentPage, type AgentUserRecord, type OrgSnapshot } from 'c/setupEngine';
import {
    agents10000Org as agents10000Read,
    agentsOrg as agentsRead,
    agentUsersOf,
    presenceOf,
    utilityBarsOf,
} from '../../../../../../samples/agents';
import { partlySetUpOrg, sharedOmniOrg } from '../../../../../../samples/orgs';

jest.mock('c/setupLabels', () => ({ LABELS: require('../../setupText/__tests__/testLabels').ENGLISH }));
jest.mock('@salesforce/apex/SetupAgentsController.getAgents', () => ({ default: jest.fn() }), { virtual: true });

const getAgentsMock = getAgents as unknown as jest.Mock;

// 10,000 agents in jsdom on 2 shared cores: generous, the figures belong to the e2e run.
jest.setTimeout(60000);

/** The scenario's snapshot as the tab passes it: with the utility bars read on demand after the load. */
function withBars(snapshot: OrgSnapshot): OrgSnapshot {
    return { ...snapshot, utilityBars: utilityBarsOf(snapshot) };
}

function agentsOrg(): OrgSnapshot {
    return withBars(agentsRead());
}

function agents10000Org(): OrgSnapshot {
    return withBars(agents10000Read());
}

function flush(): Promise<void> {
    return new Promise((resolve) => setTimeout(resolve, 0));
}

async function settle(times = 6): Promise<void> {
    for (let i = 0; i < times; i++) await flush();
}

/** getAgents over the sample users of a snapshot, in pages of `size` (ordered by Id, like the controller). */
function serve(snapshot: OrgSnapshot, size: number): AgentUserRecord[] {
    const users = agentUsersOf(snapshot);
    getAgentsMock.mockImplementation(({ afterId }: { afterId: string | null }): Promise<AgentPage> => {
        const start = afterId === null ? 0 : users.findIndex((u) => u.Id === afterId) + 1;
        const page = users.slice(start, start + size);
        const more = start + page.length < users.length;
        return Promise.resolve({
            users: page,
            presence: presenceOf(snapshot, page),
            nextAfterId: more ? page[page.length - 1].Id : null,
        });
    });
    return users;
}

function mount(snapshot: OrgSnapshot): HTMLElement & { snapshot?: OrgSnapshot } {
    const element = createElement('c-setup-agents', { is: SetupAgents }) as HTMLElement & { snapshot?: OrgSnapshot };
    element.snapshot = snapshot;
    document.body.appendChild(element);
    return element;
}

function q(element: Element, selector: string): HTMLElement | null {
    return element.shadowRoot?.querySelector(selector) ?? null;
}

function qa(element: Element, selector: string): HTMLElement[] {
    return Array.from(element.shadowRoot?.querySelectorAll(selector) ?? []) as HTMLElement[];
}

function text(node: Element | null): string {
    return (node?.textContent ?? '').replace(/\s+/g, ' ').trim();
}

function rowsOf(element: Element): HTMLElement[] {
    return qa(element, '[data-id="agent-row"]');
}

function cell(row: HTMLElement, col: string): string {
    return text(row.querySelector(`[data-col="${col}"]`));
}

function change(element: Element, id: string, detail: Record<string, unknown>): void {
    q(element, `[data-id="${id}"]`)?.dispatchEvent(new CustomEvent('change', { detail }));
}

function click(element: Element, id: string): void {
    q(element, `[data-id="${id}"]`)?.dispatchEvent(new CustomEvent('click'));
}

afterEach(() => {
    while (document.body.firstChild) document.body.removeChild(document.body.firstChild);
    jest.clearAllMocks();
});

describe('the sample agents', () => {
    it('are not ready for each reason in the agents scenario, and ready otherwise', () => {
        const snapshot = agentsOrg();
        const users = agentUsersOf(snapshot);
        expect(users).toHaveLength(43);
        const readiness = agentReadiness(snapshot, users, presenceOf(snapshot, users));
        const firsts = new Set(readiness.map((r) => r.blockers[0]).filter(Boolean));
        expect([...firsts].sort()).toEqual(['noCapacity', 'noOmniApp', 'noOnlineStatus', 'notInQueue'].sort());
        // No Service Cloud User is a warning, never a blocker (row 77).
        expect(readiness.some((r) => r.warnings.includes('noServiceCloudUser'))).toBe(true);
        expect(readiness.filter((r) => r.status === 'unknown')).toEqual([]);
        const ready = readiness.filter((r) => r.status === 'ready');
        expect(ready.length).toBeGreaterThan(20);
        // Ready through each way of membership: by name, a public group, a role and its subordinates.
        const ways = new Set(ready.map((r) => (r.queue && r.queue !== 'unknown' ? r.queue.how : 'none')));
        expect([...ways].sort()).toEqual(['publicGroup', 'roleAndSubordinates', 'user']);
        expect(readiness.some((r) => typeof r.presence === 'object')).toBe(true);
    });

    it('are the agent profiles’ users in any scenario, in Id order', () => {
        const users = agentUsersOf(partlySetUpOrg());
        expect(users).toHaveLength(25 + 12);
        expect(users.map((u) => u.Id)).toEqual([...users.map((u) => u.Id)].sort());
        expect(new Set(users.map((u) => u.Username)).size).toBe(users.length);
        expect(users.filter((u) => !u.ServiceCloudUser)).toHaveLength(2);
        expect(agentUsersOf(agents10000Org())).toHaveLength(10000);
    });

    it('have the utility bars of the apps their org has, for the on-demand read', () => {
        const shared = sharedOmniOrg();
        expect(shared.utilityBars).toEqual({ status: 'unavailable', code: 'notRead' });
        const bars = utilityBarsOf(shared);
        expect(bars.status === 'read' && bars.records.map((b) => b.Name).sort()).toEqual([
            'LightningService_UtilityBar',
            'SimplyChat_UtilityBar',
        ]);
        const agents = utilityBarsOf(agentsRead());
        expect(agents.status === 'read' && agents.records.map((b) => b.Name).sort()).toEqual([
            'Sales_Console_UtilityBar',
            'Service_Console_UtilityBar',
        ]);
    });
});

describe('c-setup-agents', () => {
    it('reads every page after the one before, with progress, then shows one row per agent and the counts', async () => {
        const snapshot = agentsOrg();
        const users = serve(snapshot, 10);
        const served = getAgentsMock.getMockImplementation() as (p: { afterId: string | null }) => Promise<AgentPage>;
        let release: () => void = () => undefined;
        const gate = new Promise<void>((resolve) => {
            release = resolve;
        });
        getAgentsMock.mockImplementation(async (params: { afterId: string | null }) => {
            if (params.afterId !== null) await gate;
            return served(params);
        });
        const element = mount(snapshot);
        await settle(2);
        // The first page shows while the others are read, with the progress.
        expect(text(q(element, '[data-id="agents-reading-text"]'))).toBe('Read 10 users…');
        expect(rowsOf(element)).toHaveLength(10);
        expect(users).toHaveLength(43);
        release();
        await settle(12);
        expect(getAgentsMock).toHaveBeenCalledTimes(5);
        const afterIds = getAgentsMock.mock.calls.map((c) => (c[0] as { afterId: string | null }).afterId);
        expect(afterIds[0]).toBeNull();
        expect(afterIds.slice(1).every((id) => typeof id === 'string')).toBe(true);
        expect(q(element, '[data-id="agents-reading"]')).toBeNull();
        const rows = rowsOf(element);
        expect(rows).toHaveLength(43);
        const readiness = agentReadiness(
            snapshot,
            agentUsersOf(snapshot),
            presenceOf(snapshot, agentUsersOf(snapshot))
        );
        const ready = readiness.filter((r) => r.status === 'ready').length;
        expect(text(q(element, '[data-id="agents-counts"]'))).toBe(`${ready} of 43 agents ready`);
        expect(text(q(element, '[data-id="agents-showing"]'))).toBe('Showing 1–43 of 43');
        // A real table: a caption, column headers, a row header per agent; status in a live region.
        expect(text(q(element, 'caption'))).toBe('Agents and whether each can take SimplyChat chats');
        expect(qa(element, 'thead th[scope="col"]')).toHaveLength(10);
        expect(rows[0].querySelector('th[scope="row"]')).not.toBeNull();
        expect(q(element, '[data-id="agents-status"]')?.getAttribute('role')).toBe('status');
        // Sorted by name.
        const names = rows.map((r) => text(r.querySelector('th .slds-text-title_bold')));
        expect(names).toEqual([...names].sort((a, b) => a.localeCompare(b)));
    });

    it('names the first reason of each agent who is not ready, and filters them', async () => {
        const snapshot = agentsOrg();
        serve(snapshot, 2000);
        const element = mount(snapshot);
        await settle();
        change(element, 'agents-not-ready', { checked: true });
        await settle(1);
        const rows = rowsOf(element);
        expect(rows.length).toBeGreaterThan(5);
        expect(rows.every((r) => r.dataset.status === 'notReady')).toBe(true);
        const reasons = rows.map((r) => cell(r, 'reason'));
        expect(reasons.some((r) => r.startsWith('Not a member of the queue Chat Queue'))).toBe(true);
        expect(reasons.some((r) => /Paused agents/.test(r))).toBe(true);
        expect(reasons.some((r) => /Service Cloud User/.test(r))).toBe(false);
        const paused = rows.find((r) => /Paused agents/.test(cell(r, 'reason'))) as HTMLElement;
        expect(cell(paused, 'config')).toBe('Paused agents (assigned to the user, capacity 0)');
        expect(cell(paused, 'status')).toBe('Not ready');
        expect(text(q(element, '[data-id="agents-showing"]'))).toBe(`Showing 1–${rows.length} of ${rows.length}`);
    });

    it('shows only the agents a Live reason names, with the other filters still working, until every agent is asked for', async () => {
        const snapshot = agentsOrg();
        const users = serve(snapshot, 2000);
        const element = mount(snapshot) as HTMLElement & {
            showUsers?: { request: number; userIds: string[] };
            showNotReady?: number;
        };
        await settle();
        const all = rowsOf(element).length;
        const named = [users[3].Id, users[0].Id, users[7].Id];
        element.showUsers = { request: 1, userIds: named };
        await settle(1);
        expect(rowsOf(element)).toHaveLength(3);
        expect(text(q(element, '[data-id="agents-only-users-text"]'))).toBe('Showing the 3 agents named in Live.');
        change(element, 'agents-search', { value: 'nobody-by-this-name' });
        await settle(1);
        expect(rowsOf(element)).toHaveLength(0);
        change(element, 'agents-search', { value: '' });
        await settle(1);
        expect(rowsOf(element)).toHaveLength(3);
        // The same request again (a re-render) does not filter again after the admin left it.
        click(element, 'agents-show-all-users');
        await settle(1);
        expect(rowsOf(element)).toHaveLength(all);
        expect(q(element, '[data-id="agents-only-users"]')).toBeNull();
        element.showUsers = { request: 1, userIds: named };
        await settle(1);
        expect(rowsOf(element)).toHaveLength(all);
        element.showUsers = { request: 2, userIds: [users[5].Id] };
        await settle(1);
        expect(rowsOf(element)).toHaveLength(1);
        expect(text(q(element, '[data-id="agents-only-users-text"]'))).toBe('Showing the agent named in Live.');
        element.showNotReady = 1;
        await settle(1);
        expect(q(element, '[data-id="agents-only-users"]')).toBeNull();
        expect(rowsOf(element).every((r) => r.dataset.status === 'notReady')).toBe(true);
    });

    it('names a role by its name, never by its Id, where agents are members through a role', async () => {
        const snapshot = agentsOrg();
        serve(snapshot, 2000);
        const element = mount(snapshot);
        await settle();
        const queues = rowsOf(element).map((r) => cell(r, 'queue'));
        expect(queues.some((c) => c.includes('Support Manager'))).toBe(true);
        expect(queues.some((c) => /\b00[EG][0-9A-Za-z]{12,15}\b/.test(c))).toBe(false);
    });

    it('searches by name, username and profile, and says when nothing matches', async () => {
        const snapshot = agentsOrg();
        serve(snapshot, 2000);
        const element = mount(snapshot);
        await settle();
        change(element, 'agents-search', { value: 'chat trainees' });
        await settle(1);
        expect(rowsOf(element)).toHaveLength(6);
        expect(rowsOf(element).every((r) => /App with Omni|Chat Trainees/.test(text(r)))).toBe(true);
        change(element, 'agents-search', { value: 'Oh Nari' });
        await settle(1);
        expect(rowsOf(element).length).toBeGreaterThanOrEqual(1);
        change(element, 'agents-search', { value: 'nobody-by-this-name' });
        await settle(1);
        expect(rowsOf(element)).toHaveLength(0);
        expect(text(q(element, '[data-id="agents-showing"]'))).toBe('No agent matches.');
    });

    it('pages 10,000 agents by 50 and never renders more', async () => {
        const snapshot = agents10000Org();
        serve(snapshot, 2000);
        const element = mount(snapshot);
        await settle(10);
        expect(getAgentsMock).toHaveBeenCalledTimes(5);
        expect(rowsOf(element)).toHaveLength(50);
        expect(text(q(element, '[data-id="agents-page"]'))).toBe('Page 1 of 200');
        expect((q(element, '[data-id="agents-previous"]') as HTMLButtonElement & { disabled: boolean }).disabled).toBe(
            true
        );
        const first = text(rowsOf(element)[0]);
        click(element, 'agents-next');
        await settle(1);
        expect(text(q(element, '[data-id="agents-showing"]'))).toBe('Showing 51–100 of 10,000');
        expect(text(rowsOf(element)[0])).not.toBe(first);
        click(element, 'agents-previous');
        await settle(1);
        expect(text(q(element, '[data-id="agents-page"]'))).toBe('Page 1 of 200');
        // A new filter starts at the first page again.
        click(element, 'agents-next');
        change(element, 'agents-not-ready', { checked: true });
        await settle(1);
        expect(text(q(element, '[data-id="agents-page"]'))).toMatch(/^Page 1 of \d+$/);
    });

    it('downloads the filtered list, every page of it, as CSV', async () => {
        const snapshot = agents10000Org();
        serve(snapshot, 2000);
        const blobs: Blob[] = [];
        const createObjectURL = jest.fn((blob: Blob) => {
            blobs.push(blob);
            return 'blob:agents';
        });
        const revokeObjectURL = jest.fn();
        Object.assign(URL, { createObjectURL, revokeObjectURL });
        const clicked = jest.spyOn(HTMLAnchorElement.prototype, 'click').mockImplementation(() => undefined);
        const element = mount(snapshot);
        await settle(10);
        change(element, 'agents-not-ready', { checked: true });
        await settle(1);
        const notReady = text(q(element, '[data-id="agents-showing"]')).match(/of ([\d,]+)$/)?.[1] ?? '';
        click(element, 'agents-csv');
        await settle(2);
        expect(clicked).toHaveBeenCalledTimes(1);
        expect(blobs).toHaveLength(1);
        const content = await new Promise<string>((resolve) => {
            const reader = new FileReader();
            reader.onload = () => resolve(String(reader.result));
            reader.readAsText(blobs[0]);
        });
        const lines = content.replace(/^\uFEFF/, '').split('\r\n');
        expect(lines[0]).toMatch(/^Name,Username,Profile,/);
        expect(lines.length - 2).toBe(Number(notReady.replace(/,/g, '')));
        expect(lines.slice(1, -1).every((l) => /,Not ready,/.test(l))).toBe(true);
        expect(revokeObjectURL).not.toHaveBeenCalled();
        document.body.removeChild(element);
        expect(revokeObjectURL).toHaveBeenCalledWith('blob:agents');
        clicked.mockRestore();
    });

    it('says when the agents cannot be read, and reads them again', async () => {
        const snapshot = agentsOrg();
        getAgentsMock.mockRejectedValueOnce({
            body: { message: JSON.stringify({ key: 'error.noViewSetup', params: {} }) },
        });
        const element = mount(snapshot);
        await settle();
        expect(text(q(element, '[data-id="agents-error"]'))).toMatch(/^The agents could not be read: /);
        serve(snapshot, 2000);
        q(element, '[data-id="agents-error"] lightning-button')?.dispatchEvent(new CustomEvent('click'));
        await settle();
        expect(q(element, '[data-id="agents-error"]')).toBeNull();
        expect(rowsOf(element)).toHaveLength(43);
    });

    it('stops reading when a page names the cursor it was asked with (never the same page forever)', async () => {
        const snapshot = agentsOrg();
        const users = agentUsersOf(snapshot);
        getAgentsMock.mockImplementation(({ afterId }: { afterId: string | null }) =>
            Promise.resolve({
                users: afterId === null ? users.slice(0, 5) : [],
                presence: { status: 'read', records: [] },
                nextAfterId: users[4].Id,
            })
        );
        const element = mount(snapshot);
        await settle();
        expect(getAgentsMock).toHaveBeenCalledTimes(2);
        expect(rowsOf(element)).toHaveLength(5);
        expect(q(element, '[data-id="agents-reading"]')).toBeNull();
    });

    it('evaluates the rows again on a new snapshot without reading the users again', async () => {
        const snapshot = agentsOrg();
        serve(snapshot, 2000);
        const element = mount(snapshot);
        await settle();
        const before = text(q(element, '[data-id="agents-counts"]'));
        // The queue membership can no longer be read: the rows say so.
        element.snapshot = { ...snapshot, queueMembership: { status: 'unavailable', code: 'noAccess' } };
        await settle(1);
        expect(getAgentsMock).toHaveBeenCalledTimes(1);
        expect(text(q(element, '[data-id="agents-counts"]'))).not.toBe(before);
        expect(rowsOf(element).some((r) => cell(r, 'queue') === 'Cannot be checked')).toBe(true);
    });
});
