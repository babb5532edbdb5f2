"use client";

import { useEffect } from "react";

const ANCHOR = /^passage-(\d+)$/;

/**
 * Highlights the passage named by the URL's hash (#passage-N): every piece of text that passage
 * holds, overlap with its neighbours included (the pieces list it in data-passages), reveals its
 * "Cited passage" labels for screen readers, scrolls to it and moves focus there. CSS `:target`
 * alone would mark only the anchor, and client-side navigation does not always update it; the
 * page re-mounts this (key) when it renders another window of passages.
 */
export function CitedPassage() {
  useEffect(() => {
    const show = () => {
      for (const element of document.querySelectorAll("[data-cited]")) element.removeAttribute("data-cited");
      for (const label of document.querySelectorAll<HTMLElement>("[data-cited-label]")) label.hidden = true;
      // The anchor is ASCII ("passage-12"): no decoding, so a malformed "#%" cannot throw.
      const position = ANCHOR.exec(window.location.hash.slice(1))?.[1];
      const anchor = position === undefined ? null : document.getElementById(`passage-${position}`);
      if (!anchor) return;
      for (const piece of document.querySelectorAll(`[data-passages~="${position}"]`))
        piece.setAttribute("data-cited", "");
      for (const label of document.querySelectorAll<HTMLElement>(`[data-cited-label="${position}"]`))
        label.hidden = false;
      const smooth = !window.matchMedia("(prefers-reduced-motion: reduce)").matches;
      anchor.scrollIntoView({ block: "start", behavior: smooth ? "smooth" : "auto" });
      anchor.focus({ preventScroll: true });
    };
    show();
    window.addEventListener("hashchange", show);
    window.addEventListener("popstate", show);
    return () => {
      window.removeEventListener("hashchange", show);
      window.removeEventListener("popstate", show);
    };
  }, []);
  return null;
}
