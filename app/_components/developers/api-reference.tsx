"use client";

import { ApiReferenceReact } from "@scalar/api-reference-react";
import "@scalar/api-reference-react/style.css";

/**
 * Scalar's interactive reference of /api/v1, kept offline and inside our CSP: no web fonts, no
 * telemetry, no agent chat or MCP, no request proxy (the "try it" client calls this origin
 * directly, which connect-src 'self' allows), and the document from this server.
 */
export function ApiReference() {
  return (
    // The site header is sticky and 4rem (+1px border) tall: Scalar's sidebar starts below it.
    <div style={{ "--scalar-custom-header-height": "65px" } as React.CSSProperties}>
      <ApiReferenceReact
        configuration={{
          url: "/api/v1/openapi.json",
          withDefaultFonts: false,
          telemetry: false,
          agent: { disabled: true },
          mcp: { disabled: true },
          showDeveloperTools: "never",
          hideDarkModeToggle: true,
          persistAuth: false,
          layout: "modern",
        }}
      />
    </div>
  );
}
