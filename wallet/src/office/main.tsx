import { render } from "preact";

import { common } from "../i18n/common.js";
import { errors } from "../i18n/errors.js";
import { locale, registerSections } from "../i18n/index.js";
import { officeTreasury } from "../i18n/officeTreasury.js";
import { officeAudit } from "../i18n/officeAudit.js";
import { App } from "./App.js";
import "../shared/style.css";

registerSections(common, errors, officeTreasury, officeAudit);
document.documentElement.lang = locale();
render(<App />, document.getElementById("app")!);
