declare module "wink-porter2-stemmer" {
  /** Porter2 (Snowball English): the same stems as PostgreSQL's 'english' configuration. */
  export default function stem(word: string): string;
}
