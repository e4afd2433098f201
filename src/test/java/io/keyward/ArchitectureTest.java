package io.keyward;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import jakarta.persistence.EntityManager;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;

/**
 * The package map holds: no cycles between Keyward's packages, and every package imports only the
 * packages its {@code package-info.java} names on its "May import:" line (the one place the layer rules
 * are written). A package without that line fails, so a new package has to say where it stands.
 */
class ArchitectureTest {
    private static final String ROOT = "io.keyward";
    private static final Path SOURCES = Path.of("src/main/java/io/keyward");
    private static final Pattern MAY_IMPORT = Pattern.compile("May import:([^.]*)\\.");
    private static final Pattern CODE = Pattern.compile("\\{@code ([a-z]+)}");

    private static final JavaClasses CLASSES = new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
            .importPackages(ROOT);

    @Test
    void noPackageCycles() {
        slices().matching("io.keyward.(*)..").should().beFreeOfCycles().check(CLASSES);
    }

    /** One store per entity holds its queries: no registry, service or resource talks to JPA directly. */
    @Test
    void onlyStoresUseTheEntityManager() {
        noClasses().that().haveSimpleNameNotEndingWith("Store")
                .and().resideOutsideOfPackage(ROOT + ".store..")
                .should().dependOnClassesThat().areAssignableTo(EntityManager.class)
                .because("the JPQL, Criteria and row access of an entity live in its *Store")
                .check(CLASSES);
    }

    /** {@code jakarta.json.Json} looks its provider up through the ServiceLoader on every call (issue 8). */
    @Test
    void jsonFactoriesComeFromJsonP() {
        noClasses().that().doNotHaveFullyQualifiedName(ROOT + ".wire.JsonP")
                .should().dependOnClassesThat().haveFullyQualifiedName("jakarta.json.Json")
                .because("io.keyward.wire.JsonP holds the JSON-P factories, looked up once")
                .check(CLASSES);
    }

    @Test
    void everyPackageSaysWhatItMayImport() throws IOException {
        Map<String, Set<String>> rules = rules();
        Set<String> packages = new TreeSet<>();
        for (JavaClass c : CLASSES) {
            packages.add(topLevel(c.getPackageName()));
        }
        assertTrue(packages.size() > 10, "the importer found the application's classes: " + packages);
        Set<String> withoutRule = new TreeSet<>(packages);
        withoutRule.removeAll(rules.keySet());
        assertEquals(Set.of(), withoutRule, "packages without a 'May import:' line in their package-info.java");
    }

    @TestFactory
    Stream<DynamicTest> everyPackageImportsOnlyWhatItsPackageInfoAllows() throws IOException {
        Map<String, Set<String>> rules = rules();
        List<DynamicTest> tests = new ArrayList<>();
        for (Map.Entry<String, Set<String>> rule : rules.entrySet()) {
            String pkg = rule.getKey();
            List<String> forbidden = new ArrayList<>();
            for (String other : rules.keySet()) {
                if (!other.equals(pkg) && !rule.getValue().contains(other)) {
                    forbidden.add(other.isEmpty() ? ROOT : ROOT + "." + other + "..");
                }
            }
            String self = pkg.isEmpty() ? ROOT : ROOT + "." + pkg + "..";
            tests.add(DynamicTest.dynamicTest(pkg.isEmpty() ? "(root)" : pkg, () -> noClasses()
                    .that().resideInAPackage(self)
                    .should().dependOnClassesThat().resideInAnyPackage(forbidden.toArray(String[]::new))
                    .because(self + " may import only " + rule.getValue() + " (its package-info.java)")
                    .allowEmptyShould(true)
                    .check(CLASSES)));
        }
        return tests.stream();
    }

    /** Package (relative to io.keyward, "" for the root) → the packages it may import. */
    static Map<String, Set<String>> rules() throws IOException {
        Map<String, Set<String>> rules = new TreeMap<>();
        try (Stream<Path> files = Files.walk(SOURCES)) {
            for (Path info : files.filter(p -> p.getFileName().toString().equals("package-info.java")).toList()) {
                String pkg = SOURCES.relativize(info.getParent()).toString().replace('/', '.');
                Matcher m = MAY_IMPORT.matcher(Files.readString(info));
                if (!m.find()) {
                    continue;
                }
                Set<String> allowed = new TreeSet<>();
                Matcher code = CODE.matcher(m.group(1));
                while (code.find()) {
                    allowed.add(code.group(1));
                }
                rules.put(pkg, allowed);
            }
        }
        return rules;
    }

    private static String topLevel(String packageName) {
        if (packageName.equals(ROOT)) {
            return "";
        }
        String rest = packageName.substring(ROOT.length() + 1);
        int dot = rest.indexOf('.');
        return dot < 0 ? rest : rest.substring(0, dot);
    }
}
