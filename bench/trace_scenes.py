"""Where a presentation scene step spends its time, from Chromium's own trace: six steps
(PageDown ×3, PageUp ×3) on the sample project, then the trace events summed by name.

Needs ``websocket-client`` (not an EcoViewer dependency): ``.venv/bin/pip install
websocket-client``. Run:  QT_QPA_PLATFORM=offscreen .venv/bin/python bench/trace_scenes.py

The DevTools server runs inside this process (QtWebEngine's browser process), so the CDP
client talks to it from a thread while the Qt event loop keeps running.
"""

from __future__ import annotations

import json
import os
import sys
import threading
import time
import urllib.request
from collections import defaultdict

PORT = "9333"


def main() -> None:
    try:
        import websocket
    except ImportError:
        sys.exit("bench/trace_scenes.py needs websocket-client: .venv/bin/pip install websocket-client")
    os.environ["QTWEBENGINE_REMOTE_DEBUGGING"] = PORT
    from ecoviewer.render.qtenv import prepare_environment

    prepare_environment(headless=True)
    from ecoviewer.render.qtenv import application

    application()
    from PySide6.QtCore import Qt
    from PySide6.QtTest import QTest

    from ecoviewer import SAMPLE_PROJECT
    from ecoviewer.app.main_window import MainWindow

    win = MainWindow(lang="zh")
    win.resize(1400, 900)
    win.show()
    win.open_project(SAMPLE_PROJECT)
    win.wait_loaded()
    win.map.settle()
    win.enter_presentation()
    win.map.settle()
    events: list = []
    started, finish, done = threading.Event(), threading.Event(), threading.Event()

    def client() -> None:
        targets = json.load(urllib.request.urlopen(f"http://127.0.0.1:{PORT}/json"))
        page = next(t for t in targets if t.get("type") == "page")
        ws = websocket.create_connection(page["webSocketDebuggerUrl"], suppress_origin=True)
        ws.send(
            json.dumps(
                {
                    "id": 1,
                    "method": "Tracing.start",
                    "params": {
                        "categories": "devtools.timeline,v8.execute,blink,cc,viz",
                        "transferMode": "ReportEvents",
                    },
                }
            )
        )
        while json.loads(ws.recv()).get("id") != 1:
            pass
        started.set()
        finish.wait()
        ws.send(json.dumps({"id": 2, "method": "Tracing.end"}))
        while True:
            m = json.loads(ws.recv())
            if m.get("method") == "Tracing.dataCollected":
                events.extend(m["params"]["value"])
            if m.get("method") == "Tracing.tracingComplete":
                break
        done.set()

    threading.Thread(target=client, daemon=True).start()
    while not started.is_set():
        QTest.qWait(50)
    QTest.qWait(300)
    steps = []
    for key in [Qt.Key.Key_PageDown] * 3 + [Qt.Key.Key_PageUp] * 3:
        seq = win.map.last_rendered
        t = time.perf_counter()
        QTest.keyClick(win, key)
        win.map.wait_rendered(seq)
        steps.append((time.perf_counter() - t) * 1000)
    finish.set()
    while not done.is_set():
        QTest.qWait(50)
    print("steps (ms):", [round(s) for s in steps], " total", round(sum(steps)))
    total: dict = defaultdict(float)
    count: dict = defaultdict(int)
    for e in events:
        if e.get("ph") == "X" and "dur" in e:
            total[e.get("name")] += e["dur"] / 1000
            count[e.get("name")] += 1
    for name, ms in sorted(total.items(), key=lambda kv: -kv[1])[:30]:
        print(f"{ms:8.1f} ms {count[name]:5d}×  {name}")
    sys.stdout.flush()
    os._exit(0)  # (PySide teardown after QtWebEngine is not worth waiting for here)


if __name__ == "__main__":
    main()
