// Platform modules that @salesforce/lightning-types does not declare.
// An exact module name (e.g. '@salesforce/apex/SimplyChatSetupController.getSnapshot') declared in a later
// issue takes precedence over the wildcards below, so typed Apex signatures can be added one by one.

declare module '@salesforce/apex/*' {
    import type { WireAdapterConstructor } from 'lwc';
    const apexMethod: ((params?: Record<string, unknown>) => Promise<unknown>) &
        WireAdapterConstructor<Record<string, unknown>, { data?: unknown; error?: unknown }>;
    export default apexMethod;
}

declare module 'lightning/platformShowToastEvent' {
    export interface ToastInit {
        title?: string;
        message?: string;
        messageData?: unknown[];
        variant?: 'info' | 'success' | 'warning' | 'error';
        mode?: 'dismissible' | 'pester' | 'sticky';
    }
    export class ShowToastEvent extends CustomEvent<ToastInit> {
        constructor(init: ToastInit);
    }
}

declare module '@salesforce/label/*' {
    const label: string;
    export default label;
}

declare module '@salesforce/i18n/lang' {
    const lang: string;
    export default lang;
}

declare module '@salesforce/schema/*' {
    const field: { fieldApiName: string; objectApiName: string };
    export default field;
}
