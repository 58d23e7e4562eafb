"""The server in multi-process mode (workers), driven over JSON-RPC.

A customer purchase is created, paid out and received through public
methods only, each call possibly served by another worker process, so
nothing may rely on process memory.
"""

import json
import socket
import subprocess
import sys
import time
import urllib.request
import uuid

from conftest import ROOT

sys.path.insert(0, str(ROOT / "tools"))
import harness


def _free_port():
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def _websocket_handshake(port):
    """The first line of the answer to a websocket upgrade on /websocket."""
    request = (
        "GET /websocket HTTP/1.1\r\n"
        f"Host: 127.0.0.1:{port}\r\n"
        "Upgrade: websocket\r\n"
        "Connection: Upgrade\r\n"
        "Sec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\n"
        "Sec-WebSocket-Version: 13\r\n"
        f"Origin: http://127.0.0.1:{port}\r\n"
        "\r\n"
    )
    with socket.create_connection(("127.0.0.1", port), timeout=10) as sock:
        sock.sendall(request.encode())
        return sock.recv(4096).split(b"\r\n", 1)[0]


class JsonRpc:
    def __init__(self, url, db):
        self.url, self.db, self.uid = url, db, None

    def call(self, service, method, *args):
        payload = {
            "jsonrpc": "2.0",
            "method": "call",
            "params": {"service": service, "method": method, "args": args},
            "id": 1,
        }
        request = urllib.request.Request(
            f"{self.url}/jsonrpc",
            data=json.dumps(payload).encode(),
            headers={"Content-Type": "application/json"},
        )
        with urllib.request.urlopen(request, timeout=60) as response:
            answer = json.loads(response.read())
        assert "error" not in answer, answer.get("error")
        return answer["result"]

    def login(self, login, password):
        self.uid = self.call("common", "login", self.db, login, password)
        self.password = password
        assert self.uid

    def execute(self, model, method, *args, **kwargs):
        return self.call(
            "object",
            "execute_kw",
            self.db,
            self.uid,
            self.password,
            model,
            method,
            list(args),
            kwargs,
        )


def test_customer_purchase_over_json_rpc_with_workers(test_config, odoo_env, tmp_path):
    db = odoo_env.cr.dbname
    port = _free_port()
    gevent_port = _free_port()
    cmd = harness.odoo_cmd(
        test_config,
        "-d",
        db,
        f"--http-port={port}",
        f"--gevent-port={gevent_port}",
        "--workers=2",
        "--max-cron-threads=0",
        f"--db-filter=^{db}$",
        f"--logfile={tmp_path / 'workers.log'}",
    )
    proc = subprocess.Popen(cmd, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    url = f"http://127.0.0.1:{port}"
    try:
        deadline = time.monotonic() + 120
        while True:
            try:
                with urllib.request.urlopen(f"{url}/web/login", timeout=10) as response:
                    assert response.status == 200
                break
            except OSError:
                assert proc.poll() is None, (tmp_path / "workers.log").read_text()[-3000:]
                assert time.monotonic() < deadline, "server did not start"
                time.sleep(0.5)
        rpc = JsonRpc(url, db)
        rpc.login("admin", "admin")
        tag = uuid.uuid4().hex[:8]
        seller = rpc.execute(
            "res.partner",
            "create",
            {
                "name": f"RPC Seller {tag}",
                "tradein_id_type": "passport",
                "tradein_id_number": f"RPC-{tag}",
                "tradein_birthdate": "1980-01-01",
            },
        )
        product = rpc.execute(
            "product.product",
            "create",
            {"name": f"RPC Phone {tag}", "is_storable": True, "tracking": "serial"},
        )
        purchase = rpc.execute(
            "purchase.order",
            "create",
            {
                "partner_id": seller,
                "is_customer_purchase": True,
                "order_line": [
                    [
                        0,
                        0,
                        {
                            "product_id": product,
                            "product_qty": 1,
                            "price_unit": 55.0,
                            "tradein_serial_name": f"RPC-SN-{tag}",
                            "tax_ids": [[5, 0, 0]],
                        },
                    ]
                ],
            },
        )
        action = rpc.execute("purchase.order", "action_tradein_payout", [purchase])
        wizard = rpc.execute(
            "tradein.payout.wizard",
            "create",
            {"method": "store_credit"},
            context=action["context"],
        )
        rpc.execute("tradein.payout.wizard", "action_record_payment", [wizard])
        [order] = rpc.execute(
            "purchase.order", "read", [purchase], ["customer_purchase_state", "order_line"]
        )
        assert order["customer_purchase_state"] == "paid"
        rpc.execute("purchase.order.line", "action_tradein_add_to_inventory", order["order_line"])
        [order] = rpc.execute("purchase.order", "read", [purchase], ["customer_purchase_state"])
        assert order["customer_purchase_state"] == "completed"
        lots = rpc.execute(
            "stock.lot",
            "search_read",
            [["name", "=", f"RPC-SN-{tag}"]],
            fields=["product_qty", "acquisition_type", "acquisition_price"],
        )
        assert len(lots) == 1
        assert lots[0]["product_qty"] == 1
        assert lots[0]["acquisition_type"] == "customer_purchase"
        assert lots[0]["acquisition_price"] == 55.0
        # The gevent process (websockets, the bus, live chat) answers and
        # was started once: it does not die and respawn.
        with urllib.request.urlopen(
            f"http://127.0.0.1:{gevent_port}/websocket/health", timeout=10
        ) as response:
            assert json.loads(response.read()) == {"status": "pass"}
        assert _websocket_handshake(gevent_port).startswith(b"HTTP/1.1 101"), (
            tmp_path / "workers.log"
        ).read_text()[-3000:]
        time.sleep(3)
        log = (tmp_path / "workers.log").read_text()
        assert log.count("Evented Service (longpolling) running on") == 1, log[-3000:]
        assert proc.poll() is None
    finally:
        proc.terminate()
        proc.wait(timeout=60)
