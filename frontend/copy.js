// Copies the built JavaScript and the assets nisi uses into src/nisi/web/static (committed).
const fs = require("fs");
const path = require("path");
const out = path.join(__dirname, "..", "src", "nisi", "web", "static");
const copy = (from, to) => {
  fs.mkdirSync(path.dirname(path.join(out, to)), { recursive: true });
  fs.cpSync(path.join(__dirname, "node_modules", from), path.join(out, to), { recursive: true });
};
copy("govuk-frontend/dist/govuk/govuk-frontend.min.js", "govuk/govuk-frontend.min.js");
copy("govuk-frontend/dist/govuk/assets/images", "govuk/assets/images");
copy("htmx.org/dist/htmx.min.js", "nisi/htmx.min.js");
const vendor = path.join(__dirname, "..", "tests", "browser", "vendor");
fs.mkdirSync(vendor, { recursive: true });
fs.cpSync(path.join(__dirname, "node_modules", "axe-core", "axe.min.js"), path.join(vendor, "axe.min.js"));
// Leaflet draws the map of industrialization over region shapes shipped with the project (no tile server).
copy("leaflet/dist/leaflet.js", "leaflet/leaflet.js");
copy("leaflet/dist/leaflet.css", "leaflet/leaflet.css");
copy("leaflet/LICENSE", "leaflet/LICENSE");
copy("leaflet/dist/images", "leaflet/images");
