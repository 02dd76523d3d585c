import { createContext, type ParentProps, useContext } from "solid-js";
import type { ConsoleApi } from "./api.js";

const ApiContext = createContext<ConsoleApi>();

/** Gives the components below it the API: the SDK in the app, a fake in tests. */
export const ApiProvider = (props: ParentProps<{ api: ConsoleApi }>) => (
  <ApiContext.Provider value={props.api}>{props.children}</ApiContext.Provider>
);

export const useApi = (): ConsoleApi => {
  const api = useContext(ApiContext);
  if (api === undefined) throw new Error("useApi outside ApiProvider");
  return api;
};
