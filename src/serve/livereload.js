// Injected by `trendfeed serve` into every page it serves (never written to
// out/). Polls the build generation; reloads the page once a newer build has
// succeeded, and shows the last build's errors over the page while there
// are some (the server keeps serving the last good site meanwhile).
(() => {
  const served = "__GENERATION__";
  let checked = null;
  const overlayId = "__trendfeed_error";

  function show(text) {
    let box = document.getElementById(overlayId);
    if (!box) {
      box = document.createElement("div");
      box.id = overlayId;
      box.setAttribute("role", "alert");
      box.style.cssText =
        "position:fixed;inset:auto 0 0 0;max-height:70vh;overflow:auto;z-index:2147483647;" +
        "margin:0;padding:1em 1.5em;background:#1e1e1e;color:#f0f0f0;border-top:4px solid #e5534b;" +
        "font:13px/1.45 ui-monospace,SFMono-Regular,Menlo,Consolas,monospace;box-shadow:0 -4px 16px #0006";
      const title = document.createElement("strong");
      title.textContent = "trendfeed: the last build failed; this page shows the last good build";
      const close = document.createElement("button");
      close.textContent = "×";
      close.title = "Hide until the next build";
      close.style.cssText = "float:right;font-size:18px;background:none;border:0;color:inherit;cursor:pointer";
      close.onclick = () => box.remove();
      const pre = document.createElement("pre");
      pre.style.cssText = "white-space:pre-wrap;margin:.75em 0 0";
      box.append(close, title, pre);
      (document.body || document.documentElement).append(box);
    }
    box.querySelector("pre").textContent = text;
  }

  function hide() {
    const box = document.getElementById(overlayId);
    if (box) box.remove();
  }

  async function poll() {
    try {
      const version = (await (await fetch("/__trendfeed/version", { cache: "no-store" })).text()).trim();
      if (version !== checked) {
        checked = version;
        const error = await (await fetch("/__trendfeed/error", { cache: "no-store" })).text();
        if (error.trim() !== "") {
          show(error);
        } else if (version !== served) {
          location.reload();
          return;
        } else {
          hide();
        }
      }
    } catch (_) {
      // The server is restarting or stopped: try again later.
    }
    setTimeout(poll, 500);
  }

  poll();
})();
