package io.zonedeck.security;

import java.util.ArrayList;
import java.util.List;
import org.springframework.security.authentication.AbstractAuthenticationToken;
import org.springframework.security.core.GrantedAuthority;
import org.springframework.security.core.authority.SimpleGrantedAuthority;

/** A REST request authenticated by a personal access token: its owner's role plus the token's scope. */
public final class ApiTokenAuthentication extends AbstractAuthenticationToken {
    private final ZoneDeckUser user;
    private final ApiTokenScope scope;

    ApiTokenAuthentication(ZoneDeckUser user, ApiTokenScope scope) {
        super(authorities(user, scope));
        this.user = user;
        this.scope = scope;
        setAuthenticated(true);
    }

    public ApiTokenScope scope() {
        return scope;
    }

    @Override
    public Object getCredentials() {
        return "";
    }

    @Override
    public ZoneDeckUser getPrincipal() {
        return user;
    }

    private static List<GrantedAuthority> authorities(ZoneDeckUser user, ApiTokenScope scope) {
        List<GrantedAuthority> all = new ArrayList<>(user.getAuthorities());
        all.add(new SimpleGrantedAuthority(scope.authority()));
        return all;
    }
}
