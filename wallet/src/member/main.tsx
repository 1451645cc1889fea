import { render } from "preact";

import { common } from "../i18n/common.js";
import { errors } from "../i18n/errors.js";
import { locale, registerSections } from "../i18n/index.js";
import { memberWallet } from "../i18n/memberWallet.js";
import { memberActivity } from "../i18n/memberActivity.js";
import { App } from "./App.js";
import "../shared/style.css";

registerSections(common, errors, memberWallet, memberActivity);
document.documentElement.lang = locale();
render(<App />, document.getElementById("app")!);

// The shell (pages, scripts, styles) works offline once visited; balances and payments need the network.
// By the build's mode, not PROD: a build made with NODE_ENV set to something else (a test runner's) is not PROD.
if ("serviceWorker" in navigator && import.meta.env.MODE === "production") {
  navigator.serviceWorker.register("./sw.js").catch(() => undefined);
}
