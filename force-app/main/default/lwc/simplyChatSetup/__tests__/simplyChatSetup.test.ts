import getSnapshot from '@salesforce/apex/SetupSnapshotController.getSnapshot';
import getSettledParts from '@salesforce/apex/SetupSnapshotController.getSettledParts';
import saveChoices from '@salesforce/apex/SetupSnapshotController.saveChoices';
import applyOperations from '@salesforce/apex/SetupOperationsController.applyOperations';
import testConnection from '@salesforce/apex/SetupOperationsController.testConnection';
import getConnectionStatus from '@salesforce/apex/ConnectionStatusController.getConnectionStatus';
import { changeRequests, plan, simulate, type ChangeRequest, type Operation, type OrgSnapshot } from 'c/setupEngine';
import {
    choices,
    fullySetUpOrg,
    HAND,
    NO_PERMISSIONS,
    omniDisabledOrg,
    omniOrg,
    partlySetUpOrg,
    sharedOmniOrg,
} from '../../setupEngine/__tests__/fixtures';
import { BATCH_SIZE, CALL_CHARACTERS } from 'c/simplyChatSetup';
import { settledPartsOf } from '../../../../../../samples/queueMembers';
import { manyProfilesOrg } from '../../../../../../samples/scenarios';
import { mount, q, qa, reset, row, rows, settle, text } from './harness';

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

const getSnapshotMock = getSnapshot as unknown as jest.Mock;
const settledMock = getSettledParts as unknown as jest.Mock;
const saveChoicesMock = saveChoices as unknown as jest.Mock;
const applyMock = applyOperations as unknown as jest.Mock;
const connectionMock = testConnection as unknown as jest.Mock;
const connectionStatusMock = getConnectionStatus as unknown as jest.Mock;

/** The operations of one applyOperations call (each sent with its planned change). */
const sentOps = (operationsJson: string): Operation[] =>
    (JSON.parse(operationsJson) as ChangeRequest[]).map((c) => c.operation);

/** What Apex returns for an operation it deferred to the next call (transaction limits). */
const deferredResult = (op: Operation, index: number): Record<string, unknown> => ({
    index,
    kind: op.kind,
    itemId: op.itemId,
    status: 'notRun',
    changed: [],
    error: { key: 'result.notRun.deferred', params: {} },
});

/** The org behind the mocked Apex: reads return it, applyOperations changes it with simulate(). */
function org(initial: OrgSnapshot, failKind?: string): { current: OrgSnapshot } {
    const state = { current: initial };
    getSnapshotMock.mockImplementation(() => Promise.resolve(state.current));
    settledMock.mockImplementation(({ queueId }: { queueId: string | null }) =>
        Promise.resolve(settledPartsOf(state.current, queueId))
    );
    connectionMock.mockResolvedValue(initial.apiAccess);
    applyMock.mockImplementation(({ operationsJson }: { operationsJson: string }) => {
        const ops = sentOps(operationsJson);
        let failed = false;
        const results = ops.map((op, index) => {
            if (failed)
                return {
                    index,
                    kind: op.kind,
                    itemId: op.itemId,
                    status: 'notRun',
                    changed: [],
                    error: { key: 'result.notRun.afterFailure', params: {} },
                };
            if (op.kind === failKind) {
                failed = true;
                return {
                    index,
                    kind: op.kind,
                    itemId: op.itemId,
                    status: 'failed',
                    changed: [],
                    error: {
                        key: 'apiError.rejected',
                        params: { code: 'FIELD_INTEGRITY_EXCEPTION', message: 'Refused' },
                    },
                };
            }
            state.current = simulate(state.current, [op]);
            return { index, kind: op.kind, itemId: op.itemId, status: 'done', changed: [op.kind], error: null };
        });
        return Promise.resolve({ results, complete: !failed, deferred: false });
    });
    return state;
}

async function open(
    snapshot: OrgSnapshot,
    failKind?: string
): Promise<{ element: HTMLElement; state: { current: OrgSnapshot } }> {
    const state = org(snapshot, failKind);
    const element = mount();
    await settle();
    return { element, state };
}

function planDialog(element: HTMLElement): HTMLElement | null {
    return q(element, 'c-setup-plan-dialog');
}

/** Opens the collapsed choices and returns the choices panel. */
async function openChoices(element: HTMLElement): Promise<HTMLElement> {
    const toggle = q(element, '[data-id="choices-toggle"]');
    expect(toggle?.getAttribute('aria-expanded')).toBe('false');
    toggle?.click();
    await settle(1);
    expect(q(element, '[data-id="choices-toggle"]')?.getAttribute('aria-expanded')).toBe('true');
    return q(element, 'c-setup-choices') as HTMLElement;
}

function change(panel: HTMLElement, field: string, value: unknown): void {
    panel.dispatchEvent(new CustomEvent('choicechange', { detail: { field, value } }));
}

function errorsOf(panel: HTMLElement): unknown[] {
    return [...(panel as unknown as { errors: unknown[] }).errors];
}

type Toast = { title: string; variant: string };

/** Collects the toasts the tab shows from now on. */
function toastsOf(element: HTMLElement): Toast[] {
    const toasts: Toast[] = [];
    element.addEventListener('lightning__showtoast', (e) => toasts.push((e as CustomEvent).detail));
    return toasts;
}

/** Fix all, confirm the plan, and wait until every operation has run. */
async function fixAllAndConfirm(element: HTMLElement): Promise<void> {
    q(element, '[data-id="fix-all"]')?.click();
    await settle(1);
    q(planDialog(element), '[data-id="confirm"]')?.click();
    await settle(12);
}

describe('c-simply-chat-setup', () => {
    afterEach(reset);

    it('shows a spinner while loading, then the checklist with its progress', async () => {
        getSnapshotMock.mockReturnValue(new Promise(() => undefined));
        const loading = mount();
        await settle(1);
        expect(q(loading, 'lightning-spinner')).not.toBeNull();
        reset();

        const { element } = await open(partlySetUpOrg());
        expect(q(element, 'lightning-spinner')).toBeNull();
        expect(rows(element)).toHaveLength(14);
        expect(text(q(element, '[data-id="progress"]'))).toBe('5 of 14 ready');
        expect(q(element, '[data-id="progress"]')?.getAttribute('aria-live')).toBe('polite');
    });

    it('renders every status with its icon, label and reason', async () => {
        const s: OrgSnapshot = {
            ...partlySetUpOrg(),
            apiAccess: { connectionSetup: 'present', connection: 'untested' },
            routingConfigs: {
                status: 'read',
                records: [
                    {
                        Id: '0K75g0000000000001',
                        DeveloperName: 'SimplyChat',
                        MasterLabel: 'SimplyChat',
                        RoutingModel: 'LeastActive',
                        RoutingPriority: 1,
                        CapacityWeight: 1,
                        CapacityPercentage: null,
                    },
                ],
            },
        };
        connectionMock.mockResolvedValue(s.apiAccess);
        const { element } = await open(s);
        connectionMock.mockResolvedValue(s.apiAccess);
        const status = (id: string) => {
            const r = row(element, id);
            return `${q(r, 'lightning-icon')?.getAttribute('icon-name') ?? (q(r, 'lightning-icon') as unknown as { iconName: string }).iconName} ${text(q(r, '[data-id="status"]'))}`;
        };
        expect(status('serviceChannel')).toBe('utility:success Ready');
        expect(status('busyStatus')).toBe('utility:error Needs a fix');
        expect(status('routingConfig')).toBe('utility:warning Review');
        expect(status('profileAccess')).toBe('utility:lock Waiting for an earlier item');
        expect(text(q(row(element, 'routingConfig'), '[data-id="reason-text"]'))).toBe(
            'The routing configuration SimplyChat differs from the guide in 1 value.'
        );
    });

    it('shows the API test result once the connection test answers', async () => {
        const s = {
            ...partlySetUpOrg(),
            apiAccess: { connectionSetup: 'unknown' as const, connection: 'untested' as const },
        };
        org(s);
        connectionMock.mockResolvedValue({
            connectionSetup: 'present',
            connection: 'unauthenticated',
            httpStatus: 401,
        });
        const element = mount();
        await settle();
        expect(connectionMock).toHaveBeenCalledTimes(1);
        expect(text(q(row(element, 'apiAccess'), '[data-id="reason"]'))).toContain(
            'You have not authenticated the SimplyChat Setup API credential'
        );
    });

    describe("the connection assistant's states in the org", () => {
        const missing: OrgSnapshot = {
            ...partlySetUpOrg(),
            apiAccess: { connectionSetup: 'missing', connection: 'error' },
        };
        const stepStatuses = (element: HTMLElement) =>
            qa(row(element, 'apiAccess'), '[data-id="step-status"]').map((node) => text(node));

        it('reads them once, when item 1 shows its assistant, and shows each on its step', async () => {
            connectionStatusMock.mockResolvedValue({
                clientApp: 'done',
                authProvider: 'done',
                externalCredential: 'attention',
                namedCredential: 'missing',
                principalAccess: 'unknown',
                authenticate: 'unknown',
            });
            const { element } = await open(missing);
            expect(connectionStatusMock).toHaveBeenCalledTimes(1);
            expect(stepStatuses(element)).toEqual([
                'Done',
                'Done',
                'Needs attention',
                'Missing',
                'Cannot be checked from here',
                'Cannot be checked from here',
            ]);
            expect(
                qa(row(element, 'apiAccess'), '[data-id="step-icon"]').map(
                    (icon) => (icon as unknown as { iconName: string }).iconName
                )
            ).toEqual([
                'utility:success',
                'utility:success',
                'utility:warning',
                'utility:error',
                'utility:help',
                'utility:help',
            ]);
        });

        it('does not ask when the connection works (no assistant)', async () => {
            await open(partlySetUpOrg());
            expect(connectionStatusMock).not.toHaveBeenCalled();
        });

        it('keeps what the connection test shows when the states cannot be read', async () => {
            connectionStatusMock.mockRejectedValue({ body: { message: 'refused' } });
            const { element } = await open(missing);
            expect(connectionStatusMock).toHaveBeenCalledTimes(1);
            expect(stepStatuses(element)[3]).toBe('Missing');
            expect(stepStatuses(element)[0]).toBe('Cannot be checked from here');
            expect(q(element, '[data-id="load-error"]')).toBeNull();
        });
    });

    it("expands an item's details with a keyboard-reachable toggle that says its state", async () => {
        const { element } = await open(partlySetUpOrg());
        const presence = row(element, 'presenceConfig');
        const toggle = q(presence, '[data-id="toggle"]');
        expect(toggle?.getAttribute('aria-expanded')).toBe('false');
        expect(q(presence, '[data-id="details"]')?.hidden).toBe(true);
        toggle?.click();
        await settle(1);
        expect(q(presence, '[data-id="toggle"]')?.getAttribute('aria-expanded')).toBe('true');
        expect(qa(presence, '[data-id="details"] li').map(text)).toEqual([
            'SimplyChat Agent has no presence configuration',
            'Support has no presence configuration',
        ]);
    });

    it('shows the planned changes before writing, and Fix sends exactly those operations', async () => {
        const s = partlySetUpOrg();
        const { element } = await open(s);
        q(row(element, 'busyStatus'), '[data-id="fix"]')?.click();
        await settle(1);
        const dialog = planDialog(element);
        expect(dialog).not.toBeNull();
        expect(qa(dialog, '[data-id="plan"] li').map(text)).toEqual([
            'Create the busy presence status Busy (SimplyChat_Busy), without channels',
        ]);
        expect(applyMock).not.toHaveBeenCalled();

        q(dialog, '[data-id="confirm"]')?.click();
        await settle(8);
        expect(applyMock).toHaveBeenCalledTimes(1);
        // Each operation goes with the change the engine planned for it (route, record or Metadata writes, waits).
        expect(JSON.parse(applyMock.mock.calls[0][0].operationsJson)).toEqual(changeRequests(plan(s, ['busyStatus'])));
        expect(applyMock.mock.calls[0][0].confirmOrgWide).toBe(false);
        expect(text(q(element, '[data-id="summary-message"]'))).toBe('The change was made.');
        expect(getSnapshotMock).toHaveBeenCalledTimes(2); // re-checked after the fix
        expect(text(q(row(element, 'busyStatus'), '[data-id="status"]'))).toBe('Ready');
    });

    it('cancels the plan without writing, and puts the focus back on the button that opened it', async () => {
        const { element } = await open(partlySetUpOrg());
        const fixAll = q(element, '[data-id="fix-all"]') as HTMLElement;
        fixAll.focus = jest.fn();
        fixAll.click();
        await settle(1);
        q(planDialog(element), '[data-id="cancel"]')?.click();
        await settle(1);
        expect(planDialog(element)).toBeNull();
        expect(applyMock).not.toHaveBeenCalled();
        expect(fixAll.focus).toHaveBeenCalled();

        const fix = q(row(element, 'busyStatus'), '[data-id="fix"]') as HTMLElement;
        fix.focus = jest.fn();
        fix.click();
        await settle(1);
        planDialog(element)?.dispatchEvent(new CustomEvent('cancel'));
        await settle(1);
        expect(fix.focus).toHaveBeenCalled();
    });

    it('sends a change with many rows in a call of its own, so the server never holds too much at once', async () => {
        const s = manyProfilesOrg(1000);
        const { element } = await open(s);
        await fixAllAndConfirm(element);
        const planned = plan(s, 'all');
        const sizes = changeRequests(planned).map((c) => JSON.stringify(c).length);
        const heavy = planned.findIndex((_, i) => sizes[i] > CALL_CHARACTERS);
        expect(heavy).toBeGreaterThanOrEqual(0);
        const calls = applyMock.mock.calls.map((c) => JSON.parse(c[0].operationsJson as string) as ChangeRequest[]);
        expect(calls.flat().map((c) => c.operation)).toEqual(planned);
        const heavyText = JSON.stringify(planned[heavy]);
        expect(calls.find((call) => call.some((c) => JSON.stringify(c.operation) === heavyText))).toHaveLength(1);
        for (const call of calls.filter((c) => c.length > 1))
            expect(call.reduce((total, c) => total + JSON.stringify(c).length, 0)).toBeLessThanOrEqual(CALL_CHARACTERS);
    });

    it('Fix all turns a partly set up org all green, a batch of operations per call, with a success toast', async () => {
        // The admin chose to add each agent user to the new chat queue (item 13).
        const s = { ...partlySetUpOrg(), choices: choices({ queueMembers: { kind: 'agentUsers' } }) };
        const { element, state } = await open(s);
        const toasts = toastsOf(element);
        await fixAllAndConfirm(element);
        const sent = applyMock.mock.calls.map((c) => sentOps(c[0].operationsJson));
        const planned = plan(s, 'all');
        expect(planned.length).toBeGreaterThan(BATCH_SIZE);
        expect(planned.map((o) => o.kind)).toContain('addQueueMembers');
        expect(sent).toEqual([planned.slice(0, BATCH_SIZE), planned.slice(BATCH_SIZE)]);
        // Every item is ready but item 14, a manual step in App Manager (the partly set up org has no console app).
        expect(text(q(element, '[data-id="progress"]'))).toBe('13 of 14 ready');
        expect(text(q(row(element, 'queueMembers'), '[data-id="status"]'))).toBe('Ready');
        expect(state.current.presenceStatuses.status === 'read' && state.current.presenceStatuses.records).toHaveLength(
            2
        );
        expect(toasts).toEqual([expect.objectContaining({ title: 'Setup updated', variant: 'success' })]);
    });

    it('Fix all asks what to add to the queue in the plan, saves the answer, then runs exactly the plan it showed', async () => {
        const { element, state } = await open(partlySetUpOrg());
        saveChoicesMock.mockImplementation(({ choices: saved }) => {
            state.current = { ...state.current, choices: saved };
            return Promise.resolve(saved);
        });
        q(element, '[data-id="fix-all"]')?.click();
        await settle(1);
        const dialog = planDialog(element) as HTMLElement;
        const asked = (dialog as unknown as { choices: { queueMembers?: { value: string } } }).choices;
        expect(asked.queueMembers?.value).toBe('');
        const linesBefore = qa(dialog, '[data-id="plan"] > li').length;
        expect(text(q(dialog, '[data-id="still-needed"]'))).toMatch(/Agents are in the chat queue/);
        dialog.dispatchEvent(
            new CustomEvent('choicechange', { detail: { field: 'queueMembers', value: 'agentUsers' } })
        );
        await settle(1);
        const shown = qa(dialog, '[data-id="plan"] > li').map(text);
        expect(shown).toHaveLength(linesBefore + 1);
        expect(shown[shown.length - 1]).toMatch(/^Add 37 agents to the queue SimplyChat by name/);
        expect(text(q(dialog, '[data-id="still-needed"]'))).not.toMatch(/Agents are in the chat queue/);
        q(dialog, '[data-id="confirm"]')?.click();
        await settle(14);
        expect(saveChoicesMock).toHaveBeenCalledWith({
            choices: expect.objectContaining({ queueMembers: { kind: 'agentUsers' } }),
        });
        const sent = applyMock.mock.calls.flatMap((c) => sentOps(c[0].operationsJson));
        expect(sent).toHaveLength(shown.length);
        expect(sent[sent.length - 1].kind).toBe('addQueueMembers');
        expect(text(q(row(element, 'queueMembers'), '[data-id="status"]'))).toBe('Ready');
        // What is left after the run: item 14, a manual step in App Manager, with its link.
        expect(text(q(element, '[data-id="still-needed"]'))).toMatch(/^Agents have Omni-Channel in their app/);
    });

    it('asks for the org-wide confirmation before enabling Omni-Channel and sends it', async () => {
        const { element } = await open(omniDisabledOrg());
        q(element, '[data-id="fix-all"]')?.click();
        await settle(1);
        const dialog = planDialog(element);
        const confirm = q(dialog, '[data-id="confirm"]') as unknown as { disabled: boolean };
        expect(confirm.disabled).toBe(true);
        const orgWide = q(dialog, '[data-id="org-wide"]') as HTMLElement & { checked: boolean };
        orgWide.checked = true;
        orgWide.dispatchEvent(new CustomEvent('change', { detail: { checked: true } }));
        await settle(1);
        expect((q(dialog, '[data-id="confirm"]') as unknown as { disabled: boolean }).disabled).toBe(false);
        q(dialog, '[data-id="confirm"]')?.click();
        await settle(12);
        expect(applyMock.mock.calls[0][0].confirmOrgWide).toBe(true);
    });

    it('on a partial failure still makes the independent changes, shows the failure on its item, and retries it', async () => {
        const { element } = await open(partlySetUpOrg(), 'createPresenceConfig');
        const toasts = toastsOf(element);
        await fixAllAndConfirm(element);
        const planned = plan(partlySetUpOrg(), 'all');
        const total = planned.length;
        const failedAt = planned.findIndex((op) => op.kind === 'createPresenceConfig');
        // Nothing in the plan needs the presence configuration, so every other change is made.
        expect(text(q(element, '[data-id="summary-message"]'))).toBe(
            `Changes made: ${total - 1} of ${total}. Failed: 1. Not run: 0. The checklist was checked again and shows the current state.`
        );
        const lines = qa(element, '[data-id="summary-lines"] li').map(text);
        expect(lines[0]).toMatch(/^Done: Create the routing configuration SimplyChat: priority 1, Most Available/);
        expect(lines[failedAt]).toBe(
            'Failed: Create the presence configuration SimplyChat Agents with capacity 5 for SimplyChat Agent, Support — Salesforce refused the change (FIELD_INTEGRITY_EXCEPTION): Refused'
        );
        expect(lines.slice(failedAt + 1).every((l) => l.startsWith('Done: '))).toBe(true);
        expect(toasts[0]).toMatchObject({ title: 'Setup partly updated', variant: 'warning' });
        expect(getSnapshotMock).toHaveBeenCalledTimes(2);
        // Apex skipped the rest of the failed batch; those are sent again (without the failed one), then the rest.
        const sent = applyMock.mock.calls.map((c) => sentOps(c[0].operationsJson).map((op) => op.kind));
        expect(sent[0]).toEqual(planned.slice(0, BATCH_SIZE).map((op) => op.kind));
        expect(sent[1]).toEqual(planned.slice(failedAt + 1, BATCH_SIZE).map((op) => op.kind));
        expect(sent[2]).toEqual(planned.slice(BATCH_SIZE).map((op) => op.kind));

        expect(text(q(row(element, 'presenceConfig'), '[data-id="failure"]'))).toBe(
            'Last attempt failed (FIELD_INTEGRITY_EXCEPTION): Refused'
        );
        applyMock.mockClear();
        q(element, '[data-id="retry-failed"]')?.click();
        await settle(2);
        const dialog = planDialog(element);
        expect(qa(dialog, '[data-id="plan"] li').map(text)).toEqual([
            'Create the presence configuration SimplyChat Agents with capacity 5 for SimplyChat Agent, Support',
        ]);
    });

    it('does not send the changes that need a failed one, and says why', async () => {
        const { element } = await open(omniOrg(), 'upsertRoutingConfig');
        await fixAllAndConfirm(element);
        const lines = qa(element, '[data-id="summary-lines"] li').map(text);
        const queue = lines.find((l) => l.includes('queue'));
        expect(queue).toBe(
            'Not run: Create the queue SimplyChat for WINP__Talk_Session__c, routed by SimplyChat — it needs Routing configuration, which failed.'
        );
        // Apex skipped it in the batch with the failure; it is not sent again.
        const sent = applyMock.mock.calls.slice(1).flatMap((c) => sentOps(c[0].operationsJson));
        expect(sent.some((op) => op.kind === 'upsertQueue')).toBe(false);
        expect(sent.some((op) => op.kind === 'setScSetupDefaults')).toBe(true);
    });

    it('runs a change whose item needs the failed item when the change itself does not wait for it', async () => {
        // The shared Online status stays without SimplyChat's channel; granting the existing statuses to the
        // profiles names no record that change creates, so it still runs (the engine's operationDependencies).
        const shared = sharedOmniOrg();
        const snapshot = { ...shared, statusAccess: { ...shared.statusAccess, records: [] } };
        const planned = plan(snapshot, 'all');
        expect(planned.map((op) => op.kind)).toEqual(
            expect.arrayContaining(['addChannelToStatus', 'grantStatusAccess'])
        );
        const { element } = await open(snapshot, 'addChannelToStatus');
        await fixAllAndConfirm(element);
        const lines = qa(element, '[data-id="summary-lines"] li').map(text);
        expect(lines[planned.findIndex((op) => op.kind === 'addChannelToStatus')]).toMatch(/^Failed: /);
        expect(lines[planned.findIndex((op) => op.kind === 'grantStatusAccess')]).toMatch(/^Done: /);
        expect(lines.filter((l) => l.startsWith('Done: '))).toHaveLength(planned.length - 1);
        const sent = applyMock.mock.calls.flatMap((c) => sentOps(c[0].operationsJson));
        expect(sent.filter((op) => op.kind === 'grantStatusAccess')).toHaveLength(2);
    });

    it('names the first failure for a change that waits for a change not run', async () => {
        const { element } = await open(omniOrg(), 'createServiceChannel');
        await fixAllAndConfirm(element);
        const lines = qa(element, '[data-id="summary-lines"] li').map(text);
        const planned = plan(omniOrg(), 'all');
        const online = planned.findIndex((op) => op.kind === 'createPresenceStatus');
        const grant = planned.findIndex((op) => op.kind === 'grantStatusAccess');
        expect(lines[online]).toMatch(/^Not run: .* — it needs SimplyChat service channel, which failed\.$/);
        expect(lines[grant]).toMatch(/^Not run: .* — it needs SimplyChat service channel, which failed\.$/);
        expect(lines.filter((l) => l.startsWith('Done: ')).length).toBeGreaterThan(0);
    });

    it('sends deferred operations again in a later call', async () => {
        const { element, state } = await open(partlySetUpOrg());
        const simulateAll = applyMock.getMockImplementation();
        let deferredOnce = false;
        applyMock.mockImplementation((params: { operationsJson: string }) => {
            const ops = sentOps(params.operationsJson);
            if (deferredOnce || ops.length < 2) return simulateAll?.(params);
            deferredOnce = true;
            const first = { operationsJson: JSON.stringify(changeRequests(ops.slice(0, 1))) };
            return (simulateAll?.(first) as Promise<{ results: unknown[] }>).then((r) => ({
                results: [...r.results, ...ops.slice(1).map((op, i) => deferredResult(op, i + 1))],
                complete: false,
                deferred: true,
            }));
        });
        await fixAllAndConfirm(element);
        expect(text(q(element, '[data-id="summary-message"]'))).toMatch(/^All \d+ changes were made\.$/);
        expect(state.current.routingConfigs.status).toBe('read');
        // Item 13 waits for the admin's choice of queue members; item 14 is a manual step in App Manager.
        expect(text(q(element, '[data-id="progress"]'))).toBe('12 of 14 ready');
    });

    it('says why each change was not run when the server can never find room for a batch', async () => {
        const { element } = await open(partlySetUpOrg());
        applyMock.mockImplementation((params: { operationsJson: string }) => {
            const ops = sentOps(params.operationsJson);
            return Promise.resolve({
                results: ops.map((op, index) => deferredResult(op, index)),
                complete: false,
                deferred: true,
            });
        });
        await fixAllAndConfirm(element);
        const lines = qa(element, '[data-id="summary-lines"] li').map(text);
        expect(lines.length).toBeGreaterThan(0);
        expect(lines.every((l) => / — the limits of one request to Salesforce left no room for it; /.test(l))).toBe(
            true
        );
    });

    it('shows a read-only user why, with no Fix button anywhere', async () => {
        const s: OrgSnapshot = {
            ...partlySetUpOrg(),
            user: { id: 'u', permissions: { ...NO_PERMISSIONS, viewSetup: true } },
        };
        const { element } = await open(s);
        expect(text(q(element, '[data-id="read-only"]'))).toBe(
            'You can view the checklist but not fix it. To fix items, you need the permissions listed under “Your permissions”.'
        );
        expect(rows(element).filter((r) => q(r, '[data-id="fix"]') !== null)).toHaveLength(0);
        expect((q(element, '[data-id="fix-all"]') as unknown as { disabled: boolean }).disabled).toBe(true);
        expect(q(element, 'c-setup-choices')).toBeNull();
    });

    it('evaluates the checklist on the saved choices while edits are a draft, and can discard them', async () => {
        const { element } = await open(partlySetUpOrg());
        const panel = await openChoices(element);
        change(panel, 'chatObject', '');
        await settle(1);
        expect(text(q(element, '[data-id="progress"]'))).toBe('5 of 14 ready');
        expect(text(q(row(element, 'serviceChannel'), '[data-id="reason-text"]'))).toContain('WINP__Talk_Session__c');
        expect((panel as unknown as { draft: boolean }).draft).toBe(true);
        panel.dispatchEvent(new CustomEvent('discard'));
        await settle(1);
        expect((panel as unknown as { draft: boolean; chatObject: string }).draft).toBe(false);
        expect((panel as unknown as { chatObject: string }).chatObject).toBe('WINP__Talk_Session__c');
    });

    it('shows a bad value once its field is left, and blocks the plan without calling Apex', async () => {
        const { element } = await open(omniOrg());
        const panel = await openChoices(element);
        change(panel, 'capacity', 'abc');
        await settle(1);
        expect(errorsOf(panel)).toEqual([]);
        panel.dispatchEvent(new CustomEvent('choiceblur', { detail: { field: 'capacity' } }));
        await settle(1);
        expect(errorsOf(panel)).toEqual([{ field: 'capacity', text: 'Enter a whole number from 1 to 9,999.' }]);
        expect((panel as unknown as { capacityText: string }).capacityText).toBe('abc');
        q(element, '[data-id="fix-all"]')?.click();
        await settle(2);
        expect(planDialog(element)).toBeNull();
        expect(applyMock).not.toHaveBeenCalled();
        expect(saveChoicesMock).not.toHaveBeenCalled();
    });

    it('warns about an unusually high capacity without blocking', async () => {
        const { element } = await open(omniOrg());
        const panel = await openChoices(element);
        change(panel, 'capacity', '1000');
        await settle(1);
        expect((panel as unknown as { capacityWarning: string }).capacityWarning).toBe(
            '1,000 chats at once is more than the usual 20 or fewer. Make sure this is what you mean.'
        );
        expect(errorsOf(panel)).toEqual([]);
    });

    it('saves a draft before planning; a chat object the server does not know shows on its field and no plan opens', async () => {
        const { element } = await open(omniOrg());
        saveChoicesMock.mockRejectedValue({
            body: {
                message: JSON.stringify({
                    key: 'error.invalidChoices',
                    params: { count: 1 },
                    choiceErrors: [
                        {
                            field: 'chatObject',
                            reason: { key: 'choice.chatObjectUnknown', params: { value: 'Foo__c' } },
                        },
                    ],
                }),
            },
        });
        const toasts = toastsOf(element);
        const panel = await openChoices(element);
        change(panel, 'chatObject', 'Foo__c');
        await settle(1);
        q(element, '[data-id="fix-all"]')?.click();
        await settle(4);
        expect(saveChoicesMock).toHaveBeenCalledWith({ choices: expect.objectContaining({ chatObject: 'Foo__c' }) });
        expect(errorsOf(q(element, 'c-setup-choices') as HTMLElement)).toEqual([
            { field: 'chatObject', text: 'No object Foo__c exists in this org.' },
        ]);
        expect(toasts[0]).toMatchObject({ title: 'Setup not updated' });
        expect(planDialog(element)).toBeNull();
        expect(applyMock).not.toHaveBeenCalled();
    });

    it('saves choices on request, reads the org again, and confirms it', async () => {
        const { element, state } = await open(fullySetUpOrg());
        saveChoicesMock.mockImplementation(({ choices: saved }) => {
            state.current = { ...state.current, choices: saved };
            return Promise.resolve(saved);
        });
        const toasts = toastsOf(element);
        const panel = await openChoices(element);
        change(panel, 'agentProfileIds', [choices().agentProfileIds[0]]);
        panel.shadowRoot
            ?.querySelector('[data-id="search"]')
            ?.dispatchEvent(new CustomEvent('change', { detail: { value: 'sup' } }));
        await settle(1);
        // The picker keeps its own search: only it filters, the tab's draft is unchanged by a keystroke.
        expect((panel as unknown as { search: string }).search).toBe('sup');
        const picker = (panel as unknown as { picker: { available: { options: { label: string }[] } } }).picker;
        const all = fullySetUpOrg().profiles;
        expect(all.status === 'read' && all.records.length).toBeGreaterThan(picker.available.options.length);
        expect(picker.available.options.every((o) => /sup/i.test(o.label))).toBe(true);
        panel.dispatchEvent(new CustomEvent('save'));
        await settle(4);
        expect(saveChoicesMock).toHaveBeenCalledWith({
            choices: expect.objectContaining({ agentProfileIds: [choices().agentProfileIds[0]] }),
        });
        expect(getSnapshotMock).toHaveBeenCalledTimes(2);
        expect(toasts[0]).toMatchObject({ title: 'Choices saved.' });
        expect(text(q(element, '[data-id="choices-summary"]'))).toContain('1 agent profile');
    });

    it('offers what to add to the chat queue when item 13 needs it, validates it on blur, and saves it', async () => {
        const { element, state } = await open(sharedOmniOrg());
        saveChoicesMock.mockImplementation(({ choices: saved }) => {
            state.current = { ...state.current, choices: saved };
            return Promise.resolve(saved);
        });
        const panel = await openChoices(element);
        const props = panel as unknown as {
            offerQueueMembers: boolean;
            queueMembersKind: string;
            publicGroup: string;
            publicGroupOptions: { value: string }[];
        };
        expect(props.offerQueueMembers).toBe(true);
        expect(props.queueMembersKind).toBe('');
        expect(props.publicGroupOptions.map((o) => o.value)).toEqual(['All_Service', 'Chat_Agents', 'Support_Chat']);
        expect(text(q(row(element, 'queueMembers'), '[data-id="no-fix"]'))).toContain('Add to the chat queue');
        change(panel, 'queueMembers', { kind: 'publicGroup', groupDeveloperName: 'Nobody' });
        await settle(1);
        expect(errorsOf(panel)).toEqual([]);
        panel.dispatchEvent(new CustomEvent('choiceblur', { detail: { field: 'queueMembers' } }));
        await settle(1);
        expect(errorsOf(panel)).toEqual([
            { field: 'queueMembers', text: 'There is no public group Nobody in this org.' },
        ]);
        expect(props.publicGroup).toBe('Nobody');
        change(panel, 'queueMembers', { kind: 'agentUsers' });
        await settle(1);
        expect(errorsOf(panel)).toEqual([]);
        expect(props.queueMembersKind).toBe('agentUsers');
        panel.dispatchEvent(new CustomEvent('save'));
        await settle(4);
        expect(saveChoicesMock).toHaveBeenCalledWith({
            choices: expect.objectContaining({ queueMembers: { kind: 'agentUsers' } }),
        });
        q(row(element, 'queueMembers'), '[data-id="fix"]')?.click();
        await settle(1);
        const lines = (planDialog(element) as unknown as { lines: { text: string }[] }).lines.map((l) => l.text);
        expect(lines).toEqual([
            'Add 8 agents to the queue Chat_Queue by name: Support (8). Its current members are kept.',
        ]);
        q(planDialog(element), '[data-id="confirm"]')?.click();
        await settle(6);
        expect(text(q(row(element, 'queueMembers'), '[data-id="status"]'))).toBe('Ready');
    });

    it('pages the profile picker', async () => {
        const { element } = await open(partlySetUpOrg());
        const panel = await openChoices(element);
        (panel.shadowRoot?.querySelector('button[data-side="available"]') as HTMLButtonElement | null)?.click();
        await settle(1);
        expect((panel as unknown as { picker: { available: { matching: number } } }).picker.available.matching).toBe(2);
    });

    it('offers a text and a JSON report for support', async () => {
        const { element } = await open(partlySetUpOrg());
        const link = q(element, '[data-id="report-text"]') as HTMLAnchorElement;
        expect(link.getAttribute('download')).toBe('simplychat-setup-report.txt');
        expect(decodeURIComponent(link.getAttribute('href') ?? '')).toContain(
            '6. Queue for chats [Waiting for an earlier item]'
        );
        const json = q(element, '[data-id="report-json"]') as HTMLAnchorElement;
        expect(decodeURIComponent(json.getAttribute('href') ?? '')).toContain('"orgId"');
    });

    it('shows a friendly error when the checklist cannot be loaded, and tries again', async () => {
        getSnapshotMock.mockRejectedValue({
            body: { message: JSON.stringify({ key: 'error.noViewSetup', params: {} }) },
        });
        const element = mount();
        await settle();
        expect(text(q(element, '[data-id="load-error"]'))).toContain(
            'The checklist could not be loaded: You need View Setup and Configuration to use SimplyChat Setup.'
        );
        org(fullySetUpOrg());
        q(element, '[data-id="recheck"]')?.click();
        await settle();
        expect(q(element, '[data-id="load-error"]')).toBeNull();
        expect(text(q(element, '[data-id="progress"]'))).toBe('14 of 14 ready');
    });

    it('reads the queue members by the queue the engine settles on, item 13 saying so meanwhile', async () => {
        const state = org(fullySetUpOrg());
        let answer: (parts: unknown) => void = () => undefined;
        settledMock.mockImplementation(() => new Promise((resolve) => (answer = resolve)));
        const element = mount();
        await settle();
        expect(settledMock).toHaveBeenCalledTimes(1);
        expect(settledMock).toHaveBeenCalledWith({ queueId: HAND.queue.Id });
        const members = row(element, 'queueMembers');
        expect(text(q(members, '[data-id="status"]'))).toBe('Unknown');
        expect(text(q(members, '[data-id="reason-text"]'))).toBe("The chat queue's members are being read.");
        answer(settledPartsOf(state.current, HAND.queue.Id));
        await settle();
        expect(text(q(row(element, 'queueMembers'), '[data-id="status"]'))).toBe('Ready');
        expect(text(q(element, '[data-id="progress"]'))).toBe('14 of 14 ready');
    });

    it('keeps the checklist when the queue members cannot be read, and says why on item 13', async () => {
        org(fullySetUpOrg());
        settledMock.mockRejectedValue({
            body: { message: JSON.stringify({ key: 'error.invalidSettledIds', params: {} }) },
        });
        const element = mount();
        await settle();
        expect(q(element, '[data-id="load-error"]')).toBeNull();
        expect(text(q(row(element, 'queueMembers'), '[data-id="status"]'))).toBe('Unknown');
        expect(text(q(row(element, 'queue'), '[data-id="status"]'))).toBe('Ready');
        expect(text(q(element, '[data-id="progress"]'))).toBe('13 of 14 ready');
    });
});
