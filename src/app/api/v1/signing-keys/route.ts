import { publishedKeys } from '@/config/signing-key';

/**
 * GET /api/v1/signing-keys — the public keys that verify certificate signatures: the current one first
 * (`current: true`), then retired ones still valid for older versions. Ed25519, SPKI PEM; a signature is
 * over the 32 raw bytes of the version's SHA-256 digest.
 */
export function GET(): Response {
  const keys = publishedKeys().map((k) => ({ keyId: k.keyId, algorithm: 'Ed25519', publicKeyPem: k.publicKeyPem, current: k.current }));
  return Response.json({ keys }, { headers: { 'Cache-Control': 'public, max-age=300', 'X-Content-Type-Options': 'nosniff' } });
}
