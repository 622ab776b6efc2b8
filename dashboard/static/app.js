// Loads the gloam browser app (gloam.wasm) with the wasm_exec.js of the Go
// that built it. The app renders everything else.
"use strict";
// A new link pasted over this one (only its fragment differs) starts the
// app again with what the new fragment says.
window.addEventListener("hashchange", () => location.reload());
(async () => {
  const status = document.getElementById("status");
  const fail = (msg) => {
    status.dataset.state = "error";
    status.textContent = msg;
    document.body.dataset.conn = "error";
  };
  try {
    const resp = await fetch("gloam.wasm");
    if (!resp.ok) {
      fail("The browser app is not available: " + (await resp.text()));
      return;
    }
    if (typeof Go === "undefined") {
      fail("wasm_exec.js did not load");
      return;
    }
    const go = new Go();
    const { instance } = await WebAssembly.instantiateStreaming(resp, go.importObject);
    await go.run(instance);
    fail("The browser app stopped.");
  } catch (e) {
    fail("The browser app failed: " + e);
  }
})();
