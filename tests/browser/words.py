"""A browser check shared by the walk-throughs: no word of a language is broken across two lines.

Identifiers (wallet addresses, IBANs, ids) may break anywhere, and Chinese may break between any two
characters; a word of letters of up to 24 (a word of French, Russian, Arabic, Spanish) must stay whole:
"Désélection/ner" or «المصاد/رة» means a style lets a cell shrink below its words (overflow-wrap: anywhere,
word-break: break-all where break-word was meant)."""

BROKEN_WORDS = r"""(root) => {
  const broken = [];
  const walker = document.createTreeWalker(root, NodeFilter.SHOW_TEXT);
  const word = /(?<![\p{L}\p{M}\p{N}])[\p{L}\p{M}]{2,24}(?![\p{L}\p{M}\p{N}])/gu;  // letters only: an identifier has digits
  const chinese = /[\p{Script=Han}\p{Script=Hiragana}\p{Script=Katakana}]/u;
  while (walker.nextNode()) {
    const node = walker.currentNode, parent = node.parentElement;
    if (!parent || parent.closest("script, style, svg, code, .visually-hidden, [hidden], option")) continue;
    if (!parent.getClientRects().length) continue;  // not shown
    for (const found of node.data.matchAll(word)) {
      if (chinese.test(found[0])) continue;
      const range = document.createRange();
      range.setStart(node, found.index);
      range.setEnd(node, found.index + found[0].length);
      const lines = new Set([...range.getClientRects()].filter((r) => r.width > 0).map((r) => Math.round(r.bottom)));
      if (lines.size > 1) broken.push(`${found[0]} (in ${parent.tagName.toLowerCase()}${parent.className ? "." + parent.className : ""})`);
    }
  }
  return broken;
}"""


def broken_words(page, selector: str = "main") -> list[str]:
    """The words of letters shown broken across lines in `selector` of the page as it is now."""
    return page.locator(selector).first.evaluate(BROKEN_WORDS)
