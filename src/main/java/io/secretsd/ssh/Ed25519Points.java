package io.secretsd.ssh;

import java.math.BigInteger;
import org.bouncycastle.math.ec.rfc8032.Ed25519;

/** Ed25519 public points: validation, and the birational map to the Montgomery (X25519) u coordinate. */
final class Ed25519Points {
    private Ed25519Points() {}

    private static final BigInteger P = BigInteger.TWO.pow(255).subtract(BigInteger.valueOf(19));

    /** True when the 32 bytes decode to a point on the curve (edwards25519 Point.SetBytes also allows small order). */
    static boolean isValid(byte[] point) {
        return point.length == 32 && Ed25519.validatePublicKeyPartial(point, 0);
    }

    /**
     * u = (1 + y) / (1 − y) mod p, as edwards25519's BytesMontgomery. For the identity point (y = 1)
     * the inverse of zero is taken as zero, so u = 0, as in Go. Public data, so BigInteger timing is fine.
     */
    static byte[] montgomeryU(byte[] point) {
        byte[] be = new byte[32];
        for (int i = 0; i < 32; i++) be[31 - i] = point[i];
        be[0] &= 0x7f;
        BigInteger y = new BigInteger(1, be);
        BigInteger denominator = BigInteger.ONE.subtract(y).mod(P);
        BigInteger u = denominator.signum() == 0
                ? BigInteger.ZERO
                : BigInteger.ONE.add(y).multiply(denominator.modInverse(P)).mod(P);
        byte[] mag = u.toByteArray();
        byte[] out = new byte[32];
        for (int i = 0; i < 32 && i < mag.length; i++) out[i] = mag[mag.length - 1 - i];
        return out;
    }
}
