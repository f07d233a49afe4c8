/** The confirmation after a save (the action redirected here with `?saved=…`), announced politely. */
export function SavedMessage({ message }: { message: string | null | undefined }) {
  // The key comes from the URL: `?saved=__proto__` finds Object.prototype in a lookup table, not text.
  if (typeof message !== 'string' || message === '') return null;
  return (
    <p className="form-message success" role="status">
      {message}
    </p>
  );
}
