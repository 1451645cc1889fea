import { render } from "preact";

import { locale } from "../i18n/index.js";
import { App } from "./App.js";
import "../shared/style.css";

document.documentElement.lang = locale();
render(<App />, document.getElementById("app")!);

// The shell (pages, scripts, styles) works offline once visited; balances and payments need the network.
if ("serviceWorker" in navigator && import.meta.env.PROD) {
  navigator.serviceWorker.register("./sw.js").catch(() => undefined);
}
