// Site search on the Pagefind index built at publish time. Runs entirely in the browser; the
// index is loaded from this site, so nothing the reader types leaves the page.
const script = document.querySelector("script[data-base-url]");
const baseUrl = new URL(script.dataset.baseUrl, document.baseURI);
const input = document.getElementById("search-input");
const status = document.getElementById("search-status");
const list = document.getElementById("search-results");

let pagefind;
async function loadIndex() {
  if (!pagefind) {
    pagefind = await import(new URL("pagefind/pagefind.js", baseUrl).href);
    await pagefind.options({ baseUrl: baseUrl.pathname });
    // A large site's index comes in shards: the first is loaded above, the others are merged.
    for (const shard of (script.dataset.shards || "").split(" ").filter(Boolean)) {
      await pagefind.mergeIndex(new URL(`pagefind/${shard}`, baseUrl).pathname, {
        baseUrl: baseUrl.pathname,
      });
    }
  }
  return pagefind;
}

function resultItem(data) {
  const item = document.createElement("li");
  const link = document.createElement("a");
  link.href = data.url;
  link.textContent = data.meta.title || data.url;
  const excerpt = document.createElement("p");
  // Pagefind marks matches with <mark>; keep only that markup, as text plus mark elements.
  for (const part of data.excerpt.split(/(<mark>.*?<\/mark>)/)) {
    const match = /^<mark>(.*)<\/mark>$/.exec(part);
    if (match) {
      const mark = document.createElement("mark");
      mark.textContent = match[1];
      excerpt.append(mark);
    } else {
      excerpt.append(part.replace(/<[^>]*>/g, ""));
    }
  }
  item.append(link);
  // A post's content note comes before its excerpt, so the reader sees it before choosing.
  if (data.meta.content_note) {
    const note = document.createElement("p");
    note.className = "card-note";
    const label = document.createElement("strong");
    label.textContent = "Content note:";
    note.append(label, " ", data.meta.content_note);
    item.append(note);
  }
  item.append(excerpt);
  return item;
}

let latest = 0;
async function run(query) {
  const ticket = ++latest;
  if (!query.trim()) {
    list.replaceChildren();
    status.textContent = "Type a word or two; results appear as you type.";
    return;
  }
  const index = await loadIndex();
  const search = await index.debouncedSearch(query, {}, 250);
  if (search === null || ticket !== latest) return;
  const results = await Promise.all(search.results.slice(0, 20).map((r) => r.data()));
  if (ticket !== latest) return;
  list.replaceChildren(...results.map(resultItem));
  const count = search.results.length;
  status.textContent = count === 0
    ? `Nothing matches “${query}”.`
    : `${count} ${count === 1 ? "result" : "results"} for “${query}”.`;
}

input.addEventListener("input", () => run(input.value));
document.getElementById("search-form").addEventListener("submit", (event) => {
  event.preventDefault();
  run(input.value);
});
const initial = new URLSearchParams(location.search).get("q");
if (initial) {
  input.value = initial;
  run(initial);
}
