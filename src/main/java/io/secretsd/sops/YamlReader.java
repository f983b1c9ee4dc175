package io.secretsd.sops;

import io.secretsd.sops.Mapping.Field;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.snakeyaml.engine.v2.api.LoadSettings;
import org.snakeyaml.engine.v2.api.lowlevel.Parse;
import org.snakeyaml.engine.v2.comments.CommentType;
import org.snakeyaml.engine.v2.events.AliasEvent;
import org.snakeyaml.engine.v2.events.CommentEvent;
import org.snakeyaml.engine.v2.events.Event;
import org.snakeyaml.engine.v2.events.MappingStartEvent;
import org.snakeyaml.engine.v2.events.NodeEvent;
import org.snakeyaml.engine.v2.events.ScalarEvent;
import org.snakeyaml.engine.v2.events.SequenceStartEvent;
import org.snakeyaml.engine.v2.exceptions.YamlEngineException;

/**
 * Builds sops trees from YAML events: several documents, comments as items (line comments move before
 * their key, as sops' yaml.v3 store does), anchors and aliases expanded, scalars typed like yaml.v3.
 */
final class YamlReader {
    /** A cap on the nodes that aliases may expand to, against billion-laughs documents. */
    private static final long MAX_NODES = 5_000_000;
    /** Deeper documents are refused, so that no later recursive walk can overflow the stack. */
    private static final int MAX_DEPTH = 1000;

    private final String file;
    private String source = "";
    private final Map<String, Value> anchors = new HashMap<>();
    private final Map<Value, Long> sizes = new java.util.IdentityHashMap<>();
    private long nodes;

    private YamlReader(String file) {
        this.file = file;
    }

    /** A container being built. */
    private static final class Frame {
        final boolean mapping;
        final String anchor;
        final int column;
        final List<Spilled> spill = new ArrayList<>();
        final List<Object> items = new ArrayList<>(); // Mapping.Item or Value
        final Set<String> keys = new HashSet<>();
        String pendingKey;
        boolean keyDone; // pendingKey holds a key awaiting its value
        final List<Comment> beforeKey = new ArrayList<>();
        long size = 1;

        Frame(boolean mapping, String anchor, int column) {
            this.mapping = mapping;
            this.anchor = anchor;
            this.column = column;
        }
    }

    /** An escape yaml.v3 writes ({@code \\L}, {@code \\P}) that snakeyaml-engine does not read, at a code point index. */
    private static final class UnreadEscape extends Exception {
        final int index;

        UnreadEscape(int index) {
            super(null, null, false, false);
            this.index = index;
        }
    }

    static List<Mapping> read(byte[] in, String file) throws SopsFormatException {
        String text;
        try {
            text = java.nio.charset.StandardCharsets.UTF_8.newDecoder().decode(java.nio.ByteBuffer.wrap(in)).toString();
        } catch (java.nio.charset.CharacterCodingException e) {
            throw new SopsFormatException(file + ": invalid YAML: not UTF-8");
        }
        for (int attempt = 0; ; attempt++) {
            try {
                return new YamlReader(file).run(text);
            } catch (UnreadEscape e) {
                // yaml.v3 writes U+2028/U+2029 as \L/\P in double quotes; give the parser \u2028/\u2029 instead
                int i = text.offsetByCodePoints(0, e.index);
                if (attempt > 10_000 || i < 1 || text.charAt(i - 1) != '\\') throw new SopsFormatException(file + ": invalid YAML: unknown escape");
                text = text.substring(0, i) + (text.charAt(i) == 'L' ? "u2028" : "u2029") + text.substring(i + 1);
            }
        }
    }

    private List<Mapping> run(String in) throws SopsFormatException, UnreadEscape {
        source = in;
        LoadSettings settings = LoadSettings.builder().setParseComments(true).setUseMarks(true)
                .setAllowDuplicateKeys(true).setCodePointLimit(Integer.MAX_VALUE).setLabel(file)
                // the whole text in one buffer: with the default 1 KiB one, snakeyaml-engine copies its window
                // again for each KiB read while it scans a scalar, quadratic in the scalar's length
                .setBufferSize(in.length() + 1).build();
        List<Mapping> docs = new ArrayList<>();
        List<Frame> stack = new ArrayList<>();
        List<Comment> docComments = new ArrayList<>();
        List<Comment> trailing = new ArrayList<>();
        Mapping root = null;
        try {
            for (Event e : new Parse(settings).parseString(in)) {
                switch (e.getEventId()) {
                    case StreamStart -> { }
                    case StreamEnd -> {
                        // comments after the last document belong to it
                        if (!docComments.isEmpty() && !docs.isEmpty()) {
                            List<Mapping.Item> items = new ArrayList<>(docs.getLast().items());
                            items.addAll(docComments);
                            docs.set(docs.size() - 1, new Mapping(items));
                        }
                    }
                    case DocumentStart -> {
                        root = null;
                        trailing.clear();
                        anchors.clear();
                    }
                    case DocumentEnd -> {
                        List<Mapping.Item> items = new ArrayList<>(docComments);
                        if (root != null) items.addAll(root.items());
                        items.addAll(trailing);
                        docs.add(new Mapping(items));
                        docComments.clear();
                        trailing.clear();
                    }
                    case Comment -> {
                        CommentEvent c = (CommentEvent) e;
                        if (c.getCommentType() == CommentType.BLANK_LINE) continue;
                        Comment comment = new Comment(c.getValue());
                        int col = c.getStartMark().map(mk -> mk.getColumn()).orElse(0);
                        if (stack.isEmpty()) {
                            if (root == null) docComments.add(comment);
                            else trailing.add(comment);
                        } else if (c.getCommentType() == CommentType.BLOCK && col < stack.getLast().column) {
                            // less indented than this block: yaml.v3 gives it to an enclosing level, after this value
                            stack.getLast().spill.add(new Spilled(comment, col));
                        } else {
                            comment(stack.getLast(), comment, c.getCommentType() == CommentType.IN_LINE);
                        }
                    }
                    case MappingStart -> {
                        MappingStartEvent m = (MappingStartEvent) e;
                        checkKeyPosition(stack, true);
                        Frame f = new Frame(true, anchorOf(m), m.isFlow() ? -1 : column(m));
                        carryComments(stack, f);
                        stack.add(f);
                        if (stack.size() > MAX_DEPTH) throw err("YAML nested too deeply");
                    }
                    case SequenceStart -> {
                        SequenceStartEvent s = (SequenceStartEvent) e;
                        checkKeyPosition(stack, true);
                        if (stack.isEmpty()) throw err("YAML documents that are sequences are not supported");
                        Frame f = new Frame(false, anchorOf(s), s.isFlow() ? -1 : column(s));
                        carryComments(stack, f);
                        stack.add(f);
                        if (stack.size() > MAX_DEPTH) throw err("YAML nested too deeply");
                    }
                    case MappingEnd, SequenceEnd -> {
                        Frame f = stack.removeLast();
                        Value v = f.mapping ? toMapping(f) : toSequence(f);
                        sizes.put(v, f.size);
                        if (f.anchor != null) anchors.put(f.anchor, v);
                        if (stack.isEmpty()) root = (Mapping) v;
                        else add(stack.getLast(), v);
                        for (Spilled sp : f.spill) {
                            if (stack.isEmpty()) trailing.add(sp.comment());
                            else if (sp.column() < stack.getLast().column) stack.getLast().spill.add(sp);
                            else comment(stack.getLast(), sp.comment(), false);
                        }
                    }
                    case Scalar -> {
                        ScalarEvent s = (ScalarEvent) e;
                        if (stack.isEmpty()) {
                            Value v = scalar(s);
                            if (v instanceof Null) continue; // an empty document
                            throw err("YAML documents that are values are not supported");
                        }
                        Frame top = stack.getLast();
                        if (top.mapping && !top.keyDone) {
                            Value k = scalar(s);
                            if (!(k instanceof Scalar ks) || (ks.type() != ScalarType.STR && ks.type() != ScalarType.TIME)) {
                                throw err("mapping key '" + s.getValue() + "' is not a string; only string keys are supported");
                            }
                            String key = ks.type() == ScalarType.TIME ? s.getValue() : ks.text();
                            if (!top.keys.add(key)) throw err("mapping key '" + key + "' already defined");
                            top.pendingKey = key;
                            top.keyDone = true;
                        } else {
                            Value v = scalar(s);
                            if (s.getAnchor().isPresent()) anchors.put(s.getAnchor().get().getValue(), v);
                            add(top, v);
                        }
                    }
                    case Alias -> {
                        AliasEvent a = (AliasEvent) e;
                        Value v = anchors.get(a.getAlias().getValue());
                        if (v == null) throw err("unknown anchor '" + a.getAlias().getValue() + "'");
                        if (stack.isEmpty()) throw err("YAML documents that are values are not supported");
                        Frame top = stack.getLast();
                        if (top.mapping && !top.keyDone) throw err("alias used as a mapping key");
                        add(top, v);
                    }
                }
            }
        } catch (org.snakeyaml.engine.v2.exceptions.MarkedYamlEngineException e) {
            String m = e.getMessage() == null ? "" : e.getMessage();
            if ((m.contains("unknown escape character L(76)") || m.contains("unknown escape character P(80)")) && e.getProblemMark().isPresent()) {
                throw new UnreadEscape(e.getProblemMark().get().getIndex());
            }
            throw err("invalid YAML: " + firstLine(m));
        } catch (YamlEngineException e) {
            throw err("invalid YAML: " + firstLine(e.getMessage()));
        } catch (RuntimeException e) {
            throw err("invalid YAML (" + e.getClass().getSimpleName() + ")");
        } catch (StackOverflowError e) {
            throw err("YAML nested too deeply");
        }
        return docs;
    }

    private static String firstLine(String s) {
        if (s == null) return "";
        String t = s.strip();
        return t.replace('\n', ' ');
    }

    private void checkKeyPosition(List<Frame> stack, boolean collection) throws SopsFormatException {
        if (!stack.isEmpty()) {
            Frame top = stack.getLast();
            if (top.mapping && !top.keyDone) throw err("mapping keys must be strings, not " + (collection ? "collections" : "values"));
        }
    }

    /** Comments seen between a key and its (collection) value start the value, as yaml.v3 heads them. */
    private static void carryComments(List<Frame> stack, Frame child) {
        if (stack.isEmpty()) return;
        Frame parent = stack.getLast();
        if (parent.mapping && parent.keyDone && !parent.beforeKey.isEmpty()) {
            child.items.addAll(parent.beforeKey);
            parent.beforeKey.clear();
        }
    }

    private void comment(Frame f, Comment c, boolean inline) {
        if (f.mapping) {
            if (f.keyDone) {
                f.beforeKey.add(c);
            } else if (inline && !f.items.isEmpty() && f.items.getLast() instanceof Field) {
                f.items.add(f.items.size() - 1, c);
            } else {
                f.items.add(c);
            }
        } else {
            if (inline && !f.items.isEmpty() && !(f.items.getLast() instanceof Comment)) f.items.add(f.items.size() - 1, c);
            else f.items.add(c);
        }
    }

    private void add(Frame f, Value v) throws SopsFormatException {
        long size = sizes.getOrDefault(v, 1L);
        f.size += size;
        nodes += size;
        if (nodes > MAX_NODES) throw err("document expands to too many nodes (alias bomb?)");
        if (f.mapping) {
            f.items.addAll(f.beforeKey);
            f.beforeKey.clear();
            f.items.add(new Field(f.pendingKey, v));
            f.pendingKey = null;
            f.keyDone = false;
        } else {
            f.items.add(v);
        }
    }

    private static Mapping toMapping(Frame f) {
        List<Mapping.Item> items = new ArrayList<>();
        for (Object o : f.items) items.add((Mapping.Item) o);
        items.addAll(f.beforeKey);
        return new Mapping(items);
    }

    private static Sequence toSequence(Frame f) {
        List<Value> items = new ArrayList<>();
        for (Object o : f.items) items.add((Value) o);
        return new Sequence(items);
    }

    private record Spilled(Comment comment, int column) {}

    private static int column(Event e) {
        return e.getStartMark().map(m -> m.getColumn()).orElse(0);
    }

    private static String anchorOf(NodeEvent e) {
        return e.getAnchor().map(a -> a.getValue()).orElse(null);
    }

    private Value scalar(ScalarEvent s) throws SopsFormatException {
        String tag = s.getTag().orElse(null);
        try {
            if (tag != null && !tag.equals("!")) return YamlResolver.resolveTagged(tag, s.getValue(), s.isPlain());
            if (s.isPlain() && tag == null) return YamlResolver.resolvePlain(s.getValue());
            return Scalar.str(unclipped(s));
        } catch (SopsFormatException e) {
            throw err(e.getMessage());
        }
    }

    /**
     * A clipped block scalar that ends the input without a line break keeps none (yaml.v3, the YAML spec);
     * snakeyaml-engine adds one.
     */
    private String unclipped(ScalarEvent s) {
        String v = s.getValue();
        boolean block = s.getScalarStyle() == org.snakeyaml.engine.v2.common.ScalarStyle.LITERAL
                || s.getScalarStyle() == org.snakeyaml.engine.v2.common.ScalarStyle.FOLDED;
        if (!block || !v.endsWith("\n") || source.endsWith("\n") || s.getStartMark().isEmpty() || s.getEndMark().isEmpty()) return v;
        int total = source.codePointCount(0, source.length());
        if (s.getEndMark().get().getIndex() < total) return v;
        int i = source.offsetByCodePoints(0, s.getStartMark().get().getIndex()) + 1;
        while (i < source.length() && Character.isDigit(source.charAt(i))) i++;
        if (i < source.length() && (source.charAt(i) == '+' || source.charAt(i) == '-')) return v;
        return v.substring(0, v.length() - 1);
    }

    private SopsFormatException err(String what) {
        return new SopsFormatException(file + ": " + what);
    }
}
