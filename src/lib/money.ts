const PPM = 1_000_000n;

/** 40000000n → "40,000,000" (any size, no precision loss). */
export function formatYen(value: bigint): string {
  const negative = value < 0n;
  const digits = (negative ? -value : value).toString();
  const grouped = digits.replace(/\B(?=(\d{3})+(?!\d))/g, ',');
  return negative ? `-${grouped}` : grouped;
}

/** An exact amount in millionths of a yen → "91,999.77" (decimals only when fractional). */
export function formatMicroYen(micro: bigint): string {
  const negative = micro < 0n;
  const abs = negative ? -micro : micro;
  const whole = formatYen(abs / PPM);
  const fraction = (abs % PPM).toString().padStart(6, '0').replace(/0+$/, '');
  return `${negative ? '-' : ''}${whole}${fraction ? `.${fraction}` : ''}`;
}
