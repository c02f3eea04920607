package org.captionlab;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.Architectures.layeredArchitecture;

import com.tngtech.archunit.base.DescribedPredicate;
import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The package graph as it is, so that an edge that does not exist cannot creep in:
 *
 * <pre>
 *   vision side:    image → imaging → encoder                   (independent of the language side)
 *   language side:  text → model → search                (independent of the vision side)
 *   data, eval → train → service ← export                (train uses eval, model, search, text)
 *   service → cli | gui                                   (cli and gui reach the pipeline through service)
 *   util: everyone
 * </pre>
 *
 * JavaFX stays in gui; DL4J/ND4J/TFLite stay in encoder, model, train.
 */
class ArchitectureTest {

    private static final String[] PIPELINE = {"org.captionlab.image..", "org.captionlab.encoder..", "org.captionlab.text..",
        "org.captionlab.model..", "org.captionlab.search..", "org.captionlab.data..", "org.captionlab.train..",
        "org.captionlab.eval.."};

    private static JavaClasses classes;

    @BeforeAll
    static void importClasses() {
        classes = new ClassFileImporter()
                .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
                .importPackages("org.captionlab");
    }

    @Test
    void layersOnlyUseTheLayersTheyNeed() {
        layeredArchitecture().consideringOnlyDependenciesInLayers()
                .layer("Launcher").definedBy("org.captionlab")
                .layer("util").definedBy("org.captionlab.util..")
                .layer("image").definedBy("org.captionlab.image..")
                .layer("imaging").definedBy("org.captionlab.imaging..")
                .layer("encoder").definedBy("org.captionlab.encoder..")
                .layer("text").definedBy("org.captionlab.text..")
                .layer("model").definedBy("org.captionlab.model..")
                .layer("search").definedBy("org.captionlab.search..")
                .layer("data").definedBy("org.captionlab.data..")
                .layer("eval").definedBy("org.captionlab.eval..")
                .layer("train").definedBy("org.captionlab.train..")
                .layer("export").definedBy("org.captionlab.export..")
                .layer("service").definedBy("org.captionlab.service..")
                .layer("cli").definedBy("org.captionlab.cli..")
                .layer("gui").definedBy("org.captionlab.gui..")
                .whereLayer("Launcher").mayNotBeAccessedByAnyLayer()
                .whereLayer("gui").mayOnlyBeAccessedByLayers("Launcher")
                .whereLayer("cli").mayOnlyBeAccessedByLayers("Launcher")
                .whereLayer("service").mayOnlyBeAccessedByLayers("cli", "gui")
                .whereLayer("export").mayOnlyBeAccessedByLayers("service", "cli", "gui")
                // Training is reached through the service; the app never trains.
                .whereLayer("train").mayOnlyBeAccessedByLayers("service", "cli")
                .whereLayer("eval").mayOnlyBeAccessedByLayers("train", "export", "service", "cli", "gui")
                .whereLayer("data").mayOnlyBeAccessedByLayers("export", "service", "cli", "gui")
                .whereLayer("search").mayOnlyBeAccessedByLayers("train", "export", "service", "cli", "gui")
                .whereLayer("model").mayOnlyBeAccessedByLayers("search", "train", "service", "cli", "gui")
                .whereLayer("text").mayOnlyBeAccessedByLayers("model", "search", "eval", "train", "service", "cli", "gui")
                // The decoder never sees an image: features cross as float[] through the service.
                .whereLayer("encoder").mayOnlyBeAccessedByLayers("service", "cli", "gui")
                // The physical layer (simulated camera) sits between the photo and the encoder.
                .whereLayer("imaging").mayOnlyBeAccessedByLayers("encoder", "service", "cli", "gui")
                .whereLayer("image").mayOnlyBeAccessedByLayers("imaging", "encoder", "service", "cli", "gui")
                .check(classes);
    }

    @Test
    void visionAndLanguageSidesAreIndependent() {
        noClasses().that().resideInAnyPackage("org.captionlab.image..", "org.captionlab.imaging..", "org.captionlab.encoder..")
                .should().dependOnClassesThat().resideInAnyPackage("org.captionlab.text..", "org.captionlab.model..",
                        "org.captionlab.search..")
                .check(classes);
        noClasses().that().resideInAnyPackage("org.captionlab.text..", "org.captionlab.model..", "org.captionlab.search..")
                .should().dependOnClassesThat().resideInAnyPackage("org.captionlab.image..", "org.captionlab.imaging..",
                        "org.captionlab.encoder..")
                .check(classes);
    }

    @Test
    void theAppNeverSeesTraining() {
        noClasses().that().resideInAPackage("org.captionlab.gui..")
                .should().dependOnClassesThat().resideInAPackage("org.captionlab.train..")
                .check(classes);
    }

    /**
     * The app and the command line call the service for work; from the pipeline's packages they use only
     * the values that cross its API (records, enums, exceptions) and the interfaces it hands out.
     */
    @Test
    void guiAndCliReachThePipelineThroughTheService() {
        noClasses().that().resideInAnyPackage("org.captionlab.gui..", "org.captionlab.cli..")
                .should().dependOnClassesThat(pipelineWork())
                .check(classes);
    }

    private static DescribedPredicate<JavaClass> pipelineWork() {
        return new DescribedPredicate<>("are pipeline classes that do work (not records, enums, exceptions or interfaces)") {
            @Override
            public boolean test(JavaClass c) {
                return c.getPackageName().startsWith("org.captionlab.") && isPipeline(c.getPackageName())
                        && !c.isRecord() && !c.isEnum() && !c.isInterface() && !c.isAssignableTo(Throwable.class)
                        && !isPartOfValue(c);
            }
        };
    }

    /** Nested classes of a record or enum (a record's own builder, an enum constant's body) belong to the value. */
    private static boolean isPartOfValue(JavaClass c) {
        return c.getEnclosingClass().map(e -> e.isRecord() || e.isEnum()).orElse(false);
    }

    private static boolean isPipeline(String pkg) {
        for (String p : PIPELINE) {
            String root = p.substring(0, p.length() - 2);
            if (pkg.equals(root) || pkg.startsWith(root + ".")) {
                return true;
            }
        }
        return false;
    }

    @Test
    void onlyGuiUsesJavaFx() {
        noClasses().that().resideOutsideOfPackage("org.captionlab.gui..")
                .should().dependOnClassesThat().resideInAPackage("javafx..")
                .check(classes);
    }

    @Test
    void deepLearningLibrariesStayInEncoderModelAndTrain() {
        noClasses().that().resideOutsideOfPackages("org.captionlab.encoder..", "org.captionlab.model..", "org.captionlab.train..")
                .should().dependOnClassesThat().resideInAnyPackage("org.deeplearning4j..", "org.nd4j..", "org.bytedeco..")
                .check(classes);
    }

    @Test
    void libraryCodeDoesNotPrintToStandardStreams() {
        noClasses().that().resideOutsideOfPackages("org.captionlab.cli..", "org.captionlab")
                .should().accessField(System.class, "out")
                .orShould().accessField(System.class, "err")
                .check(classes);
    }
}
