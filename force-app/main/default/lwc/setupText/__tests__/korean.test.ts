import { format, koreanParticle, withLocale } from 'c/setupText';
import { ENGLISH, KOREAN } from './testLabels';

const KO = withLocale(KOREAN, 'ko-KR');

describe('Korean particles after a parameter', () => {
    it('picks the form that fits a Hangul word, a number or ㄹ, and keeps both forms for a Latin name', () => {
        expect(koreanParticle('라우팅 구성', '을(를)')).toBe('을');
        expect(koreanParticle('SimplyChat 서비스 채널', '을(를)')).toBe('을');
        expect(koreanParticle('다른 용무 중 현재 상태', '을(를)')).toBe('를');
        expect(koreanParticle('상태', '이(가)')).toBe('가');
        expect(koreanParticle('대기열', '(으)로')).toBe('로');
        expect(koreanParticle('구성', '(으)로')).toBe('으로');
        expect(koreanParticle('플로우', '(으)로')).toBe('로');
        expect(koreanParticle('상태', '와(과)')).toBe('와');
        expect(koreanParticle('그룹', '와(과)')).toBe('과');
        expect(koreanParticle('5', '(으)로')).toBe('로');
        expect(koreanParticle('3', '(으)로')).toBe('으로');
        expect(koreanParticle('7', '(으)로')).toBe('로');
        expect(koreanParticle('1,000', '은(는)')).toBe('은');
        expect(koreanParticle('2', '은(는)')).toBe('는');
        expect(koreanParticle('SimplyChat', '이(가)')).toBe('이(가)');
        expect(koreanParticle('Chat_Queue', '(으)로')).toBe('(으)로');
    });

    it('resolves the particle in a label where the word is known', () => {
        expect(format(KO, 'fix.blocked', { items: '라우팅 구성' })).toBe('먼저 라우팅 구성을 수정하세요.');
        expect(format(KO, 'op.setCapacity', { name: 'SimplyChat', from: 3, capacity: 5 })).not.toMatch(/\(으\)로/);
        expect(format(KO, 'fix.blocked', { items: 'Chat_Queue' })).toBe('먼저 Chat_Queue을(를) 수정하세요.');
        expect(format(withLocale(ENGLISH, 'en-US'), 'fix.blocked', { items: 'Routing' })).toBe('Fix Routing first.');
    });

    it('reads as Korean where the issue found it did not', () => {
        expect(format(KO, 'ui.openInSetup', { item: '대기열' })).toBe('설정에서 대기열 열기');
        expect(KO['ui.choices.move']).not.toMatch(/현재 현재/);
        expect(KO['ui.connection.step.clientApp']).not.toMatch(/External Client App/);
        expect(KO['ui.fixAll']).toBe('모두 해결');
        expect(KO['ui.choices.title']).not.toMatch(/선택 사항/);
        // A known noun before a name ("대기열 {name}이(가)") takes the particle itself: "{name} 대기열이".
        const nounThenName =
            /(대기열|채널|플로우|라우팅 구성|공개 그룹|권한 집합|프로필|역할) \{\w+\}(을\(를\)|이\(가\)|은\(는\)|\(으\)로)/;
        expect(Object.values(KOREAN).filter((text) => nounThenName.test(text))).toEqual([]);
    });
});
