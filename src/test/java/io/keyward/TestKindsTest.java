package io.keyward;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.domain.JavaMethod;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.jboss.arquillian.container.test.api.Deployment;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * A test says what kind it is by its name and package (README, "Tests"):
 * <ul>
 * <li>{@code *Test}: unit test (Surefire), no server, no Arquillian deployment;</li>
 * <li>{@code *IT} tagged {@code in-container}, in the package of the code it tests (never {@code it/}, never
 * {@code *ApiIT}): runs inside the server as an Arquillian deployment;</li>
 * <li>{@code *ApiIT} or any {@code *IT} under {@code it/}: black-box over HTTP, as a client. A grey-box one
 * seeds or inspects rows through SQL, and only through testsupport's seed servlet: it then has a
 * {@code @Deployment(testable = false)} and nothing that runs inside the server;</li>
 * <li>{@code console/*IT}: the console in a real headless Chromium (Selenium), black-box too.</li>
 * </ul>
 */
class TestKindsTest {
    private static final String IN_CONTAINER = "in-container";
    private static final JavaClasses TESTS = new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.ONLY_INCLUDE_TESTS)
            .importPackages("io.keyward");

    @Test
    void everyTestClassIsOfOneKindItsNameAndPackageTell() {
        List<String> wrong = new ArrayList<>();
        int its = 0;
        for (JavaClass c : TESTS) {
            String name = c.getSimpleName();
            if (c.isNestedClass() || !(name.endsWith("IT") || name.endsWith("Test"))) {
                continue;
            }
            boolean inContainer = c.tryGetAnnotationOfType(Tag.class).map(t -> t.value().equals(IN_CONTAINER)).orElse(false);
            Optional<Deployment> deployment = deploymentOf(c);
            boolean blackBoxPlace = c.getPackageName().startsWith("io.keyward.it") || c.getPackageName().equals("io.keyward.console")
                    || name.endsWith("ApiIT");
            if (name.endsWith("Test")) {
                if (inContainer || deployment.isPresent()) {
                    wrong.add(name + ": a *Test is a unit test; in-container tests are *IT");
                }
                continue;
            }
            its++;
            if (inContainer) {
                if (blackBoxPlace) {
                    wrong.add(name + ": in-container tests live beside their code and are not named *ApiIT");
                }
                if (deployment.isEmpty() || !deployment.get().testable()) {
                    wrong.add(name + ": an in-container test deploys itself (@Deployment, testable)");
                }
            } else {
                if (!blackBoxPlace) {
                    wrong.add(name + ": a black-box test lives under it/ or is named *ApiIT (or tag it in-container)");
                }
                if (deployment.isPresent() && deployment.get().testable()) {
                    wrong.add(name + ": a black-box test runs nothing inside the server (@Deployment(testable = false))");
                }
            }
        }
        assertTrue(its > 30, "the importer found the integration tests: " + its);
        assertEquals(List.of(), wrong);
    }

    private static Optional<Deployment> deploymentOf(JavaClass c) {
        for (JavaMethod m : c.getMethods()) {
            Optional<Deployment> d = m.tryGetAnnotationOfType(Deployment.class);
            if (d.isPresent()) {
                return d;
            }
        }
        return Optional.empty();
    }
}
