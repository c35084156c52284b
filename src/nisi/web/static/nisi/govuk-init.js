// Starts govuk-frontend's components (loaded as a module: browsers without modules keep the plain HTML).
import { initAll } from "../govuk/govuk-frontend.min.js";

initAll();
