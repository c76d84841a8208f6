/**
 * Exit codes and the errors behind them. 0 ready or done; 1 items fail or changes failed; 2 usage (sf's own code
 * for flag errors); 3 the org refused the login; 4 the network or the org's server failed.
 */
import { SfError } from '@salesforce/core';
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

/** Turns what failed while talking to the org into an SfError with its exit code and what to do. */
export function orgError(error: unknown, targetOrg: string): SfError {
    if (error instanceof SfError && typeof error.exitCode === 'number' && error.exitCode >= 2) return error;
    const first = chain(error)[0] ?? {};
    const detail = String(first.message ?? error);
    if (isAuthError(error)) {
        const noLogin = /No authorization information found|NamedOrgNotFound|NoAuthInfoFound/.test(
            `${detail} ${String(first.name)}`
        );
        return new SfError(
            noLogin
                ? `The Salesforce CLI has no login for ${targetOrg}. Nothing was read or changed.`
                : `The org refused the login for ${targetOrg}: ${detail}`,
            'AuthenticationError',
            [`Log in again: sf org login web --alias ${targetOrg}`, 'Or pick another org: --target-org <alias>'],
            EXIT.auth,
            error
        );
    }
    if (isNetworkError(error)) {
        const timeout = chain(error).find((e) => e instanceof TimeoutError) as TimeoutError | undefined;
        return new SfError(
            timeout
                ? `${timeout.message} The org or the network is not answering.`
                : `The org could not be reached or answered with a server error: ${detail}`,
            'NetworkError',
            [
                'Check the network connection and the org instance URL (sf org display --target-org ' +
                    targetOrg +
                    ').',
                'Check https://status.salesforce.com, then run the command again: nothing is half-read.',
            ],
            EXIT.network,
            error
        );
    }
    return new SfError(detail, String(first.name ?? 'Error'), [], EXIT.failed, error);
}
