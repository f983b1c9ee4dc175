package io.secretsd.ssh;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * One PEM block (RFC 7468, plus the RFC 1421 headers of legacy encrypted keys), decoded from bytes
 * without ever turning the secret body into a String. The owner wipes {@link #body}.
 */
record Pem(String label, Map<String, String> headers, byte[] body) {

    static Pem decode(byte[] file) throws MalformedKeyException {
        int begin = indexOf(file, "-----BEGIN ", 0);
        if (begin < 0) {
            String start = new String(file, 0, Math.min(file.length, 12), StandardCharsets.US_ASCII);
            if (start.startsWith("ssh-")) {
                throw new MalformedKeyException("PEM", "this is a public key line, not a private key file");
            }
            throw new MalformedKeyException("PEM", "no -----BEGIN line: not a PEM private key file");
        }
        int labelStart = begin + 11;
        int labelEnd = indexOf(file, "-----", labelStart);
        int eol = labelEnd < 0 ? -1 : indexOf(file, "\n", labelEnd);
        if (labelEnd < 0 || eol < 0 || !blank(file, labelEnd + 5, eol)) {
            throw new MalformedKeyException("PEM BEGIN line", "is not terminated by -----");
        }
        String label = new String(file, labelStart, labelEnd - labelStart, StandardCharsets.US_ASCII);
        String endLine = "-----END " + label + "-----";
        int end = indexOf(file, endLine, eol);
        if (end < 0) throw new MalformedKeyException("PEM", "no " + SshWireReader.printable(endLine) + " line");

        int pos = eol + 1;
        Map<String, String> headers = new LinkedHashMap<>();
        // RFC 1421 headers ("Proc-Type: 4,ENCRYPTED") come first, then an empty line.
        int firstLineEnd = lineEnd(file, pos, end);
        if (contains(file, pos, firstLineEnd, (byte) ':')) {
            while (pos < end) {
                int le = lineEnd(file, pos, end);
                String line = new String(file, pos, le - pos, StandardCharsets.US_ASCII).strip();
                pos = Math.min(le + 1, end);
                if (line.isEmpty()) break;
                int colon = line.indexOf(':');
                if (colon < 0) throw new MalformedKeyException("PEM headers", "line without ':' before the empty line");
                headers.put(line.substring(0, colon).strip(), line.substring(colon + 1).strip());
            }
        }
        byte[] b64 = new byte[end - pos];
        int n = 0;
        for (int i = pos; i < end; i++) {
            byte c = file[i];
            if (c != '\n' && c != '\r' && c != ' ' && c != '\t') b64[n++] = c;
        }
        try {
            return new Pem(label, Map.copyOf(headers), Base64.getDecoder().decode(Arrays.copyOf(b64, n)));
        } catch (IllegalArgumentException e) {
            throw new MalformedKeyException("PEM body", "not valid base64");
        } finally {
            Arrays.fill(b64, (byte) 0);
        }
    }

    void wipe() {
        Arrays.fill(body, (byte) 0);
    }

    @Override
    public String toString() {
        return "Pem[" + label + ", " + body.length + " bytes]";
    }

    private static int lineEnd(byte[] b, int from, int limit) {
        for (int i = from; i < limit; i++) if (b[i] == '\n') return i;
        return limit;
    }

    private static boolean contains(byte[] b, int from, int to, byte c) {
        for (int i = from; i < to; i++) if (b[i] == c) return true;
        return false;
    }

    private static boolean blank(byte[] b, int from, int to) {
        for (int i = from; i < to; i++) if (b[i] != '\r' && b[i] != ' ' && b[i] != '\t') return false;
        return true;
    }

    private static int indexOf(byte[] b, String s, int from) {
        byte[] needle = s.getBytes(StandardCharsets.US_ASCII);
        outer:
        for (int i = Math.max(from, 0); i <= b.length - needle.length; i++) {
            for (int j = 0; j < needle.length; j++) if (b[i + j] != needle[j]) continue outer;
            return i;
        }
        return -1;
    }
}
