// The control-room console. Plain JavaScript on the gateway's HTTP API, no build step:
//   POST /api/login -> a session token, sent as "Authorization: Bearer" on every call;
//   GET /api/alerts and /api/fleet/health, polled; POST /api/alerts/{id}/ack and /resolve.
// A change shows only once the gateway has stored it (the next poll), never optimistically.
"use strict";

const POLL_MS = 2000;
const FLEET_EVERY_POLLS = 5;
const STALE_AFTER_MS = 3 * POLL_MS;
const RANK = { ESCALATED: 0, OPEN: 1, ACKNOWLEDGED: 2, RESOLVED: 3 };

const session = {
  get token() { return sessionStorage.getItem("vigil.token"); },
  get name() { return sessionStorage.getItem("vigil.operator"); },
  start(token, name) {
    sessionStorage.setItem("vigil.token", token);
    sessionStorage.setItem("vigil.operator", name);
  },
  end() { sessionStorage.clear(); },
};

const $ = (id) => document.getElementById(id);
let timer = null;
let polls = 0;
let lastOkAt = 0;
let alarmed = new Set(); // alert ids already announced with a sound

class Unauthorized extends Error {}

async function api(method, path, body) {
  const headers = { Accept: "application/json" };
  if (session.token) headers.Authorization = "Bearer " + session.token;
  if (body !== undefined) headers["Content-Type"] = "application/json";
  const response = await fetch(path, {
    method, headers, body: body === undefined ? undefined : JSON.stringify(body),
  });
  if (response.status === 401) throw new Unauthorized("signed out");
  const text = await response.text();
  const json = text ? JSON.parse(text) : null;
  if (!response.ok) {
    throw new Error((json && json.error) || response.status + " " + response.statusText);
  }
  return json;
}

async function signIn(event) {
  event.preventDefault();
  const name = $("login-name").value.trim();
  $("login-error").textContent = "";
  try {
    const answer = await api("POST", "/api/login", { name, password: $("login-password").value });
    session.start(answer.token, name);
    $("login-password").value = "";
    showDesk();
  } catch (e) {
    $("login-error").textContent = e instanceof Unauthorized ? "Wrong name or password" : e.message;
  }
}

function signOut() {
  session.end();
  clearInterval(timer);
  timer = null;
  $("desk").hidden = true;
  $("sign-out").hidden = true;
  $("login").hidden = false;
  $("status").textContent = "signed out";
  document.title = "Vigil control room";
}

function showDesk() {
  $("login").hidden = true;
  $("desk").hidden = false;
  $("sign-out").hidden = false;
  poll();
  timer = setInterval(poll, POLL_MS);
}

async function poll() {
  try {
    const alerts = await api("GET", "/api/alerts?limit=200");
    render(alerts);
    if (polls++ % FLEET_EVERY_POLLS === 0) renderFleet(await api("GET", "/api/fleet/health"));
    lastOkAt = Date.now();
    $("desk-error").textContent = "";
  } catch (e) {
    if (e instanceof Unauthorized) return signOut();
    $("desk-error").textContent = "Gateway not answering: " + e.message;
  }
  const stale = Date.now() - lastOkAt > STALE_AFTER_MS;
  $("status").className = stale ? "status stale" : "status";
  $("status").textContent = "signed in as " + session.name
    + (lastOkAt ? " · updated " + new Date(lastOkAt).toLocaleTimeString() : "")
    + (stale ? " · NOT CURRENT" : "");
}

function urgency(a, b) {
  const byState = RANK[a.state] - RANK[b.state];
  if (byState !== 0) return byState;
  const critical = (b.severity === "CRITICAL") - (a.severity === "CRITICAL");
  if (critical !== 0) return critical;
  return (b.lastRaisedAt || b.raisedAt).localeCompare(a.lastRaisedAt || a.raisedAt);
}

function render(alerts) {
  alerts.sort(urgency);
  const body = $("alerts").tBodies[0];
  body.replaceChildren(...alerts.map(row));
  const waiting = alerts.filter((a) => a.state === "OPEN" || a.state === "ESCALATED");
  $("waiting").textContent = waiting.length ? waiting.length + " waiting" : "";
  document.title = (waiting.length ? "(" + waiting.length + ") " : "") + "Vigil control room";
  const fresh = waiting.filter((a) => a.severity === "CRITICAL" && !alarmed.has(a.alertId));
  if (fresh.length) beep();
  fresh.forEach((a) => alarmed.add(a.alertId));
}

function cell(text) {
  const td = document.createElement("td");
  td.textContent = text;
  return td;
}

function row(alert) {
  const tr = document.createElement("tr");
  tr.dataset.alertId = alert.alertId;
  tr.className = alert.state + " " + alert.severity;
  const where = alert.position
    ? alert.position.lat.toFixed(5) + ", " + alert.position.lon.toFixed(5) : "no fix";
  const handledBy = alert.resolvedBy
    ? alert.resolvedBy + " (" + alert.resolution + ")" : alert.acknowledgedBy || "";
  tr.append(
    cell(alert.state + (alert.escalationLevel > 0 ? " L" + alert.escalationLevel : "")),
    cell(alert.severity),
    cell(alert.type + (alert.late ? " (late)" : "")),
    cell(alert.vehicleId),
    cell(new Date(alert.raisedAt).toLocaleString()),
    cell(String(alert.count)),
    cell(where),
    cell(handledBy),
  );
  const actions = document.createElement("td");
  if (alert.state === "OPEN" || alert.state === "ESCALATED") {
    actions.append(button("Acknowledge", "ack", () => acknowledge(alert.alertId)));
  }
  if (alert.state !== "RESOLVED") {
    actions.append(button("Resolve", "resolve", () => askResolve(alert.alertId)));
  }
  tr.append(actions);
  return tr;
}

function button(label, action, onClick) {
  const b = document.createElement("button");
  b.textContent = label;
  b.dataset.action = action;
  b.addEventListener("click", onClick);
  return b;
}

async function change(alertId, action, body) {
  try {
    await api("POST", "/api/alerts/" + encodeURIComponent(alertId) + "/" + action,
      { operator: session.name, ...body });
    await poll();
  } catch (e) {
    if (e instanceof Unauthorized) return signOut();
    $("desk-error").textContent = "Could not " + action + " " + alertId + ": " + e.message;
  }
}

function acknowledge(alertId) {
  return change(alertId, "ack", { note: "" });
}

function askResolve(alertId) {
  const dialog = $("resolve-dialog");
  $("resolve-alert").textContent = alertId;
  $("resolve-note").value = "";
  dialog.onclose = () => {
    if (dialog.returnValue === "resolve") {
      change(alertId, "resolve", { reason: $("resolve-reason").value, note: $("resolve-note").value });
    }
  };
  dialog.showModal();
}

function renderFleet(health) {
  const pct = (rate) => (rate === null || rate === undefined ? "n/a" : Math.round(rate * 100) + "%");
  $("fleet-figures").textContent =
    health.devices.online + " of " + health.devices.registered + " devices online ("
    + pct(health.onlineRate) + "), GNSS healthy " + pct(health.gnss.healthyRate)
    + ", cameras healthy " + pct(health.cameras.healthyRate);
}

function beep() {
  try {
    const audio = new AudioContext();
    const tone = audio.createOscillator();
    tone.frequency.value = 880;
    tone.connect(audio.destination);
    tone.start();
    tone.stop(audio.currentTime + 0.4);
  } catch (e) {
    // No sound device, or the browser wants a click first: the title and colours still show it.
  }
}

$("login").addEventListener("submit", signIn);
$("sign-out").addEventListener("click", signOut);
if (session.token) showDesk();
