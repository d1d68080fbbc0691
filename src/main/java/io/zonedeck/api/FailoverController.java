package io.zonedeck.api;

import io.zonedeck.failover.CreatePairRequest;
import io.zonedeck.failover.FailoverPair;
import io.zonedeck.failover.FailoverRecord;
import io.zonedeck.failover.FailoverService;
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

/** VRRP failover pairs; each pair shows its members with their current router state. */
@RestController
@RequestMapping("/api/v1/failover-pairs")
class FailoverController {
    private final FailoverService pairs;

    FailoverController(FailoverService pairs) {
        this.pairs = pairs;
    }

    @GetMapping
    List<FailoverPair> list() {
        return pairs.list();
    }

    @PostMapping
    ResponseEntity<FailoverPair> create(@RequestBody CreatePairRequest body) {
        return ResponseEntity.status(HttpStatus.CREATED).body(pairs.create(body));
    }

    @GetMapping("/{id}")
    FailoverPair get(@PathVariable String id) {
        return pairs.get(Ids.parse(id, "failover pair"));
    }

    @GetMapping("/{id}/history")
    List<FailoverRecord> history(@PathVariable String id) {
        return pairs.history(Ids.parse(id, "failover pair"));
    }

    @DeleteMapping("/{id}")
    ResponseEntity<Void> delete(@PathVariable String id) {
        pairs.delete(Ids.parse(id, "failover pair"));
        return ResponseEntity.noContent().build();
    }

    @PostMapping("/{id}/switchover")
    FailoverPair switchover(@PathVariable String id) {
        return pairs.switchover(Ids.parse(id, "failover pair"));
    }
}
