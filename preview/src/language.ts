/** The preview's language, from the URL (?lang=ko): the platform would use the user's language. */
export function currentLanguage(): 'en' | 'ko' {
    return new URLSearchParams(window.location.search).get('lang') === 'ko' ? 'ko' : 'en';
}

/** The user's locale for numbers and dates (the platform's @salesforce/i18n/locale). */
export function currentLocale(): string {
    return currentLanguage() === 'ko' ? 'ko-KR' : 'en-US';
}

/** The text of one Custom Label in the current language (the preview's stand-in for @salesforce/label). */
export function label(texts: { en: string; ko: string }): string {
    return texts[currentLanguage()];
}

/** The preview's own words (its banner and menus, not the tab's), in English and Korean. */
export const PREVIEW_TEXT = {
    en: {
        appName: 'SimplyChat Setup — local preview',
        scenarios: 'Scenarios',
        banner: 'Simulated org: {scenario}. Nothing here reads or changes a Salesforce org; a reload starts the scenario again.',
        language: 'Language',
    },
    ko: {
        appName: 'SimplyChat 설정 — 로컬 미리 보기',
        scenarios: '시나리오',
        banner: '시뮬레이션 조직: {scenario}. 여기서는 Salesforce 조직을 읽거나 변경하지 않으며, 새로 고치면 시나리오가 처음부터 다시 시작됩니다.',
        language: '언어',
    },
} as const;

/** Korean names of the scenarios (samples/scenarios.ts names them in English). */
export const SCENARIO_TITLES_KO: Readonly<Record<string, string>> = {
    fresh: '새 조직 (옴니채널 꺼짐)',
    empty: '옴니채널 켜짐, 설정 없음',
    partly: '일부 설정됨',
    full: '모두 설정됨',
    fullAgentsNotReady: '설정됨, 그러나 상담원 2명이 채팅을 받지 못함 (사용자 수준 구성)',
    shared: '옴니채널이 이미 다른 팀을 지원함',
    sharedRouting: '다른 팀의 대기열과 공유하는 라우팅 구성',
    profiles1000: '상담원 프로필 1,000개',
    readOnly: '읽기 전용 사용자',
    apiMissing: 'API 연결 없음',
    apiFailures: '일부 작업에서 API 실패',
    agentsNotReady: '이유별로 준비되지 않은 상담원',
    agents10000: '상담원 10,000명',
    liveFree: '채팅 대기 중, 상담원 온라인이며 여유 있음',
    liveAtCapacity: '채팅 대기 중, 모든 상담원 업무량 한도 도달',
    liveNobody: '채팅 대기 중, 온라인 상담원 없음',
    liveNotInQueue: '채팅 대기 중, 상담원이 온라인이지만 큐에 없음',
};
