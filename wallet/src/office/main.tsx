import { render } from "preact";

import { locale } from "../i18n/index.js";
import { App } from "./App.js";
import "../shared/style.css";

document.documentElement.lang = locale();
render(<App />, document.getElementById("app")!);
