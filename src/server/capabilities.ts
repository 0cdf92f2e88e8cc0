/** `source.fixAll.clusterplan`, for VS Code's `editor.codeActionsOnSave`: every safe fix at once. */
export const FIX_ALL_KIND = 'source.fixAll.clusterplan';
/** Completion opens by itself after a quote (a name, a value) and after a colon (a value). */
export const TRIGGER_CHARACTERS = ['"', ':'] as const;
