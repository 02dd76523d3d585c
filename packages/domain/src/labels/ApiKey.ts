/** The longest label of an API key, in characters (the domain's `ApiKey.ApiKeyLabel`). */
export const maxLabelLength = 100;
