package io.zonedeck.catalog;

import io.zonedeck.base.ZoneDeckException;
import io.zonedeck.catalog.internal.ImageEntity;
import io.zonedeck.catalog.internal.ImageRepository;
import io.zonedeck.catalog.internal.PackageEntity;
import io.zonedeck.catalog.internal.PackageRepository;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/** Packages and images. Both are readable by every signed-in user; they are the cloud's public catalog. */
@Service
public class CatalogService {
    private final PackageRepository packages;
    private final ImageRepository images;

    CatalogService(PackageRepository packages, ImageRepository images) {
        this.packages = packages;
        this.images = images;
    }

    @Transactional(readOnly = true)
    public List<MachinePackage> packages() {
        return packages.findByActiveTrueOrderByRamMiBAsc().stream()
                .map(CatalogService::toRecord)
                .toList();
    }

    @Transactional(readOnly = true)
    public List<Image> images() {
        return images.findByStateOrderByNameAscVersionDesc("active").stream()
                .map(CatalogService::toRecord)
                .toList();
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
            return byId.filter(i -> "active".equals(i.state)).map(CatalogService::toRecord);
        }
        String name = idOrName.contains("@") ? idOrName.substring(0, idOrName.indexOf('@')) : idOrName;
        String version = idOrName.contains("@") ? idOrName.substring(idOrName.indexOf('@') + 1) : null;
        return images.findByName(name).stream()
                .filter(i -> "active".equals(i.state))
                .filter(i -> version == null || version.equals(i.version))
                .max(Comparator.comparing(i -> i.version))
                .map(CatalogService::toRecord);
    }

    @Transactional
    public MachinePackage createPackage(
            String name, long ramMiB, long diskGiB, int vcpus, int cpuCap, int cpuShares, int ioPriority, int maxLwps) {
        if (packages.findByName(name).isPresent()) {
            throw ZoneDeckException.conflict("Duplicate", "package " + name + " already exists");
        }
        PackageEntity p = new PackageEntity();
        p.id = UUID.randomUUID();
        p.name = name;
        p.ramMiB = ramMiB;
        p.diskGiB = diskGiB;
        p.vcpus = vcpus;
        p.cpuCap = cpuCap;
        p.cpuShares = cpuShares;
        p.zfsIoPriority = ioPriority;
        p.maxLwps = maxLwps;
        p.maxSwapMiB = Math.max(ramMiB * 2, 256);
        return toRecord(packages.save(p));
    }

    @Transactional
    public Image createImage(String name, String version, String os, List<String> brands, long sizeMiB) {
        ImageEntity i = new ImageEntity();
        i.id = UUID.randomUUID();
        i.name = name;
        i.version = version;
        i.os = os;
        i.brands = String.join(",", brands);
        i.sizeMiB = sizeMiB;
        return toRecord(images.save(i));
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
        return new Image(i.id, i.name, i.version, i.os, Arrays.asList(i.brands.split(",")), i.sizeMiB, i.state);
    }
}
