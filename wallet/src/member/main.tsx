import { render } from "preact";

import { locale } from "../i18n/index.js";
import { App } from "./App.js";
import "../shared/style.css";

document.documentElement.lang = locale();
render(<App />, document.getElementById("app")!);

// The shell (pages, scripts, styles) works offline once visited; balances and payments need the network.
// By the build's mode, not PROD: a build made with NODE_ENV set to something else (a test runner's) is not PROD.
if ("serviceWorker" in navigator && import.meta.env.MODE === "production") {
  navigator.serviceWorker.register("./sw.js").catch(() => undefined);
}
