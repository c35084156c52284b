// The map of industrialization: Kazakhstan's regions (shapes shipped with nisi, no tile server) coloured by the
// chosen figure, and each project as a point. The page's tables hold the same data for readers without the map.
(function () {
  "use strict";
  var box = document.getElementById("industrialization-map");
  var source = document.getElementById("industrialization-map-data");
  if (!box || !source || typeof L === "undefined") { return; }
  var data = JSON.parse(source.textContent);
  var legend = document.getElementById("industrialization-map-legend");
  var colours = ["#f2f7fb", "#c6dbef", "#9ecae1", "#6baed6", "#3182bd", "#08519c"];
  var values = Object.keys(data.regions).map(function (code) { return Number(data.regions[code][data.figure]); });
  var top = Math.max.apply(null, values.concat([0]));
  function colour(value) {
    if (!value || top <= 0) { return colours[0]; }
    return colours[Math.min(colours.length - 1, 1 + Math.floor((value / top) * (colours.length - 2) + 0.0001))];
  }
  var map = L.map(box, { zoomSnap: 0.25, attributionControl: true, scrollWheelZoom: false });
  map.attributionControl.setPrefix("Leaflet");
  fetch(data.shapes).then(function (r) { return r.json(); }).then(function (shapes) {
    var layer = L.geoJSON(shapes, {
      style: function (feature) {
        var region = data.regions[feature.properties.code] || {};
        return { color: "#505a5f", weight: 1, fillOpacity: 0.85, fillColor: colour(Number(region[data.figure])) };
      },
      onEachFeature: function (feature, shape) {
        var region = data.regions[feature.properties.code];
        if (!region) { return; }
        shape.bindTooltip(region.name + ": " + legend.dataset.projects + " " + region.projects + ", " +
          legend.dataset.investment + " " + region.investment + ", " + legend.dataset.jobs + " " + region.jobs);
      }
    }).addTo(map);
    map.fitBounds(layer.getBounds());
    data.projects.forEach(function (p) {
      L.circleMarker([Number(p.latitude), Number(p.longitude)], {
        radius: 5, color: "#0b0c0c", weight: 1, fillColor: "#f47738", fillOpacity: 0.9
      }).bindTooltip(p.number + " " + p.name + " (" + p.stage_label + ")").addTo(map);
    });
  });
  if (legend) {
    legend.textContent = legend.dataset.label + ": " + legend.dataset.low + " ";
    colours.forEach(function (c) {
      var swatch = document.createElement("span");
      swatch.className = "nisi-map__swatch";
      swatch.style.backgroundColor = c;
      legend.appendChild(swatch);
    });
    legend.appendChild(document.createTextNode(" " + legend.dataset.high));
  }
}());
