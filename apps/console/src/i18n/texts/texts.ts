/** The texts of one feature in another language: the same keys as the Dutch ones, any wording. */
export type TextsOf<T> = { readonly [K in keyof T]: string };
