package org.captionlab.data;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.CharConversionException;
import java.io.IOException;
import java.nio.file.Path;

/**
 * Streaming access to large JSON annotation files (COCO's train captions are ~90 MB, Karpathy's
 * {@code dataset_coco.json} ~150 MB): arrays are walked one element at a time, each element read as a
 * small tree with the line it starts on, so memory holds one element, not the whole document.
 */
final class JsonSources {

    static final ObjectMapper MAPPER = new ObjectMapper();

    /** Receives one element of an array. */
    @FunctionalInterface
    interface ElementHandler {
        void element(JsonNode node, int index, long line) throws IOException;
    }

    /** Receives one top-level field of the root object; the parser is on the value's first token. */
    @FunctionalInterface
    interface FieldHandler {
        /** @return false to skip the value (the caller skips it) */
        boolean field(String name, JsonParser parser) throws IOException;
    }

    private JsonSources() {
    }

    /**
     * Walks the root object of {@code file}: each field goes to {@code handler}, which reads the value
     * (e.g. with {@link #forEachElement}) or returns false to have it skipped.
     */
    static void forEachField(Path file, FieldHandler handler) throws IOException {
        Sources.requireFile(file);
        try (JsonParser parser = MAPPER.createParser(file.toFile())) {
            JsonToken root = parser.nextToken();
            if (root != JsonToken.START_OBJECT) {
                throw error(file, parser, "expected a JSON object but found " + describe(root));
            }
            while (parser.nextToken() == JsonToken.FIELD_NAME) {
                String name = parser.currentName();
                parser.nextToken();
                if (!handler.field(name, parser)) {
                    parser.skipChildren();
                }
            }
        } catch (CharConversionException e) {
            throw new DatasetException("file " + file + " is not UTF-8 JSON", e);
        } catch (JsonProcessingException e) {
            throw invalid(file, e);
        }
    }

    /** Walks the array the parser is on; fails naming the file when the value is not an array. */
    static void forEachElement(Path file, JsonParser parser, String field, ElementHandler handler) throws IOException {
        if (parser.currentToken() != JsonToken.START_ARRAY) {
            throw error(file, parser, "\"" + field + "\" must be an array but is " + describe(parser.currentToken()));
        }
        int index = 0;
        while (parser.nextToken() != JsonToken.END_ARRAY) {
            long line = parser.currentTokenLocation().getLineNr();
            JsonNode node = MAPPER.readTree(parser);
            handler.element(node, index++, line);
        }
    }

    /** Reads a whole JSON document whose root must be an array, element by element. */
    static void forEachRootElement(Path file, String what, ElementHandler handler) throws IOException {
        Sources.requireFile(file, what);
        try (JsonParser parser = MAPPER.createParser(file.toFile())) {
            JsonToken root = parser.nextToken();
            if (root != JsonToken.START_ARRAY) {
                throw error(file, parser, "expected a JSON array but found " + describe(root));
            }
            forEachElement(file, parser, "root", handler);
        } catch (CharConversionException e) {
            throw new DatasetException("file " + file + " is not UTF-8 JSON", e);
        } catch (JsonProcessingException e) {
            throw invalid(file, e);
        }
    }

    static DatasetException error(Path file, JsonParser parser, String what) {
        JsonLocation at = parser.currentTokenLocation();
        return new DatasetException(file + " line " + at.getLineNr() + ": " + what);
    }

    static DatasetException invalid(Path file, JsonProcessingException e) {
        JsonLocation at = e.getLocation();
        String where = at != null && at.getLineNr() > 0 ? " line " + at.getLineNr() + ", column " + at.getColumnNr() : "";
        return new DatasetException(file + where + ": invalid JSON (" + e.getOriginalMessage() + ")", e);
    }

    /** A required string field, or null when absent or not a string (the caller words the error). */
    static String text(JsonNode node, String field) {
        JsonNode v = node.get(field);
        return v != null && v.isTextual() ? v.asText() : null;
    }

    /**
     * An id that may be written as an integer or a string, as text (integers in plain decimal form).
     *
     * @return null when absent or of another type
     */
    static String id(JsonNode node, String field) {
        JsonNode v = node.get(field);
        if (v == null) {
            return null;
        }
        if (v.isIntegralNumber()) {
            return v.bigIntegerValue().toString();
        }
        return v.isTextual() ? v.asText() : null;
    }

    static String describe(JsonToken token) {
        if (token == null) {
            return "nothing (empty file)";
        }
        return switch (token) {
            case START_OBJECT -> "an object";
            case START_ARRAY -> "an array";
            case VALUE_STRING -> "a string";
            case VALUE_NUMBER_INT, VALUE_NUMBER_FLOAT -> "a number";
            case VALUE_TRUE, VALUE_FALSE -> "a boolean";
            case VALUE_NULL -> "null";
            default -> token.toString();
        };
    }

    /** The JSON type of a node in words, for messages. */
    static String describe(JsonNode node) {
        if (node == null || node.isMissingNode()) {
            return "missing";
        }
        if (node.isObject()) {
            return "an object";
        }
        if (node.isArray()) {
            return "an array";
        }
        if (node.isTextual()) {
            return "a string";
        }
        if (node.isNumber()) {
            return "a number";
        }
        if (node.isBoolean()) {
            return "a boolean";
        }
        return "null";
    }
}
