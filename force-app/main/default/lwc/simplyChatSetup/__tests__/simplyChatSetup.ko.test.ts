import getSnapshot from '@salesforce/apex/SetupSnapshotController.getSnapshot';
import getSettledParts from '@salesforce/apex/SetupSnapshotController.getSettledParts';
import testConnection from '@salesforce/apex/SetupOperationsController.testConnection';
import { partlySetUpOrg } from '../../setupEngine/__tests__/fixtures';
import { settledPartsOf } from '../../../../../../samples/queueMembers';
import { mount, q, reset, row, settle, text } from './harness';

// The same tab with the Korean labels a Korean-speaking admin gets from the platform.
jest.mock('c/setupLabels', () => ({ LABELS: require('../../setupText/__tests__/testLabels').KOREAN }));
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

describe('c-simply-chat-setup in Korean', () => {
    afterEach(reset);

    it('shows the title, progress, item titles, statuses and reasons in Korean', async () => {
        const s = partlySetUpOrg();
        (getSnapshot as unknown as jest.Mock).mockResolvedValue(s);
        (getSettledParts as unknown as jest.Mock).mockResolvedValue(settledPartsOf(s, null));
        (testConnection as unknown as jest.Mock).mockResolvedValue(s.apiAccess);
        const element = mount();
        await settle();

        expect(text(q(element, '[data-id="subtitle"]'))).toBe(
            'SimplyChat에 필요한 옴니채널 설정을 확인하고 수정합니다.'
        );
        expect(text(q(element, '[data-id="progress"]'))).toBe('14개 중 5개 완료');
        const busy = row(element, 'busyStatus');
        expect(text(q(busy, '[data-id="title"]'))).toBe('8. 다른 용무 중 현재 상태');
        expect(text(q(busy, '[data-id="status"]'))).toBe('수정 필요');
        expect(text(q(busy, '[data-id="reason-text"]'))).toBe('채널이 없는 현재 상태(다른 용무 중)가 없습니다.');
        expect(text(q(row(element, 'queue'), '[data-id="no-fix"]'))).toBe(
            '여기서 수정할 수 없음: 먼저 라우팅 구성을 수정하세요.'
        );
        expect((q(element, '[data-id="fix-all"]') as unknown as { label: string }).label).toBe('모두 해결');
    });
});
