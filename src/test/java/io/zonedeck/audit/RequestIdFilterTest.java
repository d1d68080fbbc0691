package io.zonedeck.audit;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;
import org.slf4j.MDC;
import org.springframework.mock.web.MockFilterChain;
import org.springframework.mock.web.MockHttpServletRequest;
import org.springframework.mock.web.MockHttpServletResponse;

class RequestIdFilterTest {
    final RequestIdFilter filter = new RequestIdFilter();

    RequestIdFilter.RequestInfo serve(MockHttpServletRequest req, MockHttpServletResponse res) throws Exception {
        AtomicReference<RequestIdFilter.RequestInfo> seen = new AtomicReference<>();
        AtomicReference<String> mdc = new AtomicReference<>();
        filter.doFilter(req, res, new MockFilterChain(new jakarta.servlet.http.HttpServlet() {}, (rq, rs, ch) -> {
            seen.set(RequestIdFilter.current().orElseThrow());
            mdc.set(MDC.get(RequestIdFilter.MDC_KEY));
        }));
        assertThat(mdc.get()).isEqualTo(seen.get().id());
        assertThat(res.getHeader(RequestIdFilter.HEADER)).isEqualTo(seen.get().id());
        assertThat(RequestIdFilter.current()).as("cleared after the request").isEmpty();
        assertThat(MDC.get(RequestIdFilter.MDC_KEY)).isNull();
        return seen.get();
    }

    @Test
    void a_clients_well_formed_id_is_kept_and_api_paths_are_api() throws Exception {
        MockHttpServletRequest req = new MockHttpServletRequest("POST", "/api/v1/machines");
        req.addHeader(RequestIdFilter.HEADER, "client-42.a_b");
        req.setRemoteAddr("10.0.0.7");
        RequestIdFilter.RequestInfo info = serve(req, new MockHttpServletResponse());
        assertThat(info.id()).isEqualTo("client-42.a_b");
        assertThat(info.source()).isEqualTo("api");
        assertThat(info.remoteAddress()).isEqualTo("10.0.0.7");
        assertThat(info.line()).isEqualTo("POST /api/v1/machines");
    }

    @Test
    void a_malformed_or_too_long_id_is_replaced_and_other_paths_are_ui() throws Exception {
        for (String bad : new String[] {"a b", "x\r\nInjected: 1", "", "a".repeat(65), "ü"}) {
            MockHttpServletRequest req = new MockHttpServletRequest("GET", "/machines");
            req.addHeader(RequestIdFilter.HEADER, bad);
            RequestIdFilter.RequestInfo info = serve(req, new MockHttpServletResponse());
            assertThat(info.id()).isNotEqualTo(bad).matches("[A-Za-z0-9._-]{1,64}");
            assertThat(info.source()).isEqualTo("ui");
        }
        MockHttpServletRequest none = new MockHttpServletRequest("GET", "/");
        assertThat(serve(none, new MockHttpServletResponse()).id()).matches("[0-9a-f-]{36}");
    }
}
