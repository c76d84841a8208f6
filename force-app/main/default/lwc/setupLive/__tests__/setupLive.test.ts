import { createElement } from 'lwc';
import getLive from '@salesforce/apex/SetupLiveController.getLive';
import SetupLive, { REFRESH_SECONDS } from 'c/setupLive';
import { settle as settleSetup, type OrgSnapshot } from 'c/setupEngine';
import { fullySetUpOrg, HAND, read } from '../../../../../../samples/orgs';
import { liveReadOf, type LiveShape } from '../../../../../../samples/live';

jest.mock('c/setupLabels', () => ({ LABELS: require('../../setupText/__tests__/testLabels').ENGLISH }));
jest.mock('@salesforce/apex/SetupLiveController.getLive', () => ({ default: jest.fn() }), { virtual: true });

const getLiveMock = getLive as unknown as jest.Mock;

type LiveElement = HTMLElement & { snapshot?: OrgSnapshot; active?: boolean };

async function settle(times = 6): Promise<void> {
    for (let i = 0; i < times; i++) await Promise.resolve();
    await new Promise((resolve) => setTimeout(resolve, 0));
}

function serve(shape: LiveShape, seesAll = true): void {
    getLiveMock.mockImplementation(() => Promise.resolve(liveReadOf(fullySetUpOrg(), shape, { seesAll })));
}

function mount(snapshot: OrgSnapshot, active = true): LiveElement {
    const element = createElement('c-setup-live', { is: SetupLive }) as LiveElement;
    element.snapshot = snapshot;
    element.active = active;
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

afterEach(() => {
    while (document.body.firstChild) document.body.removeChild(document.body.firstChild);
    jest.clearAllMocks();
    jest.useRealTimers();
});

describe('the Live view', () => {
    it('reads by the Ids settle picks: of two chat queues, the one by the SimplyChat name', async () => {
        serve('free');
        const org = fullySetUpOrg();
        const ours = {
            ...HAND.queue,
            Id: '00G5g000000OursQAA',
            DeveloperName: org.choices.names.queue.developerName,
            Name: 'SimplyChat',
        };
        const snapshot: OrgSnapshot = {
            ...org,
            queues: read([HAND.queue, ours]),
            queueSobjects: read([
                HAND.queueSobject,
                { ...HAND.queueSobject, Id: '03g5g000000QsobBBB', QueueId: ours.Id },
            ]),
        };
        const { ids } = settleSetup(snapshot);
        expect(ids.queueId).toBe(ours.Id);
        mount(snapshot);
        await settle();
        expect(getLiveMock).toHaveBeenCalledWith({ queueId: ids.queueId, channelId: ids.channelId });
    });

    it('reads the queue and channel the engine names, and shows who can take the waiting chats', async () => {
        serve('free');
        const element = mount(fullySetUpOrg());
        await settle();
        expect(getLiveMock).toHaveBeenCalledWith({ queueId: HAND.queue.Id, channelId: HAND.chatChannel.Id });
        expect(q(element, '[data-id="live-headline"]')?.dataset.state).toBe('flowing');
        expect(text(q(element, '[data-id="live-waiting"]'))).toBe('6');
        expect(text(q(element, '[data-id="live-oldest"]'))).toBe('4 min 20 s');
        expect(text(q(element, '[data-id="live-not-ready"]'))).toBe('1');
        expect(text(q(element, '[data-id="live-can-take"]'))).toBe('2');
        expect(text(q(element, '[data-id="live-next"]'))).toMatch(/^Likely next: .+ \(Most Available/);
        const rows = qa(element, '[data-id="live-agent"]');
        expect(rows.map((r) => r.dataset.state)).toEqual([
            'canTake',
            'canTake',
            'atCapacity',
            'atCapacity',
            'atCapacity',
        ]);
        expect(q(element, '[data-id="live-why"]')).toBeNull();
    });

    it.each([
        ['atCapacity', 'allAtCapacity', 'presenceConfig'],
        ['nobody', 'noneOnline', 'onlineStatus'],
        ['notInQueue', 'notInQueue', 'queueMembers'],
    ] as const)('%s: says why nobody gets them and links to the item that fixes it', async (shape, code, itemId) => {
        serve(shape);
        const element = mount(fullySetUpOrg());
        await settle();
        expect(q(element, '[data-id="live-headline"]')?.dataset.state).toBe('stuck');
        const lines = qa(element, '[data-id="live-why-line"]');
        expect(lines.map((l) => l.dataset.code)).toEqual([code]);
        const opened: string[] = [];
        element.addEventListener('openitem', (e) => opened.push((e as CustomEvent<{ itemId: string }>).detail.itemId));
        const button = lines[0].querySelector('[data-item]') as HTMLElement;
        button.dispatchEvent(new CustomEvent('click'));
        expect(opened).toEqual([itemId]);
    });

    it('under sharing, nobody visible is "cannot be checked", never "nobody online"', async () => {
        serve('nobody', false);
        const element = mount(fullySetUpOrg());
        await settle();
        expect(q(element, '[data-id="live-headline"]')?.dataset.state).toBe('unknown');
        expect(qa(element, '[data-id="live-why-line"]').map((l) => l.dataset.code)).toEqual(['presenceUnknown']);
    });

    it('reads every 15 seconds while shown, and stops when hidden', async () => {
        jest.useFakeTimers();
        serve('free');
        const element = mount(fullySetUpOrg());
        expect(getLiveMock).toHaveBeenCalledTimes(1);
        jest.advanceTimersByTime(REFRESH_SECONDS * 1000);
        expect(getLiveMock).toHaveBeenCalledTimes(2);
        element.active = false;
        jest.advanceTimersByTime(REFRESH_SECONDS * 3000);
        expect(getLiveMock).toHaveBeenCalledTimes(2);
        element.active = true;
        expect(getLiveMock).toHaveBeenCalledTimes(3);
    });

    it('reads nothing while never shown, and nothing when the queue does not exist', async () => {
        serve('free');
        mount(fullySetUpOrg(), false);
        expect(getLiveMock).not.toHaveBeenCalled();
        const element = mount({ ...fullySetUpOrg(), queueSobjects: read([]) });
        await settle();
        expect(getLiveMock).not.toHaveBeenCalled();
        expect(q(element, '[data-id="live-headline"]')?.dataset.state).toBe('notSetUp');
    });

    it('a refused read says why, with the server message', async () => {
        getLiveMock.mockRejectedValue({
            body: { message: JSON.stringify({ key: 'error.noViewSetup', params: {}, choiceErrors: [] }) },
        });
        const element = mount(fullySetUpOrg());
        await settle();
        expect(text(q(element, '[data-id="live-error"]'))).toMatch(/^Live routing could not be read: /);
    });
});
