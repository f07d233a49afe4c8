/** Responses of the route handlers that serve files. */

export const notFoundResponse = () =>
  Response.json({ error: { code: 'NOT_FOUND', message: 'お探しの情報は見つかりませんでした。' } }, { status: 404 });

/**
 * A download (never shown inline): RFC 6266/5987 names — an ASCII fallback and the UTF-8 name
 * (日本語のファイル名) — no sniffing, no caching of what may carry a key.
 */
function attachmentHeaders(filename: string, contentType: string): Record<string, string> {
  const fallback = filename.replace(/[^\x20-\x7e]|["\\]/g, '_');
  const encoded = encodeURIComponent(filename).replace(/['()*]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`);
  return {
    'Content-Type': contentType,
    'Content-Disposition': `attachment; filename="${fallback}"; filename*=UTF-8''${encoded}`,
    'X-Content-Type-Options': 'nosniff',
    'Cache-Control': 'private, no-store',
  };
}

export function fileResponse(bytes: Uint8Array, filename: string, contentType: string): Response {
  return new Response(new Uint8Array(bytes), {
    headers: { ...attachmentHeaders(filename, contentType), 'Content-Length': String(bytes.byteLength) },
  });
}

/**
 * A download produced piece by piece (no Content-Length: chunked): each piece is read from `chunks`
 * only when the client has taken the one before (pull), so memory stays flat whatever the size. A
 * failure half-way aborts the response (the client sees a broken download, never a short file that
 * looks whole); the generator is closed if the client goes away.
 */
export function streamResponse(chunks: AsyncGenerator<string>, filename: string, contentType: string): Response {
  const encoder = new TextEncoder();
  const body = new ReadableStream<Uint8Array>({
    async pull(controller) {
      const next = await chunks.next();
      if (next.done) controller.close();
      else controller.enqueue(encoder.encode(next.value));
    },
    async cancel() {
      await chunks.return(undefined);
    },
  });
  return new Response(body, { headers: attachmentHeaders(filename, contentType) });
}

/** A document that cannot be made (e.g. a character the PDF font lacks): the reason, in Japanese. */
export const unprocessableResponse = (message: string) =>
  new Response(`${message}\n保証会社の取次場所へお問い合わせください。`, {
    status: 422,
    headers: { 'Content-Type': 'text/plain; charset=utf-8', 'X-Content-Type-Options': 'nosniff' },
  });

/**
 * A document the caller may see but that is no longer to be handed out in the record's present state
 * (e.g. the key notice of a guarantee 解除 or 期間満了): 409 with the reason, in Japanese.
 */
export const conflictResponse = (message: string) =>
  new Response(message, {
    status: 409,
    headers: { 'Content-Type': 'text/plain; charset=utf-8', 'X-Content-Type-Options': 'nosniff', 'Cache-Control': 'no-store' },
  });
