/**
 * Stand-in for lightning/platformShowToastEvent: same constructor (title, message, variant, mode), shown with the
 * base components' own toast, as Lightning Experience would.
 */
import Toast from 'lightning/toast';

const EVENT = 'preview__showtoast';

export interface ToastInit {
    title?: string;
    message?: string;
    variant?: 'info' | 'success' | 'warning' | 'error';
    mode?: 'dismissible' | 'pester' | 'sticky';
}

export class ShowToastEvent extends CustomEvent<ToastInit> {
    constructor(init: ToastInit) {
        super(EVENT, { bubbles: true, composed: true, detail: init });
    }
}

const flag = window as unknown as { __previewToasts?: boolean };
if (!flag.__previewToasts) {
    flag.__previewToasts = true;
    document.addEventListener(EVENT, (event) => {
        const { title, message, variant = 'info', mode = 'dismissible' } = (event as CustomEvent<ToastInit>).detail;
        (Toast as unknown as { show: (config: Record<string, unknown>) => void }).show({
            label: title,
            message,
            variant,
            mode,
        });
    });
}
