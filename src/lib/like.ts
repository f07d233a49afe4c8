/**
 * LIKE patterns from typed text: `%`, `_` and `\` typed into a search box are searched for as
 * themselves (PostgreSQL's default escape character is the backslash).
 */
export const escapeLike = (text: string) => text.replace(/[\\%_]/g, (c) => `\\${c}`);

/** The pattern of "contains the text". */
export const likeContaining = (text: string) => `%${escapeLike(text)}%`;
