package io.zonedeck.api;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import io.zonedeck.security.ApiToken;
import io.zonedeck.security.ApiTokenService;
import java.util.List;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/** The caller's personal access tokens ({@code Authorization: Bearer zdt_…}). */
@RestController
@RequestMapping("/api/v1/account/tokens")
@Tag(name = "account", description = "The signed-in user's password, SSH keys and API tokens")
class TokensController {
    private final ApiTokenService tokens;

    TokensController(ApiTokenService tokens) {
        this.tokens = tokens;
    }

    @GetMapping
    @Operation(summary = "The caller's API tokens (never the tokens themselves)")
    List<ApiToken> list() {
        return tokens.mine();
    }

    @PostMapping
    @Operation(
            summary = "Create an API token: {name, scope: READ_ONLY|READ_WRITE, expiresInDays (1-366, or null for"
                    + " none)}; the answer holds the token, shown this once. Not with a token: sign in with a password")
    ResponseEntity<ApiToken.Created> create(@RequestBody(required = false) ApiTokenService.NewToken body) {
        return ResponseEntity.status(HttpStatus.CREATED).body(tokens.create(body));
    }

    @DeleteMapping("/{id}")
    @Operation(summary = "Revoke one of the caller's tokens; it is refused from the next request on")
    ResponseEntity<Void> revoke(@PathVariable String id) {
        tokens.revoke(Ids.parse(id, "token"));
        return ResponseEntity.noContent().build();
    }
}
