import { withLocale } from 'c/setupText';
import { agentRow, checklistAgents } from 'c/agentsViewModel';
import { ENGLISH, KOREAN } from '../../setupText/__tests__/testLabels';

const EN = withLocale(ENGLISH, 'en-US');
const KO = withLocale(KOREAN, 'ko-KR');
const counts = (ready: number, notReady: number, unknown: number) => ({
    total: ready + notReady + unknown,
    ready,
    notReady,
    unknown,
});

describe('checklistAgents: the agents in the checklist summary', () => {
    it('is ready only when every agent read is ready, and there is at least one', () => {
        expect(checklistAgents(EN, { state: 'read', counts: counts(37, 0, 0) })).toEqual({
            text: '37 of 37 agents ready',
            linkText: '',
            ready: true,
        });
        expect(checklistAgents(EN, { state: 'read', counts: counts(35, 2, 0) })).toEqual({
            text: '35 of 37 agents ready',
            linkText: 'Show the 2 agents who are not ready',
            ready: false,
        });
        // An agent who cannot be checked is not known to get chats.
        expect(checklistAgents(EN, { state: 'read', counts: counts(36, 0, 1) })).toMatchObject({
            linkText: 'Show the agent who is not ready',
            ready: false,
        });
        expect(checklistAgents(EN, { state: 'read', counts: counts(0, 0, 0) })).toEqual({
            text: 'No active user is on the agent profiles.',
            linkText: 'Open the Agents view',
            ready: false,
        });
    });

    it('is not ready while reading, when the read failed, or before it', () => {
        expect(checklistAgents(EN, { state: 'reading' })).toEqual({
            text: 'Reading the agents…',
            linkText: '',
            ready: false,
        });
        expect(checklistAgents(EN, { state: 'failed', message: 'boom' })).toEqual({
            text: 'The agents could not be read: boom',
            linkText: 'Open the Agents view',
            ready: false,
        });
        expect(checklistAgents(EN, { state: 'notRead' })).toEqual({ text: '', linkText: '', ready: false });
    });

    it('speaks Korean', () => {
        expect(checklistAgents(KO, { state: 'read', counts: counts(35, 2, 0) })).toEqual({
            text: '상담원 37명 중 35명 준비됨',
            linkText: '준비되지 않은 상담원 2명 보기',
            ready: false,
        });
    });
});

describe('agent rows: every reason on request, and the item that fixes the first', () => {
    const base = {
        userId: '0055g000000User1AA',
        name: 'Kim Minji',
        username: 'minji@example.com',
        profileId: '00e5g00000AgentAAA',
        profileName: 'SimplyChat Agent',
        config: null,
        onlineStatuses: [],
        queue: null,
        serviceCloudUser: false,
        omniApp: 'no' as const,
        presence: 'offline' as const,
        warnings: [],
        unknowns: [],
    };

    it('lists every reason when there is more than one, and links the first to its item', () => {
        const row = agentRow(EN, {
            ...base,
            status: 'notReady',
            blockers: ['notInQueue', 'noServiceCloudUser'],
            reason: { key: 'agent.notInQueue', params: { queue: 'SimplyChat' } },
        });
        expect(row.allReasons.map((r) => r.text)).toEqual([
            'Not a member of the queue SimplyChat',
            ENGLISH['ui.agents.blocker.noServiceCloudUser'],
        ]);
        expect(row.fixItem).toBe('queueMembers');
        expect(row.fixText).toBe('Go to: Agents are in the chat queue');
    });

    it('has no item link for a licence, and no list for a single reason', () => {
        const row = agentRow(KO, {
            ...base,
            status: 'notReady',
            blockers: ['noServiceCloudUser'],
            reason: { key: 'agent.noServiceCloudUser', params: {} },
        });
        expect(row.allReasons).toEqual([]);
        expect(row.fixItem).toBe('');
        expect(row.fixText).toBe('');
    });
});
