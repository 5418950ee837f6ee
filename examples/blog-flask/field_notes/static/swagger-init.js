// Starts Swagger UI on the API docs page (templates/swagger_ui.html): a file, not an inline
// script, so that the page's Content-Security-Policy can refuse inline scripts.
window.addEventListener("load", function () {
  var container = document.getElementById("swagger-ui-container");
  window.ui = SwaggerUIBundle({ url: container.dataset.specUrl, dom_id: "#swagger-ui-container" });
});
