/**
 * Text in the user's language: label templates with their parameters, plurals, numbers and dates as the user's
 * locale writes them, reasons (a label key and its parameters) and errors from the server. One module for every
 * place that shows text, so they say the same words: the setup tab (as the LWC module c/setupText), its Agents view
 * and the installer CLI (which imports this file and passes the English labels of config/labels/setup-labels.json).
 *
 * No import from the engine: a reason here is any `{ key, params }`, which is the engine's Reason by shape, so the
 * CLI loads this file without the LWC module names.
 */

/** Label key → template, in one language; the reserved key LOCALE_KEY carries the locale. */
export type Labels = Readonly<Record<string, string>>;

/** A parameter of a label template. */
export type TextParam = string | number;

export type TextParams = Readonly<Record<string, TextParam>>;

/** A message to show: a label key and its parameters (the engine's Reason, by shape). */
export interface Message {
    readonly key: string;
    readonly params: TextParams;
}

/** An error about one of the admin's choices, as text. */
export interface ChoiceErrorView {
    readonly field: string;
    readonly text: string;
}

/** The reserved key under which the labels carry the user's locale (numbers and plurals follow it). */
export const LOCALE_KEY = '@locale';

/** The labels for a user: the texts plus the locale (e.g. from @salesforce/i18n/locale). */
export function withLocale(labels: Labels, locale: string): Labels {
    return { ...labels, [LOCALE_KEY]: locale };
}

/** A BCP 47 tag as @salesforce/i18n/locale gives it (en-US, ko-KR, zh-Hant-TW). */
const LOCALE_PATTERN = /^[A-Za-z]{2,3}(?:-[A-Za-z0-9]{2,8})*$/;

/** The locale the labels carry; en-US when they carry none or one that is not a locale tag. */
export function localeOf(labels: Labels): string {
    const locale = labels[LOCALE_KEY] ?? '';
    return LOCALE_PATTERN.test(locale) ? locale : 'en-US';
}

/** Intl formatters are costly to build (a picker page formats 100 numbers per keystroke): one per locale. */
const NUMBER_FORMATS = new Map<string, Intl.NumberFormat>();
const PLURAL_RULES = new Map<string, Intl.PluralRules>();

function cached<T>(cache: Map<string, T>, locale: string, make: (locale: string) => T): T {
    let value = cache.get(locale);
    if (!value) {
        value = make(locale);
        cache.set(locale, value);
    }
    return value;
}

/** A number as the user's locale writes it (1,000 in English; Korean writes it the same way). */
export function formatNumber(labels: Labels, value: number): string {
    return cached(NUMBER_FORMATS, localeOf(labels), (l) => new Intl.NumberFormat(l)).format(value);
}

/** A {parameter}, with the Korean particle written after it in both forms, e.g. {name}을(를). */
const PLACEHOLDER = /\{(\w+)\}(을\(를\)|이\(가\)|은\(는\)|와\(과\)|\(으\)로)?/g;

/**
 * A label with its {parameters} filled in; a missing label shows its key (a visible bug, never a blank). When a
 * `count` parameter is given and the locale's plural rule picks "one", the label `key.one` is used if it exists
 * (English: "The change was made." rather than "All 1 changes were made."; Korean has no "one" form and keeps
 * the key's own text). Numbers follow the user's locale.
 */
export function format(labels: Labels, key: string, params: TextParams = {}): string {
    let template = labels[key] ?? key;
    if (typeof params.count === 'number') {
        const rule = cached(PLURAL_RULES, localeOf(labels), (l) => new Intl.PluralRules(l)).select(params.count);
        template = labels[`${key}.${rule}`] ?? template;
    }
    return template.replace(PLACEHOLDER, (whole, name: string, particle: string | undefined) => {
        if (!(name in params)) return whole;
        const value = params[name];
        const text = typeof value === 'number' ? formatNumber(labels, value) : String(value);
        return particle ? text + koreanParticle(text, particle) : text;
    });
}

/** Each two-form particle: the form after a final consonant, the form after a vowel. */
const PARTICLES: Readonly<Record<string, readonly [string, string]>> = {
    '을(를)': ['을', '를'],
    '이(가)': ['이', '가'],
    '은(는)': ['은', '는'],
    '와(과)': ['과', '와'],
    '(으)로': ['으로', '로'],
};

/**
 * The final sound of a word, when it is known: 'vowel', 'rieul' (ㄹ, which takes 로 like a vowel) or 'consonant'.
 * A Hangul syllable says it itself; a number ends as its Sino-Korean reading (1 일, 2 이, 10 십, 1,000 천).
 * Anything else (a Latin API name, a bracket) is not known, and the particle keeps both forms.
 */
function finalSound(text: string): 'vowel' | 'rieul' | 'consonant' | undefined {
    const last = text.trim().slice(-1);
    const code = last.charCodeAt(0);
    if (code >= 0xac00 && code <= 0xd7a3) {
        const final = (code - 0xac00) % 28;
        if (final === 0) return 'vowel';
        return final === 8 ? 'rieul' : 'consonant';
    }
    const digits = text.trim().replace(/,/g, '');
    if (/^\d+$/.test(digits)) {
        const lastDigit = digits.slice(-1);
        // 0 ends as 영, 십, 백, 천 or 만: every one of them with a final consonant.
        if (lastDigit === '0') return 'consonant';
        return ({ 1: 'rieul', 7: 'rieul', 8: 'rieul', 3: 'consonant', 6: 'consonant' } as const)[lastDigit] ?? 'vowel';
    }
    return undefined;
}

/** The particle that fits the word before it (을 or 를, 으로 or 로 …), or both forms when that is not known. */
export function koreanParticle(word: string, particle: string): string {
    const forms = PARTICLES[particle];
    const sound = finalSound(word);
    if (!forms || !sound) return particle;
    if (particle === '(으)로') return sound === 'consonant' ? forms[0] : forms[1];
    return sound === 'vowel' ? forms[1] : forms[0];
}

/** A checklist item's title (`ui.item.<id>`). */
export function itemTitle(labels: Labels, id: string): string {
    return format(labels, `ui.item.${id}`);
}

/** A reason as text; lists of item ids (blocked by …) become their titles. */
export function reasonText(labels: Labels, reason: Message): string {
    const params: Record<string, TextParam> = { ...reason.params };
    if (typeof params.items === 'string') {
        params.items = params.items
            .split(',')
            .filter((id) => id)
            .map((id) => itemTitle(labels, id))
            .join(', ');
    }
    return format(labels, reason.key, params);
}

/** How many names a list in a reason shows before "and N more". */
export const LIST_LIMIT = 10;

/** Reason parameters that hold a list of names, joined with ", " by the engine. */
const LIST_PARAMS: readonly string[] = [
    'profiles',
    'statuses',
    'apps',
    'names',
    'groups',
    'permissionSets',
    'carryingLabels',
    'channels',
    'objects',
];

/** A reason whose long lists are cut: the text shown, the full text behind the expander, and whether it was cut. */
export interface CutText {
    readonly text: string;
    readonly full: string;
    readonly cut: boolean;
}

/**
 * A reason as text with each list longer than `limit` names cut to the first names and "and N more" (the plural
 * of the label's locale); `full` names every one, for an expander. Short lists leave `text` and `full` the same.
 */
export function cutReasonText(labels: Labels, reason: Message, limit: number = LIST_LIMIT): CutText {
    const full = reasonText(labels, reason);
    let cut = false;
    const params: Record<string, TextParam> = { ...reason.params };
    for (const key of LIST_PARAMS) {
        const value = params[key];
        if (typeof value !== 'string') continue;
        const list = value.split(', ');
        if (list.length <= limit) continue;
        cut = true;
        const more = format(labels, 'ui.plan.more', { count: list.length - limit });
        params[key] = `${list.slice(0, limit).join(', ')} ${more}`;
    }
    return cut ? { text: reasonText(labels, { key: reason.key, params }), full, cut } : { text: full, full, cut };
}

/** How many rows of one kind of record change a plan names before "and N more". */
export const RECORD_ROWS_LIMIT = 3;

/**
 * One kind of record change of a planned change as text (the engine's RecordChangeText, by shape): the count, then
 * what the first `limit` rows link, then "and N more"; `full` names every row, for an expander. The plan dialog and
 * the CLI's `fix --dry-run` both write it, so they say the same words.
 */
export function recordChangeText(
    labels: Labels,
    change: { readonly summary: Message; readonly rows: readonly Message[] },
    limit: number = RECORD_ROWS_LIMIT
): CutText {
    const summary = reasonText(labels, change.summary);
    const rows = change.rows.map((row) => reasonText(labels, row));
    const line = (shown: readonly string[]): string => {
        return shown.length > 0 ? format(labels, 'ui.plan.recordRows', { summary, rows: shown.join('; ') }) : summary;
    };
    const full = line(rows);
    if (rows.length <= limit) return { text: full, full, cut: false };
    const more = format(labels, 'ui.plan.more', { count: rows.length - limit });
    return { text: `${line(rows.slice(0, limit))} ${more}`, full, cut: true };
}

/** A date and time (ISO 8601) as the user's locale writes it; the text as it is when it is not a date. */
export function formatTime(labels: Labels, iso: string): string {
    const date = new Date(iso);
    if (Number.isNaN(date.getTime())) return iso;
    return new Intl.DateTimeFormat(localeOf(labels), { dateStyle: 'medium', timeStyle: 'short' }).format(date);
}

/** An error from an Apex call, in the user's language: SetupError's JSON payload, else the platform's message. */
export function serverError(labels: Labels, error: unknown): { message: string; fieldErrors: ChoiceErrorView[] } {
    const body = (error as { body?: { message?: string } } | undefined)?.body;
    const raw = body?.message ?? (error instanceof Error ? error.message : String(error));
    try {
        const payload = JSON.parse(raw) as {
            key?: string;
            params?: Record<string, TextParam>;
            choiceErrors?: { field: string; reason: Message }[];
        };
        if (typeof payload.key === 'string') {
            return {
                message: reasonText(labels, { key: payload.key, params: payload.params ?? {} }),
                fieldErrors: (payload.choiceErrors ?? []).map((e) => ({
                    field: e.field,
                    text: reasonText(labels, e.reason),
                })),
            };
        }
    } catch {
        // not a SetupError payload: show the platform's message as it is
    }
    return { message: raw, fieldErrors: [] };
}
