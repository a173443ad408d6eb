package org.boarfish;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.Architectures.layeredArchitecture;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.lang.ArchRule;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The layering of DESIGN.md §2, checked on the library's compiled classes: imports point down only
 * (core, data, learner, applications, examples), applications stay independent of each other except
 * collab on tabular, slices have no cycles, and Tablesaw stays inside tabular and collab. Layers
 * that have no classes yet pass.
 */
class LayeringTest {
  private static final String[] CORE = {
    "org.boarfish.tensor..", "org.boarfish.nn..", "org.boarfish.optim..", "org.boarfish.io.."
  };
  private static final String[] LEARNER = {
    "org.boarfish.learner..", "org.boarfish.callbacks..", "org.boarfish.metrics.."
  };

  private static JavaClasses library;

  @BeforeAll
  static void importLibrary() {
    // Main classes only: tests, and the examples (a test source root), may use any layer.
    library =
        new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
            .importPackages("org.boarfish");
  }

  @Test
  void layersOnlyDependDownwards() {
    ArchRule rule =
        layeredArchitecture()
            .consideringOnlyDependenciesInLayers()
            .withOptionalLayers(true)
            .layer("Core")
            .definedBy(CORE)
            .layer("Data")
            .definedBy("org.boarfish.data..")
            .layer("Learner")
            .definedBy(LEARNER)
            .layer("Vision")
            .definedBy("org.boarfish.vision..")
            .layer("Text")
            .definedBy("org.boarfish.text..")
            .layer("Tabular")
            .definedBy("org.boarfish.tabular..")
            .layer("Collab")
            .definedBy("org.boarfish.collab..")
            .layer("Examples")
            .definedBy("org.boarfish.examples..")
            .whereLayer("Core")
            .mayNotAccessAnyLayer()
            .whereLayer("Data")
            .mayOnlyAccessLayers("Core")
            .whereLayer("Learner")
            .mayOnlyAccessLayers("Core", "Data")
            .whereLayer("Vision")
            .mayOnlyAccessLayers("Core", "Data", "Learner")
            .whereLayer("Text")
            .mayOnlyAccessLayers("Core", "Data", "Learner")
            .whereLayer("Tabular")
            .mayOnlyAccessLayers("Core", "Data", "Learner")
            .whereLayer("Collab")
            .mayOnlyAccessLayers("Core", "Data", "Learner", "Tabular")
            .whereLayer("Examples")
            .mayNotBeAccessedByAnyLayer()
            .ensureAllClassesAreContainedInArchitecture()
            .because(
                "imports point down only (DESIGN.md §2); a new top-level package needs a layer here first");
    rule.check(library);
  }

  @Test
  void topLevelPackagesHaveNoCycles() {
    ArchRule rule =
        slices().matching("org.boarfish.(*)..").should().beFreeOfCycles().allowEmptyShould(true);
    rule.check(library);
  }

  @Test
  void onlyTabularAndCollabUseTablesaw() {
    ArchRule rule =
        noClasses()
            .that()
            .resideOutsideOfPackages("org.boarfish.tabular..", "org.boarfish.collab..")
            .should()
            .dependOnClassesThat()
            .resideInAPackage("tech.tablesaw..")
            .allowEmptyShould(true)
            .because("Tablesaw brings 43 MiB of jars; only the tabular applications may need it");
    rule.check(library);
  }
}
