"use client";

import { useEffect } from "react";

/**
 * Marks and scrolls to the passage named by the URL's hash (#passage-N). CSS `:target` covers a
 * page opened from a link; this also covers client-side navigation and later hash changes, which
 * do not always update `:target`, and moves focus there so a screen reader starts reading at it.
 */
export function CitedPassage() {
  useEffect(() => {
    const show = () => {
      for (const element of document.querySelectorAll("[data-cited]")) element.removeAttribute("data-cited");
      const id = decodeURIComponent(window.location.hash.slice(1));
      const passage = id.startsWith("passage-") ? document.getElementById(id) : null;
      if (!passage) return;
      passage.setAttribute("data-cited", "");
      const smooth = !window.matchMedia("(prefers-reduced-motion: reduce)").matches;
      passage.scrollIntoView({ block: "start", behavior: smooth ? "smooth" : "auto" });
      passage.focus({ preventScroll: true });
    };
    show();
    window.addEventListener("hashchange", show);
    return () => window.removeEventListener("hashchange", show);
  }, []);
  return null;
}
