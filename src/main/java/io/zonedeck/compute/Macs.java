package io.zonedeck.compute;

import java.nio.ByteBuffer;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.UUID;

/**
 * MAC addresses the portal chooses for VNICs, so that adding a NIC is idempotent on the node: locally
 * administered unicast (first octet 0x92), derived from the machine and a per-machine NIC number.
 */
final class Macs {
    private Macs() {}

    static String forNic(UUID machine, int n) {
        try {
            MessageDigest sha = MessageDigest.getInstance("SHA-256");
            sha.update(ByteBuffer.allocate(20)
                    .putLong(machine.getMostSignificantBits())
                    .putLong(machine.getLeastSignificantBits())
                    .putInt(n)
                    .array());
            byte[] d = sha.digest();
            byte[] mac = {(byte) 0x92, d[0], d[1], d[2], d[3], d[4]};
            return HexFormat.ofDelimiter(":").formatHex(mac);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
