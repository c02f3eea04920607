package org.captionlab.gui;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;
import org.captionlab.data.CocoResults;
import org.captionlab.eval.EvaluationResult;
import org.captionlab.eval.Evaluator;
import org.captionlab.eval.ImageScores;
import org.captionlab.eval.Metric;
import org.captionlab.gui.export.CaptionExporter;
import org.captionlab.gui.export.ExportScope;
import org.captionlab.gui.export.TextFilePolicy;
import org.captionlab.gui.inspect.Histogram;
import org.captionlab.gui.inspect.InspectionViewModel;
import org.captionlab.gui.inspect.ShowFilter;
import org.captionlab.gui.inspect.SortOrder;
import org.captionlab.gui.lane.CaptionerFactory;
import org.captionlab.gui.lane.PreparationProgress;
import org.captionlab.gui.library.LaneId;
import org.captionlab.gui.library.PhotoItem;
import org.captionlab.gui.notice.Notice;
import org.captionlab.gui.project.FailureCategory;
import org.captionlab.gui.project.Verdict;
import org.captionlab.gui.task.DirectTaskExecutor;
import org.captionlab.service.ModelInfo;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Failure inspection and export through the view models, without a display: references → per-photo
 * scores → worst-first order, filters, keyboard review actions and their autosave, CSV / COCO / .txt export,
 * and the comparison of two models.
 */
class FailureInspectionTest {

    @TempDir
    Path tmp;

    private final FakeCaptioner captioner = new FakeCaptioner();
    private final FakeFileDialogs dialogs = new FakeFileDialogs();
    private final List<MainViewModel> opened = new ArrayList<>();

    @AfterEach
    void closeAll() {
        opened.forEach(MainViewModel::close);
    }

    private MainViewModel readyViewModel(CaptionerFactory factory) {
        MainViewModel vm = new MainViewModel(factory, new DirectTaskExecutor(), dialogs, new FakeClipboard(),
                tmp.resolve("state"), new MutableClock(), Duration.ofHours(1));
        opened.add(vm);
        vm.loadModel(tmp.resolve("models/default"));
        return vm;
    }

    private MainViewModel readyViewModel() {
        return readyViewModel(dir -> captioner);
    }

    private Path photos(String folder, String... names) throws IOException {
        Path dir = Files.createDirectories(tmp.resolve(folder));
        for (String n : names) {
            Files.writeString(dir.resolve(n), "not read by the fake captioner");
        }
        return dir;
    }

    /**
     * The fake captions every photo "a photo of STEM". "exact" has that very sentence among its references,
     * "close" shares "a photo of" and the subject, "wrong" shares nothing: intuitively wrong < close < exact.
     */
    private static final String REFERENCES = """
            path,caption
            exact.jpg,a photo of exact
            exact.jpg,a photo of exact on a table
            close.jpg,a photo of a close friend
            close.jpg,a picture of close friends
            wrong.jpg,two dogs run across the grass
            wrong.jpg,dogs play outside in the sun
            """;

    private MainViewModel scoredLibrary() throws IOException {
        MainViewModel vm = readyViewModel();
        Path dir = photos("p", "exact.jpg", "close.jpg", "wrong.jpg", "norefs.jpg");
        vm.addPaths(List.of(dir));
        dialogs.references = Files.writeString(dir.resolve("refs.csv"), REFERENCES);
        vm.openReferences();
        return vm;
    }

    private static PhotoItem photo(MainViewModel vm, String name) {
        return vm.items().stream().filter(i -> i.fileName().equals(name)).findFirst().orElseThrow();
    }

    private static List<String> shown(MainViewModel vm) {
        return vm.inspection().visible().stream().map(PhotoItem::fileName).toList();
    }

    private static List<String> messages(MainViewModel vm) {
        return vm.notices().items().stream().map(Notice::message).toList();
    }

    @Test
    void referencesGiveEachPhotoScoresAndTheWorstComeFirst() throws IOException {
        MainViewModel vm = scoredLibrary();

        assertThat(photo(vm, "exact.jpg").references()).containsExactly("a photo of exact", "a photo of exact on a table");
        assertThat(photo(vm, "norefs.jpg").references()).isEmpty();
        assertThat(photo(vm, "norefs.jpg").scores()).as("a photo without references has no scores").isNull();
        assertThat(messages(vm)).anySatisfy(m -> assertThat(m).startsWith("Loaded references for 3 of 4 photos from 'refs.csv' (csv, 3 images)"));
        assertThat(vm.referencesStatusProperty().get()).isEqualTo("References: 3 of 4 photos");

        // The scores are the core evaluator's over the three captioned photos with references.
        Map<String, String> candidates = new LinkedHashMap<>();
        Map<String, List<String>> refs = new HashMap<>();
        for (String name : List.of("exact.jpg", "close.jpg", "wrong.jpg")) {
            PhotoItem item = photo(vm, name);
            candidates.put(name, item.modelCaptionProperty().get());
            refs.put(name, item.references());
        }
        EvaluationResult expected = Evaluator.evaluate(candidates, refs);
        for (ImageScores s : expected.perImage()) {
            PhotoItem item = photo(vm, s.imageId());
            assertThat(item.scores().ciderD()).as("CIDEr-D of %s", s.imageId()).isCloseTo(s.score(Metric.CIDER_D), within(1e-12));
            assertThat(item.scores().bleu4()).isCloseTo(s.score(Metric.BLEU_4), within(1e-12));
            assertThat(item.scores().rougeL()).isCloseTo(s.score(Metric.ROUGE_L), within(1e-12));
        }
        double exact = photo(vm, "exact.jpg").scores().ciderD();
        double close = photo(vm, "close.jpg").scores().ciderD();
        double wrong = photo(vm, "wrong.jpg").scores().ciderD();
        assertThat(exact).as("the exact match scores best").isGreaterThan(close);
        assertThat(close).isGreaterThan(wrong);
        assertThat(wrong).isZero();
        assertThat(photo(vm, "exact.jpg").scores().bleu4()).isGreaterThan(0.9);

        InspectionViewModel inspection = vm.inspection();
        assertThat(inspection.sortOrderProperty().get()).as("loading references sorts worst first").isEqualTo(SortOrder.CIDER_WORST);
        inspection.sortOrderProperty().set(SortOrder.LIBRARY);
        assertThat(shown(vm)).as("library order").containsExactly("close.jpg", "exact.jpg", "norefs.jpg", "wrong.jpg");
        inspection.sortOrderProperty().set(SortOrder.CIDER_WORST);
        assertThat(shown(vm)).as("worst CIDEr-D first, unscored last").containsExactly("wrong.jpg", "close.jpg", "exact.jpg", "norefs.jpg");
        inspection.sortOrderProperty().set(SortOrder.CIDER_BEST);
        assertThat(shown(vm)).containsExactly("exact.jpg", "close.jpg", "wrong.jpg", "norefs.jpg");
        inspection.sortOrderProperty().set(SortOrder.BLEU_WORST);
        assertThat(shown(vm).get(0)).isEqualTo("wrong.jpg");
        inspection.sortOrderProperty().set(SortOrder.NAME);
        assertThat(shown(vm)).containsExactly("close.jpg", "exact.jpg", "norefs.jpg", "wrong.jpg");

        assertThat(inspection.scoreSummaryProperty().get()).startsWith("CIDEr-D " + InspectionViewModel.score(expected.corpus(Metric.CIDER_D)))
                .contains("BLEU-4 " + InspectionViewModel.score(expected.corpus(Metric.BLEU_4))).endsWith("over 3 photos");
        Histogram h = inspection.histogramProperty().get();
        assertThat(h.total()).isEqualTo(3);
        assertThat(h.count(h.binOf(exact))).isGreaterThanOrEqualTo(1);
    }

    @Test
    void editingACaptionRescoresTheEditWhileMetricsKeepTheModelsCaption() throws IOException {
        MainViewModel vm = scoredLibrary();
        PhotoItem close = photo(vm, "close.jpg");
        double before = close.scores().ciderD();
        assertThat(close.editedScoresProperty().get()).isNull();

        vm.selectedProperty().set(close);
        vm.detail().commitEdit("a photo of a close friend");

        assertThat(close.scores().ciderD()).as("the model's caption is what the metrics score").isCloseTo(before, within(1e-12));
        assertThat(close.editedScoresProperty().get().ciderD()).as("the edit matches a reference").isGreaterThan(before);
        vm.detail().revertEdit();
        assertThat(close.editedScoresProperty().get()).isNull();
    }

    @Test
    void photosCaptionedAfterTheReferencesLoadedAreScoredWithoutAPassPerPhoto() throws IOException {
        MainViewModel vm = readyViewModel();
        Path dir = Files.createDirectories(tmp.resolve("batch"));
        StringBuilder csv = new StringBuilder("path,caption\n");
        String[] names = new String[12];
        for (int i = 0; i < names.length; i++) {
            names[i] = "p" + i + ".jpg";
            csv.append(names[i]).append(",a photo of p").append(i).append('\n').append(names[i]).append(",a picture of something\n");
        }
        vm.loadReferences(Files.writeString(dir.resolve("refs.csv"), csv));
        vm.addPaths(List.of(photos("batch", names)));

        assertThat(vm.items()).hasSize(12).allSatisfy(i -> assertThat(i.scores()).isNotNull());
        assertThat(vm.inspection().scoredCountProperty().get()).isEqualTo(12);
        // The clock stands still: one pass when the first caption arrives, the deferred one when the batch is done.
        assertThat(vm.scoringPasses()).isEqualTo(2);
    }

    @Test
    void aSinglePhotoWithReferencesSaysCiderNeedsMore() throws IOException {
        MainViewModel vm = readyViewModel();
        Path dir = photos("one", "exact.jpg");
        vm.addPaths(List.of(dir));
        dialogs.references = Files.writeString(dir.resolve("refs.csv"), "path,caption\nexact.jpg,a photo of exact\n");
        vm.openReferences();
        assertThat(photo(vm, "exact.jpg").scores().ciderD()).as("idf = log(1/1) = 0").isZero();
        assertThat(vm.inspection().scoreSummaryProperty().get()).contains("CIDEr-D needs at least 2 photos");
    }

    @Test
    void flickr8kStyleReferencesElsewhereMatchByFileNameAndBadFilesBecomeNotices() throws IOException {
        MainViewModel vm = readyViewModel();
        vm.addPaths(List.of(photos("mine", "1000268201_693b08cb0e.jpg", "holiday.jpg")));
        Path annotations = Files.createDirectories(tmp.resolve("flickr8k")).resolve("captions.txt");
        Files.writeString(annotations, """
                image,caption
                1000268201_693b08cb0e.jpg,A child in a pink dress is climbing up a set of stairs .
                1000268201_693b08cb0e.jpg,A girl going into a wooden building .
                1001773457_577c3a7d70.jpg,A black dog and a spotted dog are fighting
                """);
        vm.loadReferences(annotations);

        PhotoItem child = photo(vm, "1000268201_693b08cb0e.jpg");
        assertThat(child.references()).hasSize(2);
        assertThat(child.referenceId()).isEqualTo("1000268201_693b08cb0e.jpg");
        assertThat(photo(vm, "holiday.jpg").references()).isEmpty();
        assertThat(messages(vm)).anySatisfy(m -> assertThat(m).startsWith("Loaded references for 1 of 2 photos from 'captions.txt' (flickr8k, 2 images)"));

        Path broken = Files.writeString(tmp.resolve("broken.json"), "[1, 2, 3]");
        vm.loadReferences(broken);
        assertThat(vm.notices().latest()).get().satisfies(n -> {
            assertThat(n.severity()).isEqualTo(Notice.Severity.ERROR);
            assertThat(n.message()).contains("broken.json").contains("not in a known dataset format");
        });
        assertThat(child.references()).as("the previous references stay").hasSize(2);
    }

    @Test
    void filtersByReviewStateCategoryTextAndScoreRangeAndHistogramBins() throws IOException {
        MainViewModel vm = scoredLibrary();
        InspectionViewModel inspection = vm.inspection();
        inspection.sortOrderProperty().set(SortOrder.LIBRARY);
        photo(vm, "wrong.jpg").verdictProperty().set(Verdict.FAILURE);
        photo(vm, "wrong.jpg").failureCategoryProperty().set(FailureCategory.WRONG_OBJECT);
        photo(vm, "close.jpg").verdictProperty().set(Verdict.FAILURE);
        photo(vm, "close.jpg").failureCategoryProperty().set(FailureCategory.TOO_GENERIC);
        photo(vm, "exact.jpg").verdictProperty().set(Verdict.OK);
        vm.selectedProperty().set(photo(vm, "norefs.jpg"));
        vm.detail().commitEdit("a cat on a mat");

        inspection.showFilterProperty().set(ShowFilter.FAILURE);
        assertThat(shown(vm)).containsExactly("close.jpg", "wrong.jpg");
        inspection.categoryFilterProperty().set(FailureCategory.TOO_GENERIC);
        assertThat(shown(vm)).containsExactly("close.jpg");
        inspection.categoryFilterProperty().set(null);
        inspection.showFilterProperty().set(ShowFilter.OK);
        assertThat(shown(vm)).containsExactly("exact.jpg");
        inspection.showFilterProperty().set(ShowFilter.NOT_REVIEWED);
        assertThat(shown(vm)).containsExactly("norefs.jpg");
        inspection.showFilterProperty().set(ShowFilter.EDITED);
        assertThat(shown(vm)).containsExactly("norefs.jpg");
        inspection.showFilterProperty().set(ShowFilter.WITH_REFERENCES);
        assertThat(shown(vm)).containsExactly("close.jpg", "exact.jpg", "wrong.jpg");
        assertThat(inspection.shownTextProperty().get()).isEqualTo("3 of 4 photos shown");
        inspection.showFilterProperty().set(ShowFilter.ALL);

        inspection.searchTextProperty().set("DOGS"); // in a reference of "wrong", case-insensitive
        assertThat(shown(vm)).containsExactly("wrong.jpg");
        inspection.searchTextProperty().set("cat on"); // in the edited caption
        assertThat(shown(vm)).containsExactly("norefs.jpg");
        inspection.searchTextProperty().set("photo of exact"); // in the model's caption
        assertThat(shown(vm)).containsExactly("exact.jpg");
        inspection.searchTextProperty().set("");

        double close = photo(vm, "close.jpg").scores().ciderD();
        inspection.rangeMinProperty().set(0.001);
        assertThat(shown(vm)).as("above 0: unscored and zero-scored photos drop out").containsExactly("close.jpg", "exact.jpg");
        inspection.rangeMaxProperty().set(close);
        assertThat(shown(vm)).containsExactly("close.jpg");

        inspection.clearFilters();
        Histogram h = inspection.histogramProperty().get();
        int wrongBin = h.binOf(0);
        inspection.toggleBin(wrongBin);
        assertThat(inspection.selectedBinProperty().get()).isEqualTo(wrongBin);
        assertThat(shown(vm)).allSatisfy(name -> assertThat(h.binOf(photo(vm, name).scores().ciderD())).isEqualTo(wrongBin))
                .contains("wrong.jpg").hasSize(h.count(wrongBin));
        inspection.toggleBin(wrongBin);
        assertThat(shown(vm)).hasSize(4);
    }

    @Test
    void keyboardReviewActionsAreSavedWithTheProjectAndComeBack() throws IOException {
        MainViewModel vm = scoredLibrary();
        InspectionViewModel review = vm.inspection();
        review.sortOrderProperty().set(SortOrder.CIDER_WORST);
        review.showFilterProperty().set(ShowFilter.NOT_REVIEWED);
        vm.selectedProperty().set(null);

        review.next(); // nothing of the shown list selected yet: the first shown photo
        assertThat(vm.selectedProperty().get().fileName()).isEqualTo("wrong.jpg");
        review.markFailure();
        review.pickCategory(2); // hallucinated object
        review.setNote("  it is a cat, not a dog ");
        assertThat(shown(vm)).as("marking does not pull the list from under the reviewer").hasSize(4);
        review.next();
        assertThat(vm.selectedProperty().get().fileName()).isEqualTo("close.jpg");
        review.pickCategory(7); // too generic: marks a failure too
        review.next();
        review.markOk();
        review.next();
        review.next(); // stays on the last
        assertThat(vm.selectedProperty().get().fileName()).isEqualTo("norefs.jpg");
        review.markFailure();
        review.clearVerdict();
        review.previous();
        assertThat(vm.selectedProperty().get().fileName()).isEqualTo("exact.jpg");
        review.refresh();
        assertThat(shown(vm)).containsExactly("norefs.jpg");

        vm.flush();
        vm.close();
        MainViewModel again = readyViewModel(dir -> new FakeCaptioner());
        again.addPaths(List.of(tmp.resolve("p")));
        PhotoItem wrong = photo(again, "wrong.jpg");
        assertThat(wrong.verdictProperty().get()).isEqualTo(Verdict.FAILURE);
        assertThat(wrong.failureCategoryProperty().get()).isEqualTo(FailureCategory.HALLUCINATED_OBJECT);
        assertThat(wrong.noteProperty().get()).isEqualTo("it is a cat, not a dog");
        assertThat(photo(again, "close.jpg").verdictProperty().get()).isEqualTo(Verdict.FAILURE);
        assertThat(photo(again, "close.jpg").failureCategoryProperty().get()).isEqualTo(FailureCategory.TOO_GENERIC);
        assertThat(photo(again, "exact.jpg").verdictProperty().get()).isEqualTo(Verdict.OK);
        assertThat(photo(again, "norefs.jpg").verdictProperty().get()).isNull();
        assertThat(again.referencesProperty().get().file()).as("the project names its references").isEqualTo(tmp.resolve("p/refs.csv"));
        assertThat(wrong.references()).hasSize(2);
        assertThat(photo(again, "exact.jpg").scores()).isNotNull();
    }

    private static List<CSVRecord> readCsv(Path file) throws IOException {
        try (Reader in = Files.newBufferedReader(file, StandardCharsets.UTF_8);
             CSVParser parser = CSVFormat.RFC4180.builder().setHeader().setSkipHeaderRecord(true).get().parse(in)) {
            assertThat(parser.getHeaderNames()).isEqualTo(CaptionExporter.CSV_HEADER);
            return parser.getRecords();
        }
    }

    @Test
    void reviewsExportToCsvRowsWithNeutralisedCellsAndToCocoResults() throws IOException {
        MainViewModel vm = scoredLibrary();
        PhotoItem wrong = photo(vm, "wrong.jpg");
        wrong.verdictProperty().set(Verdict.FAILURE);
        wrong.failureCategoryProperty().set(FailureCategory.WRONG_ATTRIBUTE);
        wrong.noteProperty().set("=HYPERLINK(\"http://evil\")"); // would run as a formula in a spreadsheet
        vm.selectedProperty().set(wrong);
        vm.detail().commitEdit("+two dogs, running");

        dialogs.exportFile = tmp.resolve("out/captions.csv");
        vm.exportCsv();

        List<CSVRecord> rows = readCsv(dialogs.exportFile);
        assertThat(rows).as("one row per photo and rank: 4 photos × 3 beams").hasSize(12);
        List<CSVRecord> wrongRows = rows.stream().filter(r -> r.get("path").endsWith("wrong.jpg")).toList();
        assertThat(wrongRows).extracting(r -> r.get("rank")).containsExactly("1", "2", "3");
        CSVRecord best = wrongRows.get(0);
        assertThat(best.get("path")).isEqualTo(wrong.path().toString());
        assertThat(best.get("caption")).isEqualTo("a photo of wrong");
        assertThat(Double.parseDouble(best.get("logprob"))).isCloseTo(wrong.captions().get(0).logProb(), within(1e-6));
        assertThat(Double.parseDouble(best.get("score"))).isCloseTo(wrong.captions().get(0).score(), within(1e-6));
        assertThat(best.get("edited")).isEqualTo("true");
        assertThat(best.get("edited_caption")).as("formula start neutralised").isEqualTo("'+two dogs, running");
        assertThat(best.get("references")).isEqualTo("two dogs run across the grass | dogs play outside in the sun");
        assertThat(Double.parseDouble(best.get("cider_d"))).isCloseTo(wrong.scores().ciderD(), within(1e-6));
        assertThat(Double.parseDouble(best.get("bleu4"))).isCloseTo(wrong.scores().bleu4(), within(1e-6));
        assertThat(Double.parseDouble(best.get("rouge_l"))).isCloseTo(wrong.scores().rougeL(), within(1e-6));
        assertThat(best.get("verdict")).isEqualTo("failure");
        assertThat(best.get("category")).isEqualTo("wrong colour or attribute");
        assertThat(best.get("note")).isEqualTo("'=HYPERLINK(\"http://evil\")");
        assertThat(best.get("model")).isEqualTo("default");
        assertThat(wrongRows.get(1).get("caption")).isEqualTo("a picture of wrong 1");
        assertThat(wrongRows.get(1).get("cider_d")).as("scores belong to the best caption").isEmpty();
        assertThat(wrongRows.get(1).get("verdict")).as("the review is on every row of the photo").isEqualTo("failure");
        CSVRecord norefs = rows.stream().filter(r -> r.get("path").endsWith("norefs.jpg")).findFirst().orElseThrow();
        assertThat(norefs.get("references")).isEmpty();
        assertThat(norefs.get("cider_d")).isEmpty();
        assertThat(norefs.get("verdict")).isEmpty();
        assertThat(messages(vm)).anySatisfy(m -> assertThat(m).isEqualTo("Exported 12 rows for 4 photos to 'captions.csv'."));

        vm.exportScopeProperty().set(ExportScope.SHOWN);
        vm.inspection().showFilterProperty().set(ShowFilter.FAILURE);
        vm.exportCsv();
        assertThat(readCsv(dialogs.exportFile)).extracting(r -> r.get("path")).containsOnly(wrong.path().toString());
        vm.exportScopeProperty().set(ExportScope.SELECTED);
        vm.selectedProperty().set(photo(vm, "exact.jpg"));
        vm.exportCsv();
        assertThat(readCsv(dialogs.exportFile)).extracting(r -> r.get("path")).containsOnly(photo(vm, "exact.jpg").path().toString());

        vm.exportScopeProperty().set(ExportScope.ALL);
        dialogs.exportFile = tmp.resolve("out/results.json");
        vm.exportCocoResults();
        Map<String, String> results = CocoResults.read(dialogs.exportFile);
        assertThat(results).containsEntry("exact.jpg", "a photo of exact")
                .containsEntry("wrong.jpg", "a photo of wrong").containsEntry("norefs.jpg", "a photo of norefs").hasSize(4);

        Path target = tmp.resolve("missing-folder-is-a-file");
        Files.writeString(target, "x");
        dialogs.exportFile = target.resolve("captions.csv");
        vm.exportCsv();
        assertThat(vm.notices().latest()).get().satisfies(n -> {
            assertThat(n.severity()).isEqualTo(Notice.Severity.ERROR);
            assertThat(n.message()).contains("captions.csv");
        });
    }

    @Test
    void textFilesBesideThePhotosNeverOverwriteUnlessChosen() throws IOException {
        MainViewModel vm = readyViewModel();
        Path dir = photos("txt", "a.jpg", "b.png", "c.jpg");
        Path mine = Files.writeString(dir.resolve("b.txt"), "my own caption\n");
        vm.addPaths(List.of(dir));
        vm.selectedProperty().set(photo(vm, "c.jpg"));
        vm.detail().commitEdit("an edited caption");

        dialogs.textFilePolicy = null; // the user cancels when asked
        vm.exportTextFiles();
        assertThat(dialogs.textFileQuestions).singleElement().satisfies(q -> assertThat(q).containsExactly(1, 3));
        assertThat(dir.resolve("a.txt")).doesNotExist();

        dialogs.textFilePolicy = TextFilePolicy.SKIP_EXISTING;
        vm.exportTextFiles();
        assertThat(dir.resolve("a.txt")).hasContent("a photo of a");
        assertThat(dir.resolve("c.txt")).as("the edited caption").hasContent("an edited caption");
        assertThat(mine).as("kept").hasContent("my own caption");
        assertThat(vm.notices().latest()).get().extracting(Notice::message)
                .isEqualTo("Wrote 2 caption files beside the photos; kept 1 existing file.");

        dialogs.textFilePolicy = TextFilePolicy.OVERWRITE;
        vm.exportTextFiles();
        assertThat(mine).hasContent("a photo of b");
        assertThat(vm.notices().latest()).get().extracting(Notice::message).isEqualTo("Wrote 3 caption files beside the photos.");
    }

    @Test
    void aSecondModelWithTheSameEncoderDecodesCachedFeaturesAndDisagreementsSortFirst() throws IOException {
        FakeCaptioner lstm = new FakeCaptioner(new ModelInfo("lstm", Path.of("m/lstm"), "mobilenet-v2", "lstm", 3000, ""));
        // The LSTM gets "close" right and "exact" wrong; it agrees with the main model on "wrong".
        lstm.bestWords = p -> switch (FakeCaptioner.stem(p)) {
            case "close" -> List.of("a", "photo", "of", "a", "close", "friend");
            case "exact" -> List.of("two", "dogs", "run");
            default -> List.of("a", "photo", "of", FakeCaptioner.stem(p));
        };
        MainViewModel vm = readyViewModel(dir -> dir.getFileName().toString().equals("lstm") ? lstm : captioner);
        Path dir = photos("p", "exact.jpg", "close.jpg", "wrong.jpg", "norefs.jpg");
        vm.addPaths(List.of(dir));
        dialogs.references = Files.writeString(dir.resolve("refs.csv"), REFERENCES);
        vm.openReferences();

        dialogs.modelFolder = tmp.resolve("m/lstm");
        vm.openCompareModel();

        assertThat(vm.compareModelProperty().get()).isEqualTo(lstm.info);
        assertThat(lstm.encoded).as("same encoder: the cached features are reused").isEmpty();
        assertThat(lstm.decoded).hasSize(4);
        assertThat(captioner.closed).isFalse();
        assertThat(vm.compareStatusProperty().get()).isEqualTo("Compared with 'lstm' (mobilenet-v2, lstm)");
        PhotoItem exact = photo(vm, "exact.jpg");
        PhotoItem close = photo(vm, "close.jpg");
        assertThat(exact.result(LaneId.COMPARE).best()).isEqualTo("two dogs run");
        assertThat(exact.result(LaneId.COMPARE).scores().ciderD()).isLessThan(exact.scores().ciderD());
        assertThat(close.result(LaneId.COMPARE).scores().ciderD()).isGreaterThan(close.scores().ciderD());
        assertThat(photo(vm, "wrong.jpg").result(LaneId.COMPARE).scores().ciderD()).isCloseTo(photo(vm, "wrong.jpg").scores().ciderD(), within(1e-12));
        assertThat(vm.inspection().compareSummaryProperty().get()).startsWith("'lstm': CIDEr-D ").contains("ΔCIDEr-D");

        InspectionViewModel inspection = vm.inspection();
        inspection.showFilterProperty().set(ShowFilter.DISAGREE);
        assertThat(shown(vm)).containsExactlyInAnyOrder("exact.jpg", "close.jpg");
        inspection.showFilterProperty().set(ShowFilter.ALL);
        inspection.sortOrderProperty().set(SortOrder.DISAGREEMENT);
        double dExact = Math.abs(InspectionViewModel.ciderDifference(exact));
        double dClose = Math.abs(InspectionViewModel.ciderDifference(close));
        assertThat(shown(vm).subList(0, 2)).containsExactly(dExact >= dClose ? "exact.jpg" : "close.jpg",
                dExact >= dClose ? "close.jpg" : "exact.jpg");
        assertThat(shown(vm).get(2)).as("agreeing photos next, unscored last").isEqualTo("wrong.jpg");
        assertThat(shown(vm).get(3)).isEqualTo("norefs.jpg");

        // A change of decoding settings re-decodes both models from the cached features.
        vm.decoding().alternativesProperty().set(2);
        assertThat(exact.result(LaneId.COMPARE).captions()).hasSize(2);
        assertThat(lstm.encoded).isEmpty();

        dialogs.exportFile = tmp.resolve("compare.csv");
        vm.exportCsv();
        List<CSVRecord> rows = readCsv(dialogs.exportFile);
        assertThat(rows).filteredOn(r -> r.get("model").equals("lstm")).hasSize(8);
        assertThat(rows).filteredOn(r -> r.get("model").equals("lstm") && r.get("path").endsWith("exact.jpg") && r.get("rank").equals("1"))
                .singleElement().satisfies(r -> {
                    assertThat(r.get("caption")).isEqualTo("two dogs run");
                    assertThat(Double.parseDouble(r.get("cider_d"))).isCloseTo(exact.result(LaneId.COMPARE).scores().ciderD(), within(1e-6));
                });

        vm.closeComparison();
        assertThat(lstm.closed).isTrue();
        assertThat(exact.result(LaneId.COMPARE).captions()).isEmpty();
        assertThat(vm.inspection().compareSummaryProperty().get()).isEmpty();
    }

    @Test
    void aSecondModelWithAnotherEncoderEncodesThePhotosItself() throws IOException {
        FakeCaptioner vgg = new FakeCaptioner(new ModelInfo("vgg", Path.of("m/vgg"), "vgg16", "lstm", 3000, ""));
        MainViewModel vm = readyViewModel(dir -> dir.getFileName().toString().equals("vgg") ? vgg : captioner);
        vm.addPaths(List.of(photos("p", "a.jpg", "b.jpg")));
        vm.loadCompareModel(tmp.resolve("m/vgg"));

        assertThat(vgg.encoded).hasSize(2);
        assertThat(vm.items()).allSatisfy(i -> assertThat(i.result(LaneId.COMPARE).captions()).isNotEmpty());
        vm.decoding().beamWidthProperty().set(5);
        assertThat(vgg.encoded).as("its own features are cached too").hasSize(2);
        assertThat(captioner.encoded).hasSize(2);
    }

    @Test
    void threeModelsCaptionAndScoreTheSamePhotosAtOnceEachInItsOwnLane() throws IOException {
        FakeCaptioner lstm = new FakeCaptioner(new ModelInfo("lstm", Path.of("m/lstm"), "mobilenet-v2", "lstm", 3000, ""));
        lstm.bestWords = p -> List.of("two", "dogs", "run");
        FakeCaptioner vgg = new FakeCaptioner(new ModelInfo("vgg", Path.of("m/vgg"), "vgg16", "lstm", 3000, ""));
        vgg.bestWords = p -> List.of("a", "photo", "of", "a", FakeCaptioner.stem(p), "friend");
        MainViewModel vm = readyViewModel(dir -> switch (dir.getFileName().toString()) {
            case "lstm" -> lstm;
            case "vgg" -> vgg;
            default -> captioner;
        });
        Path dir = photos("p", "exact.jpg", "close.jpg", "wrong.jpg");
        vm.addPaths(List.of(dir));
        vm.loadReferences(Files.writeString(dir.resolve("refs.csv"), REFERENCES));
        LaneId third = LaneId.of("vgg");

        vm.loadCompareModel(tmp.resolve("m/lstm"));
        vm.lanes().loadLane(third, tmp.resolve("m/vgg"));

        assertThat(vm.lanes().laneIds()).containsExactly(LaneId.MAIN, LaneId.COMPARE, third);
        assertThat(vm.lanes().modelProperty(third).get()).isEqualTo(vgg.info);
        assertThat(lstm.encoded).as("same encoder as the main model: its features are reused").isEmpty();
        assertThat(vgg.encoded).as("another encoder: it encodes each photo once itself").hasSize(3);
        PhotoItem exact = photo(vm, "exact.jpg");
        assertThat(exact.resultsProperty().get()).containsOnlyKeys(LaneId.MAIN, LaneId.COMPARE, third);
        assertThat(exact.result(LaneId.MAIN).best()).isEqualTo("a photo of exact");
        assertThat(exact.result(LaneId.COMPARE).best()).isEqualTo("two dogs run");
        assertThat(exact.result(third).best()).isEqualTo("a photo of a exact friend");
        assertThat(vm.items()).allSatisfy(item -> {
            assertThat(item.result(LaneId.MAIN).scores()).isNotNull();
            assertThat(item.result(LaneId.COMPARE).scores()).isNotNull();
            assertThat(item.result(third).scores()).isNotNull();
        });
        assertThat(exact.result(LaneId.COMPARE).scores().ciderD()).isLessThan(exact.result(LaneId.MAIN).scores().ciderD());
        assertThat(vm.lanes().statusProperty(third).get()).isEqualTo("Compared with 'vgg' (vgg16, lstm)");
        assertThat(vm.lanes().workingProperty(third).get()).isFalse();

        // The Compare view sets any lane against the main model: its summary, filter and sort follow.
        assertThat(vm.inspection().compareSummaryProperty().get()).startsWith("'lstm': ");
        vm.inspection().comparedLaneProperty().set(third);
        assertThat(vm.comparedModelProperty().get()).isEqualTo(vgg.info);
        assertThat(vm.inspection().compareSummaryProperty().get()).startsWith("'vgg': ");
        vm.inspection().showFilterProperty().set(ShowFilter.DISAGREE);
        assertThat(vm.inspection().visible()).hasSize(3); // "a photo of a X friend" differs everywhere
        vm.inspection().showFilterProperty().set(ShowFilter.ALL);
        vm.inspection().comparedLaneProperty().set(LaneId.COMPARE);

        // New decoding settings re-decode all three lanes from the cached features.
        vm.decoding().alternativesProperty().set(2);
        assertThat(vm.items()).allSatisfy(item -> {
            assertThat(item.result(LaneId.MAIN).captions()).hasSize(2);
            assertThat(item.result(LaneId.COMPARE).captions()).hasSize(2);
            assertThat(item.result(third).captions()).hasSize(2);
        });
        assertThat(vgg.encoded).hasSize(3);
        assertThat(captioner.encoded).hasSize(3);

        // Closing one lane leaves the other two as they were.
        vm.closeComparison();
        assertThat(lstm.closed).isTrue();
        assertThat(vgg.closed).isFalse();
        assertThat(exact.resultsProperty().get()).containsOnlyKeys(LaneId.MAIN, third);
        assertThat(exact.result(third).best()).isEqualTo("a photo of a exact friend");
    }
}
