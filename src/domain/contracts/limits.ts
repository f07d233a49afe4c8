/** The import's limits (decision 068), pure: the pages state them, file.ts holds a file to them. */
export const MAX_FILE_MB = 5;
export const MAX_FILE_BYTES = MAX_FILE_MB * 1024 * 1024;
export const MAX_ROWS = 20_000;
/** Errors kept for the preview (the count is always exact). */
export const MAX_LISTED_ERRORS = 1_000;
