package org.captionlab.service;

import java.io.IOException;
import java.nio.file.Path;
import java.util.EnumSet;
import java.util.Set;
import org.captionlab.data.CaptionDataset;
import org.captionlab.data.DatasetException;
import org.captionlab.data.DatasetReader;
import org.captionlab.data.Datasets;
import org.captionlab.data.KarpathySplitReader;
import org.captionlab.data.SplitList;

/** Reads a {@link DatasetSpec}: the right reader, then the split. */
public final class DatasetLoading {

    private DatasetLoading() {
    }

    /** Reads the dataset and keeps the images of its split. */
    public static CaptionDataset load(DatasetSpec spec) throws IOException {
        String format = spec.format() != null ? spec.format() : Datasets.detectFormat(spec.captions());
        if (Datasets.KARPATHY.equals(format)) {
            Set<KarpathySplitReader.Split> splits = EnumSet.noneOf(KarpathySplitReader.Split.class);
            if (spec.split() == null) {
                splits = EnumSet.allOf(KarpathySplitReader.Split.class);
            } else {
                for (String name : spec.split().split("\\+")) {
                    try {
                        splits.add(KarpathySplitReader.Split.parse(name.trim()));
                    } catch (IllegalArgumentException e) {
                        throw new DatasetException("'" + spec.captions() + "': " + e.getMessage(), e);
                    }
                }
            }
            return new KarpathySplitReader(splits).read(spec.captions(), spec.images());
        }
        DatasetReader reader = Datasets.forFormat(format);
        CaptionDataset all = reader.read(spec.captions(), spec.images());
        if (spec.split() == null) {
            return all;
        }
        return SplitList.read(Path.of(spec.split())).filter(all);
    }
}
