/**
 * Whether a question is in a language the offline assistant does not serve. It reads English
 * only: its terms, stemmer and synonyms are English, and a Korean or Spanish question would
 * match nothing but numbers and names — so it says which language it answers in instead of
 * quoting unrelated passages. Two signals: most letters outside the Latin script, or more
 * common words of another language than of English.
 */
const FOREIGN_WORDS = new Set(
  [
    // Spanish
    "el los las del que por para cómo como cuánto cuanto cuánta dónde donde cuándo cuando puedo puede tiene tienen envío envio envíos pedido pedidos qué una uno está estan están mi mis sus con sin hay ser tengo quiero devolver devolución reembolso tarda cuesta gastos tienda gracias hola precio tarjeta",
    // French
    "les des une pour avec sans dans sur je vous nous mon mes combien comment où quand livraison commande est-ce puis-je retour remboursement coûte frais merci bonjour prix carte votre vos",
    // German
    "der die das und ist nicht ich sie wie wo wann mein meine kann können versand bestellung ein eine einen mit für auf lange kostet rücksendung erstattung lieferung danke hallo preis karte ihr ihre",
    // Italian
    "di che per non sono ho mio mia quanto dove spedizione ordine posso reso rimborso costa grazie ciao prezzo carta il",
    // Portuguese
    "não nao com uma meu minha quanto onde encomenda posso devolução reembolso custa obrigado olá preço cartão você",
    // Dutch
    "het een ik wat hoe waar mijn bestelling verzending kan kost retour terugbetaling bedankt hallo prijs",
  ]
    .join(" ")
    .split(" "),
);
const ENGLISH_WORDS = new Set(
  "the a an and is are do does can i you my your how what when where why which it to of in on for with be will have has there this that at or not from".split(
    " ",
  ),
);

// Marks English text does not use (names may carry ñ or ß): Spanish ¿ ¡, Portuguese ã õ.
const FOREIGN_MARKS = /[¿¡ãõ]/i;

export function isUnservedLanguage(text: string): boolean {
  const letters = text.match(/\p{L}/gu) ?? [];
  if (!letters.length) return false;
  const latin = letters.filter((l) => /\p{Script=Latin}/u.test(l)).length;
  if (latin / letters.length < 0.5) return true;
  if (FOREIGN_MARKS.test(text)) return true;
  const words = text.toLowerCase().match(/[\p{L}'-]+/gu) ?? [];
  const foreign = words.filter((w) => FOREIGN_WORDS.has(w) && !ENGLISH_WORDS.has(w)).length;
  const english = words.filter((w) => ENGLISH_WORDS.has(w)).length;
  // Two at least: "Los Angeles", "Die cast", "Uno" are English questions too.
  return foreign >= 2 && foreign > english;
}
