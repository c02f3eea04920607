package org.captionlab.service;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

import org.captionlab.model.ExpandedVocabularyModel.AddedWord;
import org.captionlab.util.AtomicFiles;

/**
 * The record, in a model bundle, of the words label guidance adds to its decoder and where each
 * comes from: {@value #FILE_NAME}, UTF-8, tab-separated {@code word source bias origin}, comment
 * lines starting with {@code #}. Written when a guided decoding becomes the model's default, so the
 * bundle says which words it writes that it never saw in training; read back on load so that a
 * shipped model keeps its words when the label table changes.
 */
final class VocabularyExpansionFile {

    static final String FILE_NAME = "added-words.tsv";

    private VocabularyExpansionFile() {
    }

    /** The recorded words of the bundle in {@code modelDir}, or null when it has no record. */
    static List<AddedWord> read(Path modelDir) throws IOException {
        Path file = modelDir.resolve(FILE_NAME);
        if (!Files.isRegularFile(file)) {
            return null;
        }
        List<AddedWord> out = new ArrayList<>();
        int lineNo = 0;
        for (String line : Files.readAllLines(file, StandardCharsets.UTF_8)) {
            lineNo++;
            if (line.isBlank() || line.startsWith("#") || line.startsWith("word\t")) {
                continue;
            }
            String[] cols = line.split("\t", -1);
            try {
                if (cols.length != 4) {
                    throw new IllegalArgumentException("expected 4 columns, found " + cols.length);
                }
                out.add(new AddedWord(cols[0], cols[1], Double.parseDouble(cols[2]), cols[3]));
            } catch (IllegalArgumentException e) {
                throw new IOException("'" + file + "' line " + lineNo + ": " + e.getMessage()
                        + "; fix the line or delete the file to have the words derived again", e);
            }
        }
        return List.copyOf(out);
    }

    /** Writes the record atomically. */
    static void write(Path modelDir, List<AddedWord> words) throws IOException {
        StringBuilder sb = new StringBuilder();
        sb.append("# Words label guidance adds to this decoder (Hendricks et al. 2016): each borrows the embedding and\n")
                .append("# output weights of its source word; bias is added to the source's logit. Written by captionlab evaluate\n")
                .append("# --set-default-decoding with guidance; delete it to derive the words again from the label table.\n")
                .append("word\tsource\tbias\torigin\n");
        for (AddedWord w : words) {
            sb.append(w.word()).append('\t').append(w.source()).append('\t')
                    .append(String.format(Locale.ROOT, "%s", w.bias())).append('\t')
                    .append(w.origin().replace('\t', ' ').replace('\n', ' ')).append('\n');
        }
        AtomicFiles.writeString(modelDir.resolve(FILE_NAME), sb.toString());
    }
}
