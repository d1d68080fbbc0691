package io.zonedeck.agent.server;

/**
 * An HTTP answer: status, JSON body and, for 405, the Allow header. {@code drop}: the request was performed but
 * the answer is not sent; the connection is closed instead (a sim drop fault).
 */
record Reply(int status, Object body, String allow, boolean drop) {
    Reply(int status, Object body, String allow) {
        this(status, body, allow, false);
    }

    static Reply of(int status, Object body) {
        return new Reply(status, body, null);
    }

    Reply dropped(boolean drop) {
        return new Reply(status, body, allow, drop);
    }
}
