import RFB from '@novnc/novnc';

/**
 * <zd-vnc>: noVNC on a console WebSocket that relays RFB (io.zonedeck.base.ui.component.VncScreen).
 * - connect(url) / disconnect(); sendCtrlAltDel(); setScale(true|false) (fit the screen into the element, or 1:1
 *   with scroll bars); clipboard(text) sends text to the machine's clipboard
 * - fires zd-console-open, zd-console-closed {reason} and zd-vnc-clipboard {text} (the machine copied something)
 * - test hooks: data-state (connecting | open | closed), data-reason, data-desktop (the framebuffer's name)
 */
class ZdVnc extends HTMLElement {
  connectedCallback() {
    if (!this.style.display) this.style.display = 'block';
    this._scale = true;
  }

  disconnectedCallback() {
    this.disconnect();
  }

  connect(path) {
    this.disconnect();
    this.setAttribute('data-state', 'connecting');
    this.removeAttribute('data-reason');
    const url = new URL(path, document.baseURI);
    url.protocol = url.protocol === 'https:' ? 'wss:' : 'ws:';
    const ws = new WebSocket(url.toString(), []);
    ws.binaryType = 'arraybuffer';
    this._closeReason = null;
    ws.addEventListener('close', (e) => {
      this._closeReason = e.reason || null;
    });
    const rfb = new RFB(this, ws, { shared: true });
    rfb.scaleViewport = this._scale;
    rfb.resizeSession = false;
    rfb.background = '#202020';
    this._rfb = rfb;
    rfb.addEventListener('connect', () => {
      this.setAttribute('data-state', 'open');
      this.dispatchEvent(new CustomEvent('zd-console-open'));
    });
    rfb.addEventListener('desktopname', (e) => this.setAttribute('data-desktop', e.detail.name));
    rfb.addEventListener('clipboard', (e) =>
      this.dispatchEvent(new CustomEvent('zd-vnc-clipboard', { detail: { text: e.detail.text } })));
    rfb.addEventListener('disconnect', (e) => {
      if (this._rfb !== rfb) return;
      this._rfb = null;
      // the socket's close event may come just after noVNC's disconnect
      setTimeout(() => {
        const reason = this._closeReason || (e.detail.clean ? 'the console closed' : 'the connection was lost');
        this.setAttribute('data-reason', reason);
        this.setAttribute('data-state', 'closed');
        this.dispatchEvent(new CustomEvent('zd-console-closed', { detail: { reason } }));
      }, 50);
    });
  }

  disconnect() {
    if (this._rfb) {
      const rfb = this._rfb;
      this._rfb = null;
      rfb.disconnect();
      this.setAttribute('data-state', 'closed');
    }
  }

  sendCtrlAltDel() {
    if (this._rfb) this._rfb.sendCtrlAltDel();
  }

  setScale(fit) {
    this._scale = !!fit;
    if (this._rfb) this._rfb.scaleViewport = this._scale;
  }

  clipboard(text) {
    if (this._rfb) this._rfb.clipboardPasteFrom(text);
  }

  focusScreen() {
    if (this._rfb) this._rfb.focus();
  }
}

customElements.define('zd-vnc', ZdVnc);
