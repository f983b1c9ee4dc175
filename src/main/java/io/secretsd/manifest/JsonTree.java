package io.secretsd.manifest;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.StreamReadConstraints;
import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Reads JSON into plain Java values (LinkedHashMap, ArrayList, String, Long/BigInteger, Double, Boolean,
 * null) with the streaming parser, which loads far fewer classes than a data binder.
 * Duplicate keys are rejected: which one wins is a matter of taste between parsers.
 */
final class JsonTree {
    private static final int MAX_DEPTH = 64;

    private JsonTree() {
    }

    static Object parse(byte[] bytes, String source) throws ManifestSyntaxException {
        JsonFactory factory = JsonFactory.builder()
                .streamReadConstraints(StreamReadConstraints.builder().maxNestingDepth(MAX_DEPTH).build())
                .build();
        try (JsonParser p = factory.createParser(bytes)) {
            JsonToken first = p.nextToken();
            if (first == null) {
                throw new ManifestSyntaxException(source, "failed to parse manifest: empty document", null);
            }
            Object value = value(p, first, source);
            if (p.nextToken() != null) {
                throw syntax(source, "trailing data after the manifest", p.currentLocation(), null);
            }
            return value;
        } catch (JsonProcessingException e) {
            throw syntax(source, e.getOriginalMessage(), e.getLocation(), e);
        } catch (IOException e) {
            throw new ManifestSyntaxException(source, "failed to parse manifest: " + e.getMessage(), e);
        }
    }

    private static Object value(JsonParser p, JsonToken t, String source) throws IOException {
        switch (t) {
            case START_OBJECT -> {
                Map<String, Object> map = new LinkedHashMap<>();
                JsonToken k;
                while ((k = p.nextToken()) == JsonToken.FIELD_NAME) {
                    String name = p.currentName();
                    JsonToken v = p.nextToken();
                    if (map.containsKey(name)) {
                        throw syntax(source, "duplicate key \"" + name + "\"", p.currentLocation(), null);
                    }
                    map.put(name, value(p, v, source));
                }
                return map;
            }
            case START_ARRAY -> {
                List<Object> list = new ArrayList<>();
                JsonToken v;
                while ((v = p.nextToken()) != JsonToken.END_ARRAY) {
                    list.add(value(p, v, source));
                }
                return list;
            }
            case VALUE_STRING -> {
                return p.getText();
            }
            case VALUE_NUMBER_INT -> {
                return switch (p.getNumberType()) {
                    case INT, LONG -> p.getLongValue();
                    default -> p.getBigIntegerValue();
                };
            }
            case VALUE_NUMBER_FLOAT -> {
                return p.getDoubleValue();
            }
            case VALUE_TRUE -> {
                return Boolean.TRUE;
            }
            case VALUE_FALSE -> {
                return Boolean.FALSE;
            }
            case VALUE_NULL -> {
                return null;
            }
            default -> throw syntax(source, "unexpected " + t, p.currentLocation(), null);
        }
    }

    private static ManifestSyntaxException syntax(String source, String msg, JsonLocation at, Throwable cause) {
        String where = at == null ? "" : " at line " + at.getLineNr() + ", column " + at.getColumnNr();
        return new ManifestSyntaxException(source, "failed to parse manifest: " + msg + where, cause);
    }
}
