package io.zonedeck.api;

import io.swagger.v3.oas.annotations.Operation;
import io.zonedeck.base.ZoneDeckException;
import io.zonedeck.catalog.CatalogService;
import io.zonedeck.catalog.Image;
import io.zonedeck.catalog.ImageRequest;
import io.zonedeck.catalog.MachinePackage;
import io.zonedeck.catalog.PackageRequest;
import java.util.List;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

/**
 * Packages and images. Everyone lists the active ones; operators (method security in {@link CatalogService})
 * see retired and disabled ones too and create, change, retire, disable and delete them.
 */
@RestController
class CatalogController {
    private final CatalogService catalog;

    CatalogController(CatalogService catalog) {
        this.catalog = catalog;
    }

    @GetMapping("/api/v1/packages")
    @Operation(summary = "List packages: active ones for tenants, every package (with `active`) for operators")
    List<MachinePackage> packages() {
        return catalog.visiblePackages();
    }

    @PostMapping("/api/v1/packages")
    @Operation(summary = "Create a package (operator); swap defaults to max(2 × RAM, 256) MiB")
    ResponseEntity<MachinePackage> createPackage(@RequestBody PackageRequest body) {
        return ResponseEntity.status(HttpStatus.CREATED).body(catalog.createPackage(body));
    }

    @GetMapping("/api/v1/packages/{id}")
    @Operation(summary = "One package, retired or not")
    MachinePackage getPackage(@PathVariable String id) {
        return catalog.packageById(Ids.parse(id, "package"))
                .orElseThrow(() -> ZoneDeckException.notFound("package " + id));
    }

    @PutMapping("/api/v1/packages/{id}")
    @Operation(
            summary = "Change a package (operator); fields left out stay. A used package keeps its name and sizes"
                    + " (409 InUse): retire it and create a new one")
    MachinePackage updatePackage(@PathVariable String id, @RequestBody PackageRequest body) {
        return catalog.updatePackage(Ids.parse(id, "package"), body);
    }

    @DeleteMapping("/api/v1/packages/{id}")
    @Operation(summary = "Delete an unused package (operator); 409 InUse when machines use it")
    ResponseEntity<Void> deletePackage(@PathVariable String id) {
        catalog.deletePackage(Ids.parse(id, "package"));
        return ResponseEntity.noContent().build();
    }

    @PostMapping("/api/v1/packages/{id}/retire")
    @Operation(summary = "Retire a package (operator): machines keep it, new machines cannot choose it")
    MachinePackage retire(@PathVariable String id) {
        return catalog.retirePackage(Ids.parse(id, "package"));
    }

    @PostMapping("/api/v1/packages/{id}/reactivate")
    @Operation(summary = "Make a retired package choosable again (operator)")
    MachinePackage reactivate(@PathVariable String id) {
        return catalog.reactivatePackage(Ids.parse(id, "package"));
    }

    @GetMapping("/api/v1/images")
    @Operation(summary = "List images: active ones for tenants, every image (with `state`) for operators")
    List<Image> images() {
        return catalog.visibleImages();
    }

    @PostMapping("/api/v1/images")
    @Operation(summary = "Create an image (operator); brands ⊆ joyent, joyent-minimal, lx, kvm, bhyve")
    ResponseEntity<Image> createImage(@RequestBody ImageRequest body) {
        return ResponseEntity.status(HttpStatus.CREATED).body(catalog.createImage(body));
    }

    @GetMapping("/api/v1/images/{id}")
    @Operation(summary = "One image, disabled or not")
    Image getImage(@PathVariable String id) {
        return catalog.imageById(Ids.parse(id, "image")).orElseThrow(() -> ZoneDeckException.notFound("image " + id));
    }

    @PutMapping("/api/v1/images/{id}")
    @Operation(summary = "Change an unused image (operator); fields left out stay; 409 InUse when machines use it")
    Image updateImage(@PathVariable String id, @RequestBody ImageRequest body) {
        return catalog.updateImage(Ids.parse(id, "image"), body);
    }

    @DeleteMapping("/api/v1/images/{id}")
    @Operation(summary = "Delete an unused image (operator); 409 InUse when machines use it")
    ResponseEntity<Void> deleteImage(@PathVariable String id) {
        catalog.deleteImage(Ids.parse(id, "image"));
        return ResponseEntity.noContent().build();
    }

    @PostMapping("/api/v1/images/{id}/disable")
    @Operation(summary = "Disable an image (operator): machines keep it, new machines cannot choose it")
    Image disable(@PathVariable String id) {
        return catalog.disableImage(Ids.parse(id, "image"));
    }

    @PostMapping("/api/v1/images/{id}/enable")
    @Operation(summary = "Make a disabled image choosable again (operator)")
    Image enable(@PathVariable String id) {
        return catalog.enableImage(Ids.parse(id, "image"));
    }
}
