/** The preview's language, from the URL (?lang=ko): the platform would use the user's language. */
export function currentLanguage(): 'en' | 'ko' {
    return new URLSearchParams(window.location.search).get('lang') === 'ko' ? 'ko' : 'en';
}

/** The text of one Custom Label in the current language (the preview's stand-in for @salesforce/label). */
export function label(texts: { en: string; ko: string }): string {
    return texts[currentLanguage()];
}
