package io.zonedeck.tenancy;

import io.zonedeck.audit.Audited;
import io.zonedeck.base.FieldProblems;
import io.zonedeck.security.Caller;
import io.zonedeck.security.CurrentCaller;
import io.zonedeck.security.Roles;
import io.zonedeck.security.SignInRevoked;
import io.zonedeck.tenancy.internal.TenantEntity;
import io.zonedeck.tenancy.internal.TenantRepository;
import jakarta.annotation.security.RolesAllowed;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Tenants. Operators create, disable and enable them; a tenant's members see their own. Disabling a tenant ends its
 * users' sessions and refuses their sign-in; its machines keep running.
 */
@Service
public class TenantService {
    /** Like machine names: 1-64 letters, digits, '.', '_' or '-', starting with a letter or digit. */
    static final Pattern NAME = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]{0,63}");

    private final TenantRepository tenants;
    private final CurrentCaller caller;
    private final ApplicationEventPublisher events;
    private final Clock clock;

    TenantService(TenantRepository tenants, CurrentCaller caller, ApplicationEventPublisher events, Clock clock) {
        this.tenants = tenants;
        this.caller = caller;
        this.events = events;
        this.clock = clock;
    }

    /** Creates a tenant (operators): a name like a machine name, and a display name. */
    @RolesAllowed(Roles.OPERATOR)
    @Transactional
    @Audited("tenant.create")
    public Tenant create(String name, String displayName) {
        FieldProblems p = new FieldProblems();
        String n = name == null ? "" : name.strip();
        if (n.isEmpty()) {
            p.add("name", FieldProblems.MISSING, "A tenant name is required");
        } else if (!NAME.matcher(n).matches() || TenantLookup.isUuid(n)) {
            p.add(
                    "name",
                    FieldProblems.INVALID,
                    "Use 1-64 letters, digits, '.', '_' or '-', starting with a letter or digit (not a UUID)");
        } else if (tenants.findByName(n).isPresent()) {
            p.add("name", FieldProblems.DUPLICATE, "A tenant named " + n + " already exists");
        }
        String d = displayName == null ? "" : displayName.strip();
        if (d.isEmpty()) {
            p.add("displayName", FieldProblems.MISSING, "A display name is required");
        } else if (d.length() > 128 || d.codePoints().anyMatch(Character::isISOControl)) {
            p.add("displayName", FieldProblems.INVALID, "Use at most 128 characters without control characters");
        }
        p.throwIfAny();
        TenantEntity t = tenants.save(new TenantEntity(UUID.randomUUID(), n, d, clock.instant()));
        return toRecord(t);
    }

    @Transactional(readOnly = true)
    public Optional<Tenant> findByName(String name) {
        return tenants.findByName(name).map(TenantService::toRecord);
    }

    /** A tenant by id or name, if the caller may see it (operators: any; members: their own); else NotFound. */
    @Transactional(readOnly = true)
    public Tenant get(String idOrName) {
        return toRecord(TenantLookup.visible(tenants, caller.get(), idOrName));
    }

    /** Tenant names by id, for labelling lists. */
    @Transactional(readOnly = true)
    public Map<UUID, String> names() {
        return tenants.findAll().stream().collect(Collectors.toMap(TenantEntity::getId, TenantEntity::getName));
    }

    @Transactional(readOnly = true)
    public List<Tenant> list() {
        return tenants.findAllByOrderByName().stream()
                .map(TenantService::toRecord)
                .toList();
    }

    /** The tenants the caller may see: all for operators, their own for members. */
    @Transactional(readOnly = true)
    public List<Tenant> visible() {
        Caller c = caller.get();
        return tenants.findAllByOrderByName().stream()
                .filter(t -> c.canAccessTenant(t.getId()))
                .map(TenantService::toRecord)
                .toList();
    }

    /**
     * Disables a tenant (operators): its users cannot sign in and their open sessions end; its machines keep
     * running.
     */
    @RolesAllowed(Roles.OPERATOR)
    @Transactional
    @Audited("tenant.disable")
    public Tenant disable(String idOrName) {
        TenantEntity t = TenantLookup.visible(tenants, caller.get(), idOrName);
        if (t.isEnabled()) {
            t.setEnabled(false);
            events.publishEvent(SignInRevoked.tenant(t.getId()));
        }
        return toRecord(t);
    }

    /** Enables a tenant again (operators): its enabled users can sign in. */
    @RolesAllowed(Roles.OPERATOR)
    @Transactional
    @Audited("tenant.enable")
    public Tenant enable(String idOrName) {
        TenantEntity t = TenantLookup.visible(tenants, caller.get(), idOrName);
        t.setEnabled(true);
        return toRecord(t);
    }

    /**
     * Makes two-factor sign-in mandatory for every user of a tenant (operators), or optional again. Users who have
     * not set it up see only their account page until they do.
     */
    @RolesAllowed(Roles.OPERATOR)
    @Transactional
    @Audited("tenant.twofactor")
    public boolean requireTwoFactor(String idOrName, boolean required) {
        TenantEntity t = TenantLookup.visible(tenants, caller.get(), idOrName);
        t.setTwoFactorRequired(required);
        return required;
    }

    /** Whether a visible tenant's users must use two-factor sign-in. */
    @Transactional(readOnly = true)
    public boolean requiresTwoFactor(String idOrName) {
        return TenantLookup.visible(tenants, caller.get(), idOrName).isTwoFactorRequired();
    }

    private static Tenant toRecord(TenantEntity t) {
        return new Tenant(t.getId(), t.getName(), t.getDisplayName(), t.isEnabled());
    }
}
