// Draws the safety scale chart from the Vega-Lite spec in the page (built with altair).
// ast: true makes Vega interpret expressions instead of compiling them with new Function, so
// the page's CSP needs no 'unsafe-eval'; defaultStyle: false keeps vega-embed from adding an
// inline <style> element, which the CSP would refuse.
document.addEventListener("DOMContentLoaded", function () {
  var source = document.getElementById("safety-scale-spec");
  var target = document.getElementById("safety-scale-chart");
  if (!source || !target || !window.vegaEmbed) {
    return;
  }
  var options = {
    ast: true,
    actions: false,
    renderer: "svg",
    defaultStyle: false,
    tooltip: { disableDefaultStyle: true },
  };
  window.vegaEmbed(target, JSON.parse(source.textContent), options).catch(function () {
    target.hidden = true;
  });
});
