import { render } from "solid-js/web";
import { App } from "./App.js";
import { createSdkApi } from "./api.js";
import { createConsoleQueryClient } from "./queryClient.js";
import "./styles.css";

const root = document.getElementById("root");
if (root === null) throw new Error("index.html has no #root");

// The API is served from the same origin as the console (the dev server proxies /v1 to it).
const api = createSdkApi(window.location.origin);
const queryClient = createConsoleQueryClient();
render(() => <App api={api} queryClient={queryClient} />, root);
