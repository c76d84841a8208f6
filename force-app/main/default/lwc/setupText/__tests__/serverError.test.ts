import { reasonText, serverError } from 'c/setupText';
import { ENGLISH, KOREAN } from './testLabels';

describe('serverError', () => {
    it('translates a SetupError payload with its field errors', () => {
        const error = {
            body: {
                message: JSON.stringify({
                    key: 'error.invalidChoices',
                    params: { count: 1 },
                    choiceErrors: [
                        { field: 'capacity', reason: { key: 'choice.capacityRange', params: { min: 1, max: 9999 } } },
                    ],
                }),
            },
        };
        expect(serverError(KOREAN, error)).toEqual({
            message: '선택 1개가 올바르지 않습니다.',
            fieldErrors: [{ field: 'capacity', text: '1에서 9,999 사이의 정수를 입력하세요.' }],
        });
    });

    it('shows any other error as the platform gave it', () => {
        expect(serverError(ENGLISH, { body: { message: 'Insufficient Privileges' } })).toEqual({
            message: 'Insufficient Privileges',
            fieldErrors: [],
        });
        expect(serverError(ENGLISH, new Error('Network down')).message).toBe('Network down');
        expect(serverError(ENGLISH, { body: { message: '{"other":1}' } }).message).toBe('{"other":1}');
        expect(serverError(ENGLISH, 'plain').message).toBe('plain');
    });
});

describe('a refused record change', () => {
    it('reads in both languages with its status code and reference, never the platform text', () => {
        const reason = {
            key: 'apiError.dmlFailed',
            params: { code: 'FIELD_INTEGRITY_EXCEPTION', message: '0a1b2c3d4e5f' },
        };
        expect(reasonText(ENGLISH, reason)).toBe(
            'Salesforce refused the record change (FIELD_INTEGRITY_EXCEPTION, reference 0a1b2c3d4e5f). Nothing of this change was kept; retry, or give the reference to support.'
        );
        expect(reasonText(KOREAN, reason)).toContain('FIELD_INTEGRITY_EXCEPTION, 참조 0a1b2c3d4e5f');
    });
});
