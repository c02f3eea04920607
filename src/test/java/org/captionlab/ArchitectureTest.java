package org.captionlab;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.Architectures.layeredArchitecture;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The layering of the package tree: the pipeline runs downwards
 * (util → image → imaging → encoder → text → model → search → data/train/eval → export → service → cli | gui)
 * and no layer imports one above it. JavaFX stays in gui; DL4J/ND4J/TFLite stay in encoder, model, train.
 */
class ArchitectureTest {

    private static JavaClasses classes;

    @BeforeAll
    static void importClasses() {
        classes = new ClassFileImporter()
                .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
                .importPackages("org.captionlab");
    }

    @Test
    void layersOnlyUseLayersBelow() {
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
                .whereLayer("train").mayOnlyBeAccessedByLayers("service", "cli", "gui")
                .whereLayer("eval").mayOnlyBeAccessedByLayers("train", "export", "service", "cli", "gui")
                .whereLayer("data").mayOnlyBeAccessedByLayers("train", "eval", "export", "service", "cli", "gui")
                .whereLayer("search").mayOnlyBeAccessedByLayers("data", "eval", "train", "export", "service", "cli", "gui")
                .whereLayer("model").mayOnlyBeAccessedByLayers("search", "data", "eval", "train", "export", "service", "cli", "gui")
                .whereLayer("text").mayOnlyBeAccessedByLayers("model", "search", "data", "eval", "train", "export", "service", "cli", "gui")
                .whereLayer("encoder").mayOnlyBeAccessedByLayers("text", "model", "search", "data", "eval", "train", "export", "service", "cli", "gui")
                .whereLayer("imaging").mayOnlyBeAccessedByLayers("encoder", "text", "model", "search", "data", "eval", "train", "export", "service", "cli", "gui")
                .whereLayer("image").mayOnlyBeAccessedByLayers("imaging", "encoder", "text", "model", "search", "data", "eval", "train", "export", "service", "cli", "gui")
                .check(classes);
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
