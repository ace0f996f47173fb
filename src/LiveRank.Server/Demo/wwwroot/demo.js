// LiveRank demo page: plain JavaScript, no build step, no other origin. Every text goes in through textContent.
"use strict";

const $ = (id) => document.getElementById(id);
const page = {
  userId: null,
  candidates: [],        // upstream order: [{ id, title, categories }]
  titles: new Map(),     // item id -> title
  lastRanking: [],       // ids in the order of the previous answer, to show what moved
  busy: false,
};

function setStatus(text, isError = false) {
  const status = $("status");
  status.textContent = text;
  status.classList.toggle("error", isError);
}

async function api(path, body) {
  const headers = { "accept": "application/json" };
  const key = $("api-key").value.trim();
  if (key) headers["X-Api-Key"] = key;
  const init = { method: body === undefined ? "GET" : "POST", headers };
  if (body !== undefined) {
    headers["content-type"] = "application/json";
    init.body = JSON.stringify(body);
  }
  const response = await fetch(path, init);
  const text = await response.text();
  const json = text ? JSON.parse(text) : null;
  if (!response.ok) {
    const reason = json && (json.detail || json.title) ? (json.detail || json.title) : response.statusText;
    const hint = response.status === 401 || response.status === 403 ? " Enter an API key above." : "";
    throw new Error(`${path}: ${response.status} ${reason}.${hint}`);
  }
  return json;
}

function element(tag, className, text) {
  const e = document.createElement(tag);
  if (className) e.className = className;
  if (text !== undefined) e.textContent = text;
  return e;
}

function titleOf(id) {
  return page.titles.get(id) || `item ${id}`;
}

async function loadUsers() {
  const answer = await api("/v1/demo/users?limit=1000");
  const select = $("user");
  select.replaceChildren();
  for (const user of answer.users) {
    const option = element("option", "", `${user.id} (${user.events} events)`);
    option.value = user.id;
    select.append(option);
  }
  return answer.users;
}

async function loadCandidates() {
  const answer = await api("/v1/demo/candidates?count=20");
  page.candidates = answer.items;
  for (const item of answer.items) page.titles.set(item.id, item.title);
  renderUpstream();
}

async function loadHistory() {
  const user = await api(`/v1/demo/users/${encodeURIComponent(page.userId)}?limit=12`);
  const list = $("history");
  list.replaceChildren();
  if (user.recent.length === 0) list.append(element("li", "muted", "No events yet: send one on an item."));
  for (const e of user.recent) {
    if (e.title) page.titles.set(e.itemId, e.title);
    const li = element("li");
    const type = e.type === "rating" && e.value != null ? `rated ${e.value}` : e.type;
    li.append(element("span", "type", type), document.createTextNode(e.title || `item ${e.itemId}`));
    list.append(li);
  }
  $("narrative").textContent = user.narrative || "(empty: the user has no events yet)";
  const option = [...$("user").options].find((o) => o.value === page.userId);
  if (option) option.textContent = `${user.id} (${user.totalEvents} events)`;
}

function itemRow(item, rank, listName) {
  const li = element("li");
  li.dataset.id = item.id;
  li.append(element("span", "rank", String(rank)));
  const button = element("button", "item", titleOf(item.id));
  button.type = "button";
  button.dataset.id = item.id;
  button.dataset.list = listName;
  button.setAttribute("aria-label", `${titleOf(item.id)}: send ${eventLabel()}`);
  button.addEventListener("click", () => sendEvent(item.id, listName));
  li.append(button);
  return li;
}

function eventLabel() {
  const select = $("event-type");
  return select.options[select.selectedIndex].textContent;
}

function renderUpstream() {
  const list = $("upstream");
  list.replaceChildren();
  page.candidates.forEach((item, i) => {
    const li = itemRow(item, i + 1, "upstream");
    li.append(element("span", "score", ""));
    if (item.categories && item.categories.length) li.append(element("span", "cats", item.categories.join(", ")));
    list.append(li);
  });
}

function reasonsOf(contributions) {
  if (!contributions) return "";
  return Object.entries(contributions)
    .filter(([, v]) => Math.abs(v) >= 0.0005)
    .sort((a, b) => Math.abs(b[1]) - Math.abs(a[1]))
    .slice(0, 3)
    .map(([name, v]) => `${name} ${v >= 0 ? "+" : "−"}${Math.abs(v).toFixed(3)}`)
    .join(" · ");
}

async function rerank() {
  const n = page.candidates.length;
  // The upstream's own scores (descending with its order) travel along, as a real upstream's would.
  const answer = await api("/v1/rerank", {
    userId: page.userId,
    candidates: page.candidates.map((c, i) => ({ id: c.id, score: n - i })),
    explain: true,
  });
  const upstreamRank = new Map(page.candidates.map((c, i) => [c.id, i + 1]));
  const previous = new Map(page.lastRanking.map((id, i) => [id, i + 1]));
  const list = $("ranked");
  list.replaceChildren();
  let moved = 0;
  for (const item of answer.items) {
    const li = itemRow(item, item.rank, "ranked");
    const delta = upstreamRank.get(item.id) - item.rank;
    const move = element("span", "move " + (delta > 0 ? "up" : delta < 0 ? "down" : ""),
      delta > 0 ? `▲${delta}` : delta < 0 ? `▼${-delta}` : "=");
    move.title = `upstream rank ${upstreamRank.get(item.id)}`;
    const score = element("span", "score");
    score.append(move, document.createTextNode(` ${item.score.toFixed(3)}`));
    li.append(score);
    const reasons = reasonsOf(item.contributions);
    if (reasons) li.append(element("span", "reasons", reasons));
    if (previous.size && previous.get(item.id) !== item.rank) {
      li.classList.add("fresh");
      moved++;
    }
    list.append(li);
  }
  const before = page.lastRanking.length;
  page.lastRanking = answer.items.map((i) => i.id);
  list.dataset.requestId = answer.requestId;
  return { model: answer.model, tookMs: answer.tookMs, moved: before ? moved : null };
}

async function selectUser(userId) {
  page.userId = userId;
  page.lastRanking = [];
  const url = new URL(window.location.href);
  url.searchParams.set("user", userId);
  window.history.replaceState(null, "", url);
  setStatus(`Loading user ${userId}…`);
  try {
    const [, ranking] = await Promise.all([loadHistory(), rerank()]);
    setStatus(`User ${userId}: ranked by ${ranking.model} in ${ranking.tookMs} ms.`);
  } catch (e) {
    setStatus(e.message, true);
  }
}

async function sendEvent(itemId, listName) {
  if (page.busy || !page.userId) return;
  page.busy = true;
  const [type, value] = $("event-type").value.split(":");
  const event = { type, userId: page.userId, itemId };
  if (value !== undefined) event.value = Number(value);
  try {
    await api("/v1/events", { events: [event] });
    const [, ranking] = await Promise.all([loadHistory(), rerank()]);
    setStatus(`Sent ${eventLabel()} on “${titleOf(itemId)}”: ${ranking.moved} item(s) changed place; ranked by ${ranking.model} in ${ranking.tookMs} ms.`);
    // Keep the keyboard where it was: on the same item in the list it was sent from.
    const again = document.querySelector(`#${listName} button.item[data-id="${CSS.escape(itemId)}"]`);
    if (again) again.focus();
  } catch (e) {
    setStatus(e.message, true);
  } finally {
    page.busy = false;
  }
}

async function start() {
  try {
    const [users] = await Promise.all([loadUsers(), loadCandidates()]);
    const wanted = new URL(window.location.href).searchParams.get("user");
    const first = wanted || (users.length ? users[0].id : null);
    if (!first) {
      setStatus("The store holds no users yet: type a new user id above.");
      return;
    }
    if (users.some((u) => u.id === first)) $("user").value = first;
    else $("new-user").value = first;
    await selectUser(first);
  } catch (e) {
    setStatus(e.message, true);
  }
}

$("api-key").value = sessionStorage.getItem("liverank-api-key") || "";
$("api-key").addEventListener("change", () => {
  // A new key may open what the old one could not: load everything again with it.
  sessionStorage.setItem("liverank-api-key", $("api-key").value.trim());
  start();
});
$("user").addEventListener("change", (e) => selectUser(e.target.value));
$("controls").addEventListener("submit", (e) => {
  e.preventDefault();
  const id = $("new-user").value.trim();
  if (id) selectUser(id);
});
$("event-type").addEventListener("change", () => {
  for (const b of document.querySelectorAll("button.item")) b.setAttribute("aria-label", `${b.textContent}: send ${eventLabel()}`);
});
start();
