// Starts Swagger UI (vendored from the npm package swagger-ui-dist) on the app's OpenAPI schema.
// A separate file, not an inline script, so the page works under the app's Content-Security-Policy.
window.addEventListener("load", function () {
  var root = document.getElementById("swagger-ui");
  window.ui = SwaggerUIBundle({ url: root.getAttribute("data-openapi"), dom_id: "#swagger-ui" });
});
