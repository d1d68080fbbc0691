package io.zonedeck.api;

import io.zonedeck.catalog.CatalogService;
import io.zonedeck.catalog.Image;
import io.zonedeck.catalog.MachinePackage;
import java.util.List;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

@RestController
class CatalogController {
    private final CatalogService catalog;

    CatalogController(CatalogService catalog) {
        this.catalog = catalog;
    }

    @GetMapping("/api/v1/packages")
    List<MachinePackage> packages() {
        return catalog.packages();
    }

    @GetMapping("/api/v1/images")
    List<Image> images() {
        return catalog.images();
    }
}
