import { Terminal } from '@xterm/xterm';
import { FitAddon } from '@xterm/addon-fit';

/**
 * <zd-terminal>: an xterm.js terminal attached to a console WebSocket (io.zonedeck.base.ui.component.TerminalView).
 * - connect(url): opens the socket (a path relative to the page; ws/wss follows the page) and attaches; the server
 *   sends the console's bytes as binary messages, keystrokes go back as binary UTF-8, resizes as
 *   {"type":"resize","cols","rows"}
 * - fires zd-console-open and zd-console-closed {reason} (the server's close reason, or why the socket failed)
 * - fits its container (resize observer); copy is the selection (Ctrl+Shift+C or the context menu), paste with
 *   Ctrl+Shift+V or the browser's paste
 * - test hooks: data-state (connecting | open | closed), data-text (the visible screen, trimmed), data-reason
 * Light DOM, so xterm's stylesheet (imported by the Java side) applies.
 */
class ZdTerminal extends HTMLElement {
  connectedCallback() {
    if (!this.style.display) {
      this.style.display = 'block';
    }
    if (!this._term) {
      this._term = new Terminal({
        cursorBlink: true,
        convertEol: false,
        fontFamily: 'ui-monospace, "DejaVu Sans Mono", Menlo, Consolas, monospace',
        fontSize: 14,
        scrollback: 5000,
        theme: { background: '#1e1e1e' },
      });
      this._fit = new FitAddon();
      this._term.loadAddon(this._fit);
      this._host = document.createElement('div');
      this._host.style.width = '100%';
      this._host.style.height = '100%';
      this.appendChild(this._host);
      this._term.open(this._host);
      this._encoder = new TextEncoder();
      this._term.onData((d) => this._send(this._encoder.encode(d)));
      this._term.onBinary((d) => {
        const b = new Uint8Array(d.length);
        for (let i = 0; i < d.length; i++) b[i] = d.charCodeAt(i) & 0xff;
        this._send(b);
      });
      this._term.onResize(({ cols, rows }) => this._resize(cols, rows));
      this._term.onWriteParsed(() => this._snapshot());
      this._term.attachCustomKeyEventHandler((e) => this._keys(e));
    }
    this._observer = new ResizeObserver(() => this.fit());
    this._observer.observe(this);
    this.fit();
  }

  disconnectedCallback() {
    if (this._observer) this._observer.disconnect();
    this.disconnect();
  }

  /** The terminal's size in characters, for the ticket's first size. */
  size() {
    this.fit();
    return { cols: this._term ? this._term.cols : 80, rows: this._term ? this._term.rows : 24 };
  }

  fit() {
    try {
      if (this._fit && this.offsetWidth > 0 && this.offsetHeight > 0) this._fit.fit();
    } catch (e) {
      // not laid out yet
    }
  }

  focusTerminal() {
    if (this._term) this._term.focus();
  }

  connect(path) {
    this.disconnect();
    this._state('connecting');
    this.removeAttribute('data-reason');
    const url = new URL(path, document.baseURI);
    url.protocol = url.protocol === 'https:' ? 'wss:' : 'ws:';
    const ws = new WebSocket(url.toString());
    ws.binaryType = 'arraybuffer';
    this._ws = ws;
    ws.onopen = () => {
      this._state('open');
      this._term.reset();
      this._resize(this._term.cols, this._term.rows);
      this._term.focus();
      this.dispatchEvent(new CustomEvent('zd-console-open'));
    };
    ws.onmessage = (m) => {
      if (m.data instanceof ArrayBuffer) this._term.write(new Uint8Array(m.data));
    };
    ws.onclose = (e) => {
      if (this._ws !== ws) return;
      this._ws = null;
      const reason = e.reason || (e.code === 1006 ? 'the connection to the portal was lost' : 'the console closed');
      this._term.write('\r\n\x1b[33m[' + reason + ']\x1b[0m\r\n');
      this.setAttribute('data-reason', reason);
      this._state('closed');
      this.dispatchEvent(new CustomEvent('zd-console-closed', { detail: { reason } }));
    };
  }

  disconnect() {
    if (this._ws) {
      const ws = this._ws;
      this._ws = null;
      ws.close(1000, 'closed by the user');
      this._state('closed');
    }
  }

  _keys(e) {
    if (e.type !== 'keydown' || !e.ctrlKey || !e.shiftKey) return true;
    if (e.code === 'KeyC') {
      const s = this._term.getSelection();
      if (s && navigator.clipboard) navigator.clipboard.writeText(s).catch(() => {});
      return false;
    }
    if (e.code === 'KeyV') {
      if (navigator.clipboard && navigator.clipboard.readText) {
        navigator.clipboard.readText().then((t) => this._term.paste(t)).catch(() => {});
      }
      return false;
    }
    return true;
  }

  _send(bytes) {
    if (!this._ws || this._ws.readyState !== WebSocket.OPEN) return;
    // a long paste goes in pieces: the portal takes binary messages of up to 64 KiB
    for (let i = 0; i < bytes.length; i += 16384) this._ws.send(bytes.subarray(i, i + 16384));
  }

  _resize(cols, rows) {
    if (this._ws && this._ws.readyState === WebSocket.OPEN) {
      this._ws.send(JSON.stringify({ type: 'resize', cols, rows }));
    }
  }

  _state(s) {
    this.setAttribute('data-state', s);
  }

  _snapshot() {
    const buf = this._term.buffer.active;
    const lines = [];
    for (let i = Math.max(0, buf.length - 200); i < buf.length; i++) {
      const l = buf.getLine(i);
      if (l) lines.push(l.translateToString(true));
    }
    this.setAttribute('data-text', lines.join('\n').replace(/\n+$/, ''));
  }
}

customElements.define('zd-terminal', ZdTerminal);
