/**
 * A replica's defect of GEN-VAL-007, shared by the roles that store names: the four items as a
 * legacy character set (JIS X 0208) keeps them, the kanji name with 〓 (geta) for each character
 * outside the BMP (𠮷, 𩸽).
 */
export function withLegacyName<Items extends { readonly name: { readonly kanji: string } }>(
  items: Items,
): Items {
  const kanji = items.name.kanji.replace(/[\u{10000}-\u{10FFFF}]/gu, '〓');
  return { ...items, name: { ...items.name, kanji } };
}
