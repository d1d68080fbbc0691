package io.zonedeck.support;

import io.zonedeck.security.UserService;
import io.zonedeck.security.ZoneDeckUser;
import java.util.function.Supplier;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.core.context.SecurityContextHolder;

/** Runs code as a user of the database, the way a signed-in request would. */
public final class As {
    private As() {}

    public static void signIn(UserService users, String username) {
        ZoneDeckUser user = (ZoneDeckUser) users.loadUserByUsername(username);
        var ctx = SecurityContextHolder.createEmptyContext();
        ctx.setAuthentication(new UsernamePasswordAuthenticationToken(user, null, user.getAuthorities()));
        SecurityContextHolder.setContext(ctx);
    }

    public static <T> T user(UserService users, String username, Supplier<T> work) {
        var previous = SecurityContextHolder.getContext();
        signIn(users, username);
        try {
            return work.get();
        } finally {
            SecurityContextHolder.setContext(previous); // a view test's signed-in user stays signed in
        }
    }
}
