/** Index of the quote closing a JSON string whose content starts at `from` (a quote after an even run of `\\`), or -1. */
export function closingQuote(text: string, from: number): number {
  for (let q = text.indexOf('"', from); q >= 0; q = text.indexOf('"', q + 1)) {
    let backslashes = 0;
    for (let k = q - 1; k >= from && text.charCodeAt(k) === 0x5c; k--) backslashes++;
    if (backslashes % 2 === 0) return q;
  }
  return -1;
}
