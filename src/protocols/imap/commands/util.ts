/** The state sets commands declare (RFC 3501 6.1-6.4); their types narrow the handler's context. */

/** Every state in which a command can be read (RFC 3501 6.1: "any state"). */
export const ANY_STATE = ['not authenticated', 'authenticated', 'selected'] as const;
export const NOT_AUTHENTICATED = ['not authenticated'] as const;
export const AUTHENTICATED = ['authenticated', 'selected'] as const;
export const SELECTED = ['selected'] as const;
