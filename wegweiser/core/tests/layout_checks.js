// Layout checks run inside a page by the browser tests. Returns a list of findings, each a
// short human-readable string; an empty list means the page passed.
// 1. overflow: an element with visible overflow whose content is wider than its box, or a
//    line of text that reaches outside the block that contains it;
// 2. overlap: two sibling blocks with text whose boxes cross;
// 3. isolation (right-to-left pages only): a run of Latin or Cyrillic text without Arabic
//    letters that is not isolated from its surroundings (<bdi>, dir, unicode-bidi isolate).
(() => {
  const TOLERANCE = 2;
  const findings = [];
  const root = document.querySelector("main") || document.body;
  const visible = (el) => {
    const style = getComputedStyle(el);
    if (style.visibility === "hidden" || style.display === "none") return false;
    const rect = el.getBoundingClientRect();
    return rect.width > 0 && rect.height > 0;
  };
  const describe = (el) => {
    const text = (el.innerText || el.textContent || "").trim().replace(/\s+/g, " ");
    return `<${el.tagName.toLowerCase()}${el.id ? "#" + el.id : ""}${
      el.className && typeof el.className === "string" ? "." + el.className.split(" ")[0] : ""
    }> "${text.slice(0, 60)}"`;
  };
  const isBlock = (el) => {
    const display = getComputedStyle(el).display;
    return !display.startsWith("inline") || display === "inline-block" || display === "inline-flex" || display === "inline-grid";
  };
  const blockOf = (node) => {
    let el = node.nodeType === Node.TEXT_NODE ? node.parentElement : node;
    while (el && !isBlock(el)) el = el.parentElement;
    return el;
  };
  const skip = (el) => el.closest("script, style, template, [hidden], .kern-sr-only, .ww-skip, select, option, svg");

  // 1a. Boxes whose content is wider than the box and that let it show.
  for (const el of root.querySelectorAll("*")) {
    if (skip(el) || !visible(el)) continue;
    const style = getComputedStyle(el);
    if (style.overflowX !== "visible") continue;
    if (!el.textContent.trim()) continue;
    if (["TABLE", "TBODY", "THEAD", "TR", "INPUT", "TEXTAREA", "BUTTON"].includes(el.tagName)) continue;
    if (el.scrollWidth > el.clientWidth + TOLERANCE && el.clientWidth > 0) {
      findings.push(`overflow: ${describe(el)} is ${el.scrollWidth}px wide in a box of ${el.clientWidth}px`);
    }
  }
  // 1b. Lines of text outside the block that contains them.
  const walker = document.createTreeWalker(root, NodeFilter.SHOW_TEXT);
  const textNodes = [];
  while (walker.nextNode()) {
    const node = walker.currentNode;
    if (!node.textContent.trim() || !node.parentElement || skip(node.parentElement)) continue;
    if (!visible(node.parentElement)) continue;
    textNodes.push(node);
  }
  for (const node of textNodes) {
    const block = blockOf(node);
    if (!block) continue;
    const outer = block.getBoundingClientRect();
    const range = document.createRange();
    range.selectNodeContents(node);
    for (const rect of range.getClientRects()) {
      if (rect.width === 0) continue;
      if (rect.left < outer.left - TOLERANCE || rect.right > outer.right + TOLERANCE) {
        findings.push(`overflow: text "${node.textContent.trim().slice(0, 60)}" runs outside ${describe(block)}`);
        break;
      }
    }
  }
  // 2. Sibling blocks with text that overlap (inline siblings share lines, so only blocks).
  const intersects = (a, b) =>
    Math.min(a.right, b.right) - Math.max(a.left, b.left) > TOLERANCE &&
    Math.min(a.bottom, b.bottom) - Math.max(a.top, b.top) > TOLERANCE;
  for (const parent of root.querySelectorAll("*")) {
    if (skip(parent)) continue;
    const kids = [...parent.children].filter(
      (el) => !skip(el) && visible(el) && isBlock(el) && el.textContent.trim() && getComputedStyle(el).position !== "absolute",
    );
    for (let i = 0; i < kids.length; i++) {
      for (let j = i + 1; j < kids.length; j++) {
        if (intersects(kids[i].getBoundingClientRect(), kids[j].getBoundingClientRect())) {
          findings.push(`overlap: ${describe(kids[i])} and ${describe(kids[j])}`);
        }
      }
    }
  }
  // 3. Values of the other direction isolated in right-to-left pages.
  if (document.documentElement.dir === "rtl") {
    const foreign = /[A-Za-z\u00C0-\u024F\u0400-\u04FF]/;
    const arabic = /[\u0600-\u06FF\u0750-\u077F\uFB50-\uFDFF\uFE70-\uFEFF]/;
    // Isolated: inside <bdi>, an element with its own dir, an inline isolate, or a block whose
    // direction follows its content (plaintext). A table cell's default isolation does not
    // count: "§ 25 AufenthG" alone in a right-to-left cell still reads "AufenthG 25 §".
    const isolated = (el, stop) => {
      for (let cur = el; cur; cur = cur.parentElement) {
        if (cur.tagName === "BDI" || cur.tagName === "INPUT" || cur.tagName === "TEXTAREA") return true;
        if (cur.hasAttribute("dir") && cur !== document.documentElement) return true;
        const bidi = getComputedStyle(cur).unicodeBidi;
        if (bidi === "plaintext") return true;
        if (cur !== stop && (bidi === "isolate" || bidi === "isolate-override")) return true;
        if (cur === stop) break;
      }
      return false;
    };
    for (const node of textNodes) {
      const text = node.textContent;
      if (!foreign.test(text) || arabic.test(text)) continue;
      const block = blockOf(node);
      if (!isolated(node.parentElement, block)) {
        findings.push(`not isolated: "${text.trim().slice(0, 60)}" in ${describe(block || node.parentElement)}`);
      }
    }
  }
  return [...new Set(findings)];
})();
