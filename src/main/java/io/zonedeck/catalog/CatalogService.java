package io.zonedeck.catalog;

import io.zonedeck.audit.Audited;
import io.zonedeck.base.FieldProblems;
import io.zonedeck.base.ZoneDeckException;
import io.zonedeck.catalog.internal.ImageEntity;
import io.zonedeck.catalog.internal.ImageRepository;
import io.zonedeck.catalog.internal.PackageEntity;
import io.zonedeck.catalog.internal.PackageRepository;
import io.zonedeck.security.CurrentCaller;
import io.zonedeck.security.Roles;
import jakarta.annotation.security.RolesAllowed;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.UUID;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Packages and images. Active ones are readable by every signed-in user (the cloud's public catalog); operators
 * create, retire, disable, change and delete them. Packages are immutable once used: retire and create anew.
 */
@Service
public class CatalogService {
    static final String ACTIVE = "active";
    static final String DISABLED = "disabled";

    private final PackageRepository packages;
    private final ImageRepository images;
    private final List<CatalogUsage> usages;
    private final CurrentCaller caller;

    CatalogService(
            PackageRepository packages, ImageRepository images, List<CatalogUsage> usages, CurrentCaller caller) {
        this.packages = packages;
        this.images = images;
        this.usages = List.copyOf(usages);
        this.caller = caller;
    }

    /** Active packages: what tenants choose from. */
    @Transactional(readOnly = true)
    public List<MachinePackage> packages() {
        return packages.findByActiveTrueOrderByRamMiBAsc().stream()
                .map(CatalogService::toRecord)
                .toList();
    }

    /** Every package, retired ones included (operators). */
    @Transactional(readOnly = true)
    @RolesAllowed(Roles.OPERATOR)
    public List<MachinePackage> allPackages() {
        return packages.findAll().stream()
                .sorted(Comparator.comparing((PackageEntity p) -> !p.active)
                        .thenComparingLong(p -> p.ramMiB)
                        .thenComparing(p -> p.name))
                .map(CatalogService::toRecord)
                .toList();
    }

    /** What the caller may list: every package for operators, the active ones for tenants. */
    @Transactional(readOnly = true)
    public List<MachinePackage> visiblePackages() {
        return caller.get().isOperator() ? allPackages() : packages();
    }

    /** Active images: what tenants choose from. */
    @Transactional(readOnly = true)
    public List<Image> images() {
        return images.findByStateOrderByNameAscVersionDesc(ACTIVE).stream()
                .map(CatalogService::toRecord)
                .toList();
    }

    /** Every image, disabled ones included (operators). */
    @Transactional(readOnly = true)
    @RolesAllowed(Roles.OPERATOR)
    public List<Image> allImages() {
        return images.findAll().stream()
                .sorted(Comparator.comparing((ImageEntity i) -> !ACTIVE.equals(i.state))
                        .thenComparing(i -> i.name)
                        .thenComparing(i -> i.version, Comparator.reverseOrder()))
                .map(CatalogService::toRecord)
                .toList();
    }

    /** What the caller may list: every image for operators, the active ones for tenants. */
    @Transactional(readOnly = true)
    public List<Image> visibleImages() {
        return caller.get().isOperator() ? allImages() : images();
    }

    @Transactional(readOnly = true)
    public Optional<MachinePackage> packageById(UUID id) {
        return packages.findById(id).map(CatalogService::toRecord);
    }

    @Transactional(readOnly = true)
    public Optional<Image> imageById(UUID id) {
        return images.findById(id).map(CatalogService::toRecord);
    }

    /** A package by id or by name, as CloudAPI accepts either; only active packages can be chosen. */
    @Transactional(readOnly = true)
    public Optional<MachinePackage> findPackage(String idOrName) {
        return parseUuid(idOrName)
                .flatMap(packages::findById)
                .or(() -> packages.findByName(idOrName))
                .filter(p -> p.active)
                .map(CatalogService::toRecord);
    }

    /** An active image by id, by name (newest version) or by "name@version". */
    @Transactional(readOnly = true)
    public Optional<Image> findImage(String idOrName) {
        Optional<ImageEntity> byId = parseUuid(idOrName).flatMap(images::findById);
        if (byId.isPresent()) {
            return byId.filter(i -> ACTIVE.equals(i.state)).map(CatalogService::toRecord);
        }
        String name = idOrName.contains("@") ? idOrName.substring(0, idOrName.indexOf('@')) : idOrName;
        String version = idOrName.contains("@") ? idOrName.substring(idOrName.indexOf('@') + 1) : null;
        return images.findByName(name).stream()
                .filter(i -> ACTIVE.equals(i.state))
                .filter(i -> version == null || version.equals(i.version))
                .max(Comparator.comparing(i -> i.version))
                .map(CatalogService::toRecord);
    }

    /** Machines using a package, as counted by the feature that owns machines (0 when none counts). */
    public long machinesUsingPackage(UUID id) {
        return usages.stream().mapToLong(u -> u.machinesUsingPackage(id)).sum();
    }

    /** Machines using an image, as counted by the feature that owns machines (0 when none counts). */
    public long machinesUsingImage(UUID id) {
        return usages.stream().mapToLong(u -> u.machinesUsingImage(id)).sum();
    }

    // --- packages (operators) ---

    @Transactional
    @RolesAllowed(Roles.OPERATOR)
    @Audited("package.create")
    public MachinePackage createPackage(
            String name, long ramMiB, long diskGiB, int vcpus, int cpuCap, int cpuShares, int ioPriority, int maxLwps) {
        return createPackage(
                new PackageRequest(name, ramMiB, diskGiB, vcpus, cpuCap, cpuShares, ioPriority, maxLwps, null, null));
    }

    @Transactional
    @RolesAllowed(Roles.OPERATOR)
    @Audited("package.create")
    public MachinePackage createPackage(PackageRequest request) {
        PackageRequest r = CatalogRules.withDefaults(request);
        FieldProblems p = CatalogRules.checkPackage(r);
        if (!p.has("name") && packages.findByName(r.name()).isPresent()) {
            p.add("name", FieldProblems.DUPLICATE, "A package named " + r.name() + " already exists");
        }
        p.throwIfAny();
        PackageEntity e = new PackageEntity();
        e.id = UUID.randomUUID();
        apply(e, r);
        return toRecord(packages.save(e));
    }

    /**
     * Changes a package: values not given stay. A used package keeps its name and sizes (409 InUse); only its
     * billing tag may change.
     */
    @Transactional
    @RolesAllowed(Roles.OPERATOR)
    @Audited("package.update")
    public MachinePackage updatePackage(UUID id, PackageRequest request) {
        PackageEntity e = packages.findById(id).orElseThrow(() -> ZoneDeckException.notFound("package " + id));
        PackageRequest current = toRequest(e);
        PackageRequest r = merge(current, request);
        FieldProblems p = CatalogRules.checkPackage(r);
        if (!p.has("name")
                && !r.name().equals(e.name)
                && packages.findByName(r.name()).isPresent()) {
            p.add("name", FieldProblems.DUPLICATE, "A package named " + r.name() + " already exists");
        }
        p.throwIfAny();
        boolean sizesChange = !sameSizes(current, r);
        if (sizesChange) {
            long used = machinesUsingPackage(id);
            if (used > 0) {
                throw ZoneDeckException.conflict(
                        "InUse",
                        "package " + e.name + " is used by " + used + " machine" + (used == 1 ? "" : "s")
                                + ": retire it and create a new one");
            }
        }
        apply(e, r);
        return toRecord(packages.save(e));
    }

    /** Retired packages stay on the machines that use them but cannot be chosen for new machines. */
    @Transactional
    @RolesAllowed(Roles.OPERATOR)
    @Audited("package.retire")
    public MachinePackage retirePackage(UUID id) {
        return setActive(id, false);
    }

    @Transactional
    @RolesAllowed(Roles.OPERATOR)
    @Audited("package.reactivate")
    public MachinePackage reactivatePackage(UUID id) {
        return setActive(id, true);
    }

    /** Deletes an unused package (409 InUse otherwise: retire it instead). */
    @Transactional
    @RolesAllowed(Roles.OPERATOR)
    @Audited("package.delete")
    public void deletePackage(UUID id) {
        PackageEntity e = packages.findById(id).orElseThrow(() -> ZoneDeckException.notFound("package " + id));
        long used = machinesUsingPackage(id);
        if (used > 0) {
            throw ZoneDeckException.conflict(
                    "InUse",
                    "package " + e.name + " is used by " + used + " machine" + (used == 1 ? "" : "s")
                            + ": retire it instead");
        }
        packages.delete(e);
    }

    // --- images (operators) ---

    @Transactional
    @RolesAllowed(Roles.OPERATOR)
    @Audited("image.create")
    public Image createImage(String name, String version, String os, List<String> brands, long sizeMiB) {
        return createImage(new ImageRequest(name, version, os, brands, sizeMiB));
    }

    @Transactional
    @RolesAllowed(Roles.OPERATOR)
    @Audited("image.create")
    public Image createImage(ImageRequest request) {
        ImageRequest r = CatalogRules.normalize(request);
        FieldProblems p = CatalogRules.checkImage(r);
        checkImageDuplicate(p, r, null);
        p.throwIfAny();
        ImageEntity i = new ImageEntity();
        i.id = UUID.randomUUID();
        apply(i, r);
        return toRecord(images.save(i));
    }

    /**
     * Imports an image under its own UUID, as imgadm does (an image's UUID is the same on every node that has it;
     * the linux driver's workload images are known by theirs). Importing a UUID the catalogue already has changes
     * nothing and returns the image as it is.
     */
    @Transactional
    @RolesAllowed(Roles.OPERATOR)
    @Audited("image.import")
    public Image importImage(UUID id, ImageRequest request) {
        Optional<ImageEntity> existing = images.findById(id);
        if (existing.isPresent()) {
            return toRecord(existing.get());
        }
        ImageRequest r = CatalogRules.normalize(request);
        FieldProblems p = CatalogRules.checkImage(r);
        checkImageDuplicate(p, r, null);
        p.throwIfAny();
        ImageEntity i = new ImageEntity();
        i.id = id;
        apply(i, r);
        return toRecord(images.save(i));
    }

    /** Changes an unused image: values not given stay (409 InUse when machines use it). */
    @Transactional
    @RolesAllowed(Roles.OPERATOR)
    @Audited("image.update")
    public Image updateImage(UUID id, ImageRequest request) {
        ImageEntity i = images.findById(id).orElseThrow(() -> ZoneDeckException.notFound("image " + id));
        ImageRequest r = CatalogRules.normalize(new ImageRequest(
                request.name() == null ? i.name : request.name(),
                request.version() == null ? i.version : request.version(),
                request.os() == null ? i.os : request.os(),
                request.brands() == null ? brands(i) : request.brands(),
                request.sizeMiB() == null ? i.sizeMiB : request.sizeMiB()));
        FieldProblems p = CatalogRules.checkImage(r);
        checkImageDuplicate(p, r, id);
        p.throwIfAny();
        long used = machinesUsingImage(id);
        if (used > 0) {
            throw ZoneDeckException.conflict(
                    "InUse",
                    "image " + i.name + " " + i.version + " is used by " + used + " machine" + (used == 1 ? "" : "s")
                            + ": disable it and create a new version");
        }
        apply(i, r);
        return toRecord(images.save(i));
    }

    /** Disabled images stay on the machines that use them but cannot be chosen for new machines. */
    @Transactional
    @RolesAllowed(Roles.OPERATOR)
    @Audited("image.disable")
    public Image disableImage(UUID id) {
        return setState(id, DISABLED);
    }

    @Transactional
    @RolesAllowed(Roles.OPERATOR)
    @Audited("image.enable")
    public Image enableImage(UUID id) {
        return setState(id, ACTIVE);
    }

    /** Deletes an unused image (409 InUse otherwise: disable it instead). */
    @Transactional
    @RolesAllowed(Roles.OPERATOR)
    @Audited("image.delete")
    public void deleteImage(UUID id) {
        ImageEntity i = images.findById(id).orElseThrow(() -> ZoneDeckException.notFound("image " + id));
        long used = machinesUsingImage(id);
        if (used > 0) {
            throw ZoneDeckException.conflict(
                    "InUse",
                    "image " + i.name + " " + i.version + " is used by " + used + " machine" + (used == 1 ? "" : "s")
                            + ": disable it instead");
        }
        images.delete(i);
    }

    private void checkImageDuplicate(FieldProblems p, ImageRequest r, UUID self) {
        if (p.has("name") || p.has("version")) {
            return;
        }
        boolean taken =
                images.findByName(r.name()).stream().anyMatch(i -> i.version.equals(r.version()) && !i.id.equals(self));
        if (taken) {
            p.add("version", FieldProblems.DUPLICATE, "Image " + r.name() + " " + r.version() + " already exists");
        }
    }

    private MachinePackage setActive(UUID id, boolean active) {
        PackageEntity e = packages.findById(id).orElseThrow(() -> ZoneDeckException.notFound("package " + id));
        e.active = active;
        return toRecord(packages.save(e));
    }

    private Image setState(UUID id, String state) {
        ImageEntity i = images.findById(id).orElseThrow(() -> ZoneDeckException.notFound("image " + id));
        i.state = state;
        return toRecord(images.save(i));
    }

    private static PackageRequest merge(PackageRequest c, PackageRequest r) {
        return new PackageRequest(
                r.name() == null ? c.name() : r.name().trim(),
                r.ramMiB() == null ? c.ramMiB() : r.ramMiB(),
                r.diskGiB() == null ? c.diskGiB() : r.diskGiB(),
                r.vcpus() == null ? c.vcpus() : r.vcpus(),
                r.cpuCap() == null ? c.cpuCap() : r.cpuCap(),
                r.cpuShares() == null ? c.cpuShares() : r.cpuShares(),
                r.zfsIoPriority() == null ? c.zfsIoPriority() : r.zfsIoPriority(),
                r.maxLwps() == null ? c.maxLwps() : r.maxLwps(),
                r.maxSwapMiB() == null ? c.maxSwapMiB() : r.maxSwapMiB(),
                r.billingTag() == null ? c.billingTag() : r.billingTag().trim());
    }

    /** Everything but the billing tag: what a machine was sized and billed by. */
    private static boolean sameSizes(PackageRequest a, PackageRequest b) {
        return Objects.equals(a.name(), b.name())
                && Objects.equals(a.ramMiB(), b.ramMiB())
                && Objects.equals(a.diskGiB(), b.diskGiB())
                && Objects.equals(a.vcpus(), b.vcpus())
                && Objects.equals(a.cpuCap(), b.cpuCap())
                && Objects.equals(a.cpuShares(), b.cpuShares())
                && Objects.equals(a.zfsIoPriority(), b.zfsIoPriority())
                && Objects.equals(a.maxLwps(), b.maxLwps())
                && Objects.equals(a.maxSwapMiB(), b.maxSwapMiB());
    }

    private static PackageRequest toRequest(PackageEntity e) {
        return new PackageRequest(
                e.name,
                e.ramMiB,
                e.diskGiB,
                e.vcpus,
                e.cpuCap,
                e.cpuShares,
                e.zfsIoPriority,
                e.maxLwps,
                e.maxSwapMiB,
                e.billingTag);
    }

    private static void apply(PackageEntity e, PackageRequest r) {
        e.name = r.name();
        e.ramMiB = r.ramMiB();
        e.diskGiB = r.diskGiB();
        e.vcpus = r.vcpus();
        e.cpuCap = r.cpuCap();
        e.cpuShares = r.cpuShares();
        e.zfsIoPriority = r.zfsIoPriority();
        e.maxLwps = r.maxLwps();
        e.maxSwapMiB = r.maxSwapMiB();
        e.billingTag = r.billingTag();
    }

    private static void apply(ImageEntity i, ImageRequest r) {
        i.name = r.name();
        i.version = r.version();
        i.os = r.os();
        i.brands = String.join(",", r.brands());
        i.sizeMiB = r.sizeMiB();
    }

    private static List<String> brands(ImageEntity i) {
        return Arrays.asList(i.brands.split(","));
    }

    private static Optional<UUID> parseUuid(String s) {
        try {
            return Optional.of(UUID.fromString(s));
        } catch (IllegalArgumentException | NullPointerException e) {
            return Optional.empty();
        }
    }

    private static MachinePackage toRecord(PackageEntity p) {
        return new MachinePackage(
                p.id,
                p.name,
                p.ramMiB,
                p.diskGiB,
                p.vcpus,
                p.cpuCap,
                p.cpuShares,
                p.zfsIoPriority,
                p.maxLwps,
                p.maxSwapMiB,
                p.billingTag,
                p.active);
    }

    private static Image toRecord(ImageEntity i) {
        return new Image(i.id, i.name, i.version, i.os, brands(i), i.sizeMiB, i.state);
    }
}
