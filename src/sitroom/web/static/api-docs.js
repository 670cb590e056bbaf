/* The interactive API documentation: Swagger UI (the files of the fastapi-offline package, served
   from /api/docs/assets) over the spec named in #swagger-ui's data-spec. No inline script. */
(function () {
  "use strict";
  var el = document.getElementById("swagger-ui");
  if (!el || !window.SwaggerUIBundle) { return; }
  window.SwaggerUIBundle({
    url: el.getAttribute("data-spec"),
    dom_id: "#swagger-ui",
    deepLinking: true,
    tryItOutEnabled: false,
    validatorUrl: null,
    onComplete: function () { el.setAttribute("data-ready", "true"); }
  });
})();
