# Copyright 2026 Support Suite
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""Take the README's screenshots (docs/screenshots/*.png) from the demo database.

Run by scripts/screenshots, which serves the demo database first: each shot logs in
as a demo user through /web/session/authenticate, opens its page in headless
Chromium (Chrome DevTools Protocol, the session cookie set), waits until the page
shows what the shot is about and saves a PNG of the viewport.

    python scripts/screenshots.py BASE_URL DATABASE OUT_DIR [NAME ...]
"""

import base64
import json
import shutil
import subprocess
import sys
import tempfile
import time
import urllib.request
from pathlib import Path

import websocket

WIDTH, HEIGHT = 1366, 900
# (file, login, page, what must be on the page before the shot[, what to click
# first, e.g. a notebook tab])
# {xmlid} in a page is replaced by the record id of that external id
SHOTS = [
    (
        "sla_dashboard.png",
        "admin",
        "/odoo/action-support_sla.support_sla_dashboard_action",
        ".o-dashboard-action .o_graph_renderer canvas",
    ),
    (
        "priority_matrix_grid.png",
        "admin",
        "/odoo/action-support_sla.support_priority_matrix_action/"
        "{support_sla.support_priority_matrix_000_demo}",
        ".o_support_priority_matrix_grid select",
    ),
    (
        "contract_form.png",
        "admin",
        "/odoo/action-support_contract.support_contract_action/"
        "{support_contract.support_contract_tulip_demo}",
        ".o_form_view .o_field_widget[name='partner_id']",
    ),
    (
        "ticket_hours_left.png",
        "agent",
        "/odoo/action-helpdesk_mgmt.helpdesk_ticket_action/"
        "{support_sla.helpdesk_ticket_tulip_at_risk_demo}",
        ".o_form_view .o_notebook a[name='timesheets']",
        ".o_form_view .o_notebook a[name='timesheets']",
    ),
    ("portal_home.png", "keyuser", "/my", ".o_support_glance_open"),
    ("portal_home_nl.png", "tulipcontact", "/my", ".o_portal_my_home"),
    ("portal_home_sv.png", "nordic", "/my", ".o_support_glance_open"),
    ("portal_tickets.png", "keyuser", "/my/tickets", "table tbody tr"),
    (
        "portal_contract.png",
        "keyuser",
        "/my/contracts/{support_contract.support_contract_tulip_demo}",
        "#support_contract_content, .o_portal_wrap",
    ),
    (
        "portal_contract_sv.png",
        "nordic",
        "/my/contracts/{support_contract.support_contract_nordic_demo}",
        "#support_contract_content, .o_portal_wrap",
    ),
    ("portal_new_ticket_nl.png", "tulipcontact", "/new/ticket", "form"),
    ("plan_configurator.png", None, "/support/plans", "label[data-plan-name]"),
]


def rpc(base, path, params, cookie=None):
    request = urllib.request.Request(
        base + path,
        data=json.dumps({"jsonrpc": "2.0", "params": params}).encode(),
        headers={
            "Content-Type": "application/json",
            **({"Cookie": cookie} if cookie else {}),
        },
    )
    with urllib.request.urlopen(request, timeout=60) as response:
        body = json.loads(response.read())
        if body.get("error"):
            raise RuntimeError(f"{path}: {body['error']['data']['message']}")
        cookies = response.headers.get_all("Set-Cookie") or []
    session = next(
        (
            c.split(";")[0].split("=", 1)[1]
            for c in cookies
            if c.startswith("session_id=")
        ),
        None,
    )
    return body["result"], session


def login(base, database, user):
    _result, session = rpc(
        base,
        "/web/session/authenticate",
        {"db": database, "login": user, "password": user},
    )
    return session


def record_id(base, session, xmlid):
    module, name = xmlid.split(".", 1)
    rows, _session = rpc(
        base,
        "/web/dataset/call_kw/ir.model.data/search_read",
        {
            "model": "ir.model.data",
            "method": "search_read",
            "args": [[("module", "=", module), ("name", "=", name)], ["res_id"]],
            "kwargs": {},
        },
        cookie=f"session_id={session}",
    )
    if not rows:
        raise RuntimeError(f"no record {xmlid} in the demo database")
    return rows[0]["res_id"]


class Chromium:
    """Headless Chromium driven over the DevTools Protocol."""

    def __init__(self):
        self.profile = tempfile.mkdtemp(prefix="support-shots-")
        binary = shutil.which("chromium") or shutil.which("chromium-browser")
        self.process = subprocess.Popen(
            [
                binary,
                "--headless=new",
                "--no-sandbox",
                "--disable-gpu",
                "--hide-scrollbars",
                f"--window-size={WIDTH},{HEIGHT}",
                "--remote-debugging-port=0",
                f"--user-data-dir={self.profile}",
                "about:blank",
            ],
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
        )
        port_file = Path(self.profile, "DevToolsActivePort")
        for _ in range(100):
            if port_file.exists() and port_file.read_text().strip():
                break
            time.sleep(0.1)
        port = port_file.read_text().split()[0]
        with urllib.request.urlopen(f"http://127.0.0.1:{port}/json", timeout=10) as r:
            page = next(t for t in json.loads(r.read()) if t["type"] == "page")
        self.socket = websocket.create_connection(
            page["webSocketDebuggerUrl"], timeout=60, suppress_origin=True
        )
        self.next_id = 0
        self.send("Page.enable")
        self.send(
            "Emulation.setDeviceMetricsOverride",
            width=WIDTH,
            height=HEIGHT,
            deviceScaleFactor=1,
            mobile=False,
        )

    def send(self, method, **params):
        self.next_id += 1
        self.socket.send(
            json.dumps({"id": self.next_id, "method": method, "params": params})
        )
        while True:
            message = json.loads(self.socket.recv())
            if message.get("id") == self.next_id:
                if "error" in message:
                    raise RuntimeError(f"{method}: {message['error']}")
                return message.get("result", {})

    def wait_for(self, url, selector):
        expression = f"!!document.querySelector({json.dumps(selector)})"
        for _ in range(300):
            found = self.send("Runtime.evaluate", expression=expression)
            if found.get("result", {}).get("value"):
                return
            time.sleep(0.1)
        raise RuntimeError(f"{url}: {selector} never appeared")

    def shoot(self, url, session, host, selector, path, click=None):
        self.send("Network.clearBrowserCookies")
        if session:
            self.send(
                "Network.setCookie",
                name="session_id",
                value=session,
                domain=host,
                path="/",
            )
        self.send("Page.navigate", url=url)
        try:
            self.wait_for(url, selector)
        except RuntimeError:
            # what the page showed instead, beside the shot it was meant for
            data = self.send("Page.captureScreenshot", format="png")["data"]
            path.with_suffix(".failed.png").write_bytes(base64.b64decode(data))
            raise
        if click:
            # open the tab and bring it to the top of the viewport
            target = json.dumps(click)
            self.send(
                "Runtime.evaluate",
                expression=f"document.querySelector({target}).click();"
                f"document.querySelector({target}).scrollIntoView();",
            )
        time.sleep(1.5)  # charts and fonts settle
        data = self.send("Page.captureScreenshot", format="png")["data"]
        path.write_bytes(base64.b64decode(data))

    def close(self):
        self.socket.close()
        self.process.terminate()
        self.process.wait(timeout=10)
        shutil.rmtree(self.profile, ignore_errors=True)


def main(base, database, out_dir, names):
    out = Path(out_dir)
    out.mkdir(parents=True, exist_ok=True)
    host = urllib.request.urlparse(base).hostname
    admin = login(base, database, "admin")
    sessions = {}
    browser = Chromium()
    try:
        for name, user, page, selector, *click in SHOTS:
            if names and name not in names:
                continue
            while "{" in page:
                start, end = page.index("{"), page.index("}")
                page = (
                    page[:start]
                    + str(record_id(base, admin, page[start + 1 : end]))
                    + page[end + 1 :]
                )
            if user and user not in sessions:
                sessions[user] = login(base, database, user)
            browser.shoot(
                base + page, sessions.get(user), host, selector, out / name, *click
            )
            print(f"{out / name}: {user or 'visitor'} on {page}", flush=True)  # noqa: T201
    finally:
        browser.close()


if __name__ == "__main__":
    main(sys.argv[1], sys.argv[2], sys.argv[3], set(sys.argv[4:]))
