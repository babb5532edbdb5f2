/**
 * Whether a question is in a language the offline assistant does not serve. It reads English
 * only: its terms, stemmer and synonyms are English, and a Korean or Spanish question would
 * match nothing but numbers and names — so it says which language it answers in instead of
 * quoting unrelated passages. Two signals: most letters outside the Latin script, or more
 * common words of another language than of English.
 */
const FOREIGN_WORDS = new Set(
  // Spanish, French, German, Italian, Portuguese, Dutch: frequent words that are not English.
  "el los las del que por para cómo como cuánto cuanto dónde donde cuándo puedo tiene tienen envío envio pedido qué una uno está mis sus une avec sans dans sur je vous nous mon mes combien comment où quand livraison commande est-ce der das und ist nicht ich sie wie wo wann mein meine kann können versand bestellung ein eine mit für auf di che non sono ho mio mia quanto dove spedizione ordine não nao uma meu minha quanto onde envio encomenda het een ik wat waar mijn bestelling verzending".split(
    " ",
  ),
);
const ENGLISH_WORDS = new Set(
  "the a an and is are do does can i you my your how what when where why which it to of in on for with be will have has there this that at or not from".split(
    " ",
  ),
);

export function isUnservedLanguage(text: string): boolean {
  const letters = text.match(/\p{L}/gu) ?? [];
  if (!letters.length) return false;
  const latin = letters.filter((l) => /\p{Script=Latin}/u.test(l)).length;
  if (latin / letters.length < 0.5) return true;
  const words = text.toLowerCase().match(/[\p{L}'-]+/gu) ?? [];
  const foreign = words.filter((w) => FOREIGN_WORDS.has(w) && !ENGLISH_WORDS.has(w)).length;
  const english = words.filter((w) => ENGLISH_WORDS.has(w)).length;
  return foreign >= 2 && foreign > english;
}
