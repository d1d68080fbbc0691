package io.zonedeck.compute;

/**
 * What a user asks for: name, brand, image and package (id or name each, as CloudAPI accepts). {@code tenant}
 * (id or name) is only for operators creating on a tenant's behalf; tenant users always create in their own.
 */
public record CreateMachineRequest(String name, String brand, String image, String pkg, String tenant) {
    public CreateMachineRequest(String name, String brand, String image, String pkg) {
        this(name, brand, image, pkg, null);
    }
}
