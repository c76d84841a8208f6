import { evaluate } from 'c/setupEngine';
import { format, formatNumber, formatTime, localeOf, reasonText, serverError, withLocale } from 'c/setupText';
import { rowView } from 'c/checklistView';
import {
    choices,
    fullySetUpOrg,
    omniDisabledOrg,
    omniOrg,
    partlySetUpOrg,
    sharedOmniOrg,
} from '../../setupEngine/__tests__/fixtures';
import { ENGLISH, KOREAN } from '../../setupText/__tests__/testLabels';

describe('setupText', () => {
    it('picks the "one" form in English and keeps the counted form in Korean', () => {
        const en = withLocale(ENGLISH, 'en-US');
        const ko = withLocale(KOREAN, 'ko-KR');
        expect(format(en, 'item.profileAccess.missing', { count: 1 })).toBe(
            '1 agent profile lacks access to a status.'
        );
        expect(format(en, 'item.profileAccess.missing', { count: 2 })).toBe(
            '2 agent profiles lack access to a status.'
        );
        expect(format(ko, 'item.profileAccess.missing', { count: 1 })).toBe(
            '상담원 프로필 1개에 상태 액세스 권한이 없습니다.'
        );
    });

    it('writes numbers and dates in the labels’ locale, en-US when the locale is missing or not a tag', () => {
        expect(formatNumber(withLocale(ENGLISH, 'en-US'), 12345)).toBe('12,345');
        expect(format(ENGLISH, 'ui.progress', { ready: 1000, total: 1000 })).toBe('1,000 of 1,000 ready');
        expect(localeOf(ENGLISH)).toBe('en-US');
        expect(localeOf(withLocale(ENGLISH, 'ko-KR'))).toBe('ko-KR');
        expect(localeOf(withLocale(ENGLISH, '<script>'))).toBe('en-US');
        expect(formatTime(ENGLISH, 'not a date')).toBe('not a date');
        expect(formatTime(withLocale(ENGLISH, 'en-US'), '2026-01-02T03:04:00Z')).toMatch(/2026/);
    });

    it('turns a SetupError payload into text and keeps any other message as it is', () => {
        const payload = JSON.stringify({
            key: 'item.blocked',
            params: { items: 'omniChannel' },
            choiceErrors: [{ field: 'capacity', reason: { key: 'no.such.key', params: {} } }],
        });
        expect(serverError(ENGLISH, { body: { message: payload } })).toEqual({
            message: 'Waiting for: Omni-Channel',
            fieldErrors: [{ field: 'capacity', text: 'no.such.key' }],
        });
        expect(serverError(ENGLISH, new Error('Network down'))).toEqual({ message: 'Network down', fieldErrors: [] });
    });

    it.each([
        ['omniDisabledOrg', omniDisabledOrg],
        ['omniOrg', () => omniOrg()],
        ['partlySetUpOrg', partlySetUpOrg],
        ['fullySetUpOrg', fullySetUpOrg],
        ['sharedOmniOrg', sharedOmniOrg],
    ])('the tab’s rows show these reason texts (%s), the texts the CLI prints', (_name, org) => {
        const labels = withLocale(ENGLISH, 'en-US');
        for (const item of evaluate({ ...org(), choices: choices() })) {
            expect(rowView(labels, item).reason).toBe(reasonText(labels, item.reason));
        }
    });
});
