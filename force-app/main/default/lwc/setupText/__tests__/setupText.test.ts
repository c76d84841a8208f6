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
    it('guides item 14 step by step in both languages: the app, where its utility bar is in App Manager, the item to add', () => {
        const en = withLocale(ENGLISH, 'en-US');
        const ko = withLocale(KOREAN, 'ko-KR');
        const params = { app: 'Service Console', profiles: 'SimplyChat Agent' };
        expect(reasonText(en, { key: 'fix.agentApps.addUtility', params })).toBe(
            "In Setup, open App Manager, find the app Service Console and choose Edit from its row's menu; under App Settings open Utility Items (Desktop Only), click Add Utility Item, choose Omni-Channel and save (for SimplyChat Agent)."
        );
        for (const key of ['fix.agentApps.addUtility', 'fix.agentApps.makeConsole']) {
            const text = reasonText(ko, { key, params });
            expect(text).toContain('앱 관리자');
            expect(text).toContain('Service Console 앱');
            expect(text).toContain('유틸리티 항목(데스크톱 전용)');
            expect(text).toContain('옴니채널');
            expect(reasonText(en, { key, params })).toMatch(
                /Utility Items \(Desktop Only\), click Add Utility Item, choose Omni-Channel|Utility Items \(Desktop Only\) click Add Utility Item, choose Omni-Channel/
            );
        }
    });

    it('says how many changes wait for the API connection, with the right plural in both languages', () => {
        const en = withLocale(ENGLISH, 'en-US');
        const ko = withLocale(KOREAN, 'ko-KR');
        expect(reasonText(en, { key: 'fix.apiBlocks', params: { count: 1, items: 'busyStatus' } })).toMatch(
            /^1 change waits for this connection \(/
        );
        expect(reasonText(en, { key: 'fix.apiBlocks', params: { count: 5, items: 'busyStatus,queue' } })).toMatch(
            /^5 changes wait for this connection \(/
        );
        expect(reasonText(ko, { key: 'fix.apiBlocks', params: { count: 5, items: 'busyStatus' } })).toMatch(
            /^변경 5개가 이 연결을 기다립니다 \(/
        );
    });

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
