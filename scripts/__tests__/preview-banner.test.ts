import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { SCENARIOS } from '../../samples/scenarios';
import { scenarioBanner } from '../preview';

describe('npm start banner', () => {
    it('lists every scenario of the preview menu, each with its title', () => {
        const banner = scenarioBanner();
        assert.ok(SCENARIOS.length >= 11);
        for (const s of SCENARIOS)
            assert.match(banner, new RegExp(`^  ${s.id} +${s.title.replace(/[()]/g, '\\$&')}$`, 'm'));
    });
});
