/** The confirmation after a save (the action redirected here with `?saved=…`), announced politely. */
export function SavedMessage({ message }: { message: string | null | undefined }) {
  if (!message) return null;
  return (
    <p className="form-message success" role="status">
      {message}
    </p>
  );
}
