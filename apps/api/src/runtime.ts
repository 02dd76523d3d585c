import type { storageLayer } from "@comensha/db";
import type { Layer, ManagedRuntime } from "effect";

/** The services every request can use: the storage layer's output. */
export type AppServices = Layer.Success<ReturnType<typeof storageLayer>>;

/** The runtime the API runs its Effects on: built once at start-up, disposed at shutdown. */
export type AppRuntime = ManagedRuntime.ManagedRuntime<AppServices, unknown>;
