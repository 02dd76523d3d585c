/**
 * What the platform accepts as text from outside, before any schema of a resource looks at it: no control
 * characters of C0 (U+0000-U+001F) other than tab, line feed and carriage return, and no DEL (U+007F). A NUL byte
 * cannot be stored in PostgreSQL text at all, and the others have no place in a name, a reason or an id; refusing them
 * at the boundary keeps every stored string printable and every log line one line.
 */

/** Whether the UTF-16 code unit `code` is one that no text from outside may hold. */
const isForbidden = (code: number): boolean =>
  (code < 0x20 && code !== 0x09 && code !== 0x0a && code !== 0x0d) || code === 0x7f;

/** Whether `text` holds a character that no input may hold (see the module's description). */
export const hasControlCharacter = (text: string): boolean => {
  for (let index = 0; index < text.length; index++) if (isForbidden(text.charCodeAt(index))) return true;
  return false;
};

/** The message of a refused string, the same wherever it stands. */
export const controlCharacterMessage = "Control characters (such as NUL) are not allowed";

/** Escapes a JSON Pointer segment (RFC 6901): `~` as `~0`, `/` as `~1`. */
const pointerSegment = (segment: string): string => segment.replaceAll("~", "~0").replaceAll("/", "~1");

/**
 * The JSON Pointers (RFC 6901) of every string in a parsed JSON value that holds a control character, and of every
 * object key that does (its path is the key's own). Empty when the value is clean. Depth-first, in document order.
 */
export const controlCharacterPaths = (value: unknown): ReadonlyArray<string> => {
  const paths: Array<string> = [];
  const walk = (node: unknown, path: string): void => {
    if (typeof node === "string") {
      if (hasControlCharacter(node)) paths.push(path);
    } else if (Array.isArray(node)) {
      for (const [index, item] of node.entries()) walk(item, `${path}/${index}`);
    } else if (node !== null && typeof node === "object") {
      for (const [key, item] of Object.entries(node)) {
        const at = `${path}/${pointerSegment(key)}`;
        if (hasControlCharacter(key)) paths.push(at);
        else walk(item, at);
      }
    }
  };
  walk(value, "");
  return paths;
};
