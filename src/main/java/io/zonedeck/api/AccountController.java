package io.zonedeck.api;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import io.zonedeck.base.MultiLineText;
import io.zonedeck.security.SshKey;
import io.zonedeck.security.SshKeyService;
import io.zonedeck.security.UserService;
import io.zonedeck.security.UserSummary;
import java.util.List;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/** The caller's own account: who they are, their password and their saved SSH keys. */
@RestController
@RequestMapping("/api/v1/account")
@Tag(name = "account", description = "The signed-in user's password and SSH keys")
class AccountController {
    private final UserService users;
    private final SshKeyService keys;

    AccountController(UserService users, SshKeyService keys) {
        this.users = users;
        this.keys = keys;
    }

    /** A pasted key may end with a line break; the key rules refuse one inside it. */
    record KeyBody(String name, @MultiLineText String publicKey) {}

    record PasswordBody(String currentPassword, String newPassword) {}

    @GetMapping
    @Operation(summary = "The signed-in user")
    UserSummary me() {
        return users.me();
    }

    @GetMapping("/keys")
    @Operation(summary = "The caller's saved SSH public keys with their SHA256 fingerprints")
    List<SshKey> keys() {
        return keys.mine();
    }

    @PostMapping("/keys")
    @Operation(
            summary = "Save an SSH public key: {name, publicKey} (ssh-ed25519, ssh-rsa, ecdsa-sha2-nistp256/384/521,"
                    + " sk-…); 409 Duplicate for a key or name already saved")
    ResponseEntity<SshKey> addKey(@RequestBody KeyBody b) {
        return ResponseEntity.status(HttpStatus.CREATED).body(keys.add(b.name(), b.publicKey()));
    }

    @DeleteMapping("/keys/{id}")
    @Operation(summary = "Delete one of the caller's keys")
    ResponseEntity<Void> deleteKey(@PathVariable String id) {
        keys.delete(Ids.parse(id, "SSH key"));
        return ResponseEntity.noContent().build();
    }

    @PutMapping("/password")
    @Operation(
            summary = "Change the caller's password: {currentPassword, newPassword}; at least 12 characters, not"
                    + " containing the user name")
    ResponseEntity<Void> password(@RequestBody PasswordBody b) {
        users.changePassword(b.currentPassword(), b.newPassword());
        return ResponseEntity.noContent().build();
    }
}
