/** The real label texts, from the single source, for tests in English and Korean. */
import source from '../../../../../../config/labels/setup-labels.json';

const entries = source.labels as [string, string, string][];

export const ENGLISH: Readonly<Record<string, string>> = Object.fromEntries(entries.map(([key, en]) => [key, en]));
export const KOREAN: Readonly<Record<string, string>> = Object.fromEntries(entries.map(([key, , ko]) => [key, ko]));
