package io.zonedeck.agent.server;

/** An HTTP answer: status, JSON body and, for 405, the Allow header. */
record Reply(int status, Object body, String allow) {
    static Reply of(int status, Object body) {
        return new Reply(status, body, null);
    }
}
