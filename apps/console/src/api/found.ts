import { ApiError } from "@comensha/sdk";

/** What a read by id answered, or `null` when the API said `404` (no such thing, or not the caller's to see). */
export const foundOrNull = async <T>(read: Promise<T>): Promise<T | null> => {
  try {
    return await read;
  } catch (error) {
    if (error instanceof ApiError && error.status === 404) return null;
    throw error;
  }
};
