import { serverError } from 'c/setupText';
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
