/**
 * Exit codes and the errors behind them. 0 ready or done; 1 items fail or changes failed; 2 usage (sf's own code
 * for flag errors); 3 the org refused the login; 4 the network or the org's server failed.
 */
import { SfError } from '@salesforce/core';
import type { Part } from './engine.js';
import { TimeoutError } from './orgApi.js';

export const EXIT = { ok: 0, failed: 1, usage: 2, auth: 3, network: 4 } as const;

const AUTH_NAMES = new Set([
    'INVALID_SESSION_ID',
    'INVALID_AUTH_HEADER',
    'INVALID_GRANT',
    'invalid_grant',
    'RefreshTokenAuthError',
    'NamedOrgNotFoundError',
    'NoAuthInfoFound',
    'NoOrgFound',
    'AuthInfoCreationError',
    'OrgDataNotAvailableError',
]);
const NETWORK_CODES = new Set([
    'ECONNREFUSED',
    'ECONNRESET',
    'ENOTFOUND',
    'EAI_AGAIN',
    'ETIMEDOUT',
    'EPIPE',
    'EHOSTUNREACH',
    'UND_ERR_SOCKET',
    'UND_ERR_CONNECT_TIMEOUT',
    'UND_ERR_HEADERS_TIMEOUT',
]);

/**
 * The errorCode of a 500 answer: Salesforce failed inside the platform (REST API "Status Codes and Error Responses";
 * the body is `[{"message": "An unexpected error occurred. Please include this ErrorId …", "errorCode":
 * "UNKNOWN_EXCEPTION"}]`, docs/org-verification.md row 90).
 */
const SERVER_CODES = new Set(['UNKNOWN_EXCEPTION']);
/** The ErrorId Salesforce puts in a 500's message ("… ErrorId if you contact support: 1234567890-12345 (-1234567)"). */
const ERROR_ID = /\d{9,}-\d{3,} \(-?\d{7,}\)/;

type Loose = { name?: string; errorCode?: string; code?: unknown; message?: string; cause?: unknown };

function chain(error: unknown): Loose[] {
    const out: Loose[] = [];
    let current: unknown = error;
    while (current && typeof current === 'object' && out.length < 5) {
        out.push(current as Loose);
        current = (current as Loose).cause;
    }
    return out;
}

export function isAuthError(error: unknown): boolean {
    return chain(error).some(
        (e) =>
            AUTH_NAMES.has(String(e.name)) ||
            AUTH_NAMES.has(String(e.errorCode)) ||
            /INVALID_SESSION_ID|Session expired or invalid|refresh token|No authorization information found/i.test(
                String(e.message)
            )
    );
}

export function isNetworkError(error: unknown): boolean {
    return chain(error).some(
        (e) =>
            e instanceof TimeoutError ||
            NETWORK_CODES.has(String(e.code)) ||
            /^ERROR_HTTP_5\d\d$/.test(String(e.name ?? e.errorCode)) ||
            SERVER_CODES.has(String(e.errorCode ?? e.name)) ||
            ERROR_ID.test(String(e.message)) ||
            /^(fetch failed|socket hang up|Unexpected token|Non-whitespace before first tag|Unexpected end of JSON input)/.test(
                String(e.message)
            ) ||
            e instanceof SyntaxError
    );
}

export function isAuthOrNetworkError(error: unknown): boolean {
    return isAuthError(error) || isNetworkError(error);
}

/** A usage error: bad input, caught before anything is written. */
export function usageError(message: string, actions: string[] = []): SfError {
    return new SfError(message, 'UsageError', actions, EXIT.usage);
}

/** The ErrorId of a server failure, for Salesforce Support; undefined when the answer carried none. */
export function errorIdOf(error: unknown): string | undefined {
    for (const e of chain(error)) {
        const found = ERROR_ID.exec(String(e.message));
        if (found) return found[0];
    }
    return undefined;
}

/**
 * What the cause chain says, as one line of text for the JSON error's `data`. The raw error is never kept as the
 * SfError's cause: sf turns a TypeError ("fetch failed") or an ErrorId anywhere in the cause chain into its own exit
 * codes 10 and 20, and the documented 3 and 4 would be lost.
 */
export function causeText(error: unknown): string {
    return chain(error)
        .map((e) => {
            const name = String(e.errorCode ?? e.name ?? 'Error');
            const code = typeof e.code === 'string' ? ` [${e.code}]` : '';
            return `${name}${code}: ${String(e.message ?? '').replace(ERROR_ID, 'ErrorId <see actions>')}`;
        })
        .join(' <- ');
}

/** The first message of the chain without an ErrorId and without the word sf reads as a TypeError. */
function detailOf(error: unknown): string {
    const first = chain(error)[0] ?? {};
    return String(first.message ?? error)
        .replace(ERROR_ID, '')
        .replace(/\bTypeError\b:?\s*/g, '')
        .replace(/[\s:]+$/, '')
        .split('\n')[0];
}

/** Turns what failed while talking to the org into an SfError with its exit code and what to do. */
export function orgError(error: unknown, targetOrg: string): SfError {
    if (error instanceof SfError && typeof error.exitCode === 'number' && error.exitCode >= 2) return error;
    const first = chain(error)[0] ?? {};
    const detail = detailOf(error);
    const data = { cause: causeText(error) };
    if (isAuthError(error)) {
        const noLogin = /No authorization information found|NamedOrgNotFound|NoAuthInfoFound/.test(
            `${String(first.message)} ${String(first.name)}`
        );
        const auth = new SfError(
            noLogin
                ? `The Salesforce CLI has no login for ${targetOrg}. Nothing was read or changed.`
                : `The org refused the login for ${targetOrg}: ${detail}`,
            'AuthenticationError',
            [`Log in again: sf org login web --alias ${targetOrg}`, 'Or pick another org: --target-org <alias>'],
            EXIT.auth
        );
        auth.setData(data);
        return auth;
    }
    if (isNetworkError(error)) {
        const timeout = chain(error).find((e) => e instanceof TimeoutError) as TimeoutError | undefined;
        const errorId = errorIdOf(error);
        const network = new SfError(
            timeout
                ? `${timeout.message} The org or the network is not answering.`
                : `The org could not be reached or answered with a server error: ${detail || String(first.name)}`,
            'NetworkError',
            [
                'Check the network connection and the org instance URL (sf org display --target-org ' +
                    targetOrg +
                    ').',
                'Check https://status.salesforce.com, then run the command again: nothing is half-read.',
                ...(errorId ? [`Salesforce Support can trace this failure by its ErrorId: ${errorId}`] : []),
            ],
            EXIT.network
        );
        network.setData({ ...data, ...(errorId ? { errorId } : {}) });
        return network;
    }
    const other = new SfError(detail, String(first.name ?? 'Error'), [], EXIT.failed);
    other.setData(data);
    return other;
}

/**
 * A refused read as an unavailable part, the same for every reader: the org's refusal of access or of an object it
 * does not have is `noAccess`, anything else `queryFailed`. A network or login failure is not a part's answer: it
 * ends the read (thrown again).
 */
export function unavailablePart<T>(error: unknown): Part<T> {
    if (isAuthOrNetworkError(error)) throw error;
    const e = error as { errorCode?: string; name?: string; message?: string };
    const refused = /INSUFFICIENT_ACCESS|NOT_FOUND|FORBIDDEN|INVALID_TYPE/.test(`${e.errorCode ?? ''} ${e.name ?? ''}`);
    return { status: 'unavailable', code: refused ? 'noAccess' : 'queryFailed', message: String(e.message ?? error) };
}
