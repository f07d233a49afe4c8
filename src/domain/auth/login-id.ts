/** お客様ID are compared case-insensitively, 全角 folded to 半角, surrounding spaces ignored. */
export function normalizeLoginId(input: string): string {
  return input.normalize('NFKC').trim().toLowerCase();
}
