import { CONNECTION } from 'c/connectionView';

const fs = require('node:fs');
const path = require('node:path');

const README: string = fs.readFileSync(path.join(__dirname, '..', '..', '..', '..', '..', '..', 'README.md'), 'utf8');

describe('the OAuth scopes: one source', () => {
    it('the connection assistant asks for the scopes the README gives, including id for the userinfo check', () => {
        expect(CONNECTION.scopes.split(' ')).toEqual(expect.arrayContaining(['api', 'refresh_token', 'id']));
        const given = [...README.matchAll(/scopes? `([a-z_ ]+)`/g)].map((m) => m[1]);
        expect(given.length).toBeGreaterThanOrEqual(2);
        expect(given.every((scopes) => scopes === CONNECTION.scopes)).toBe(true);
    });
});
