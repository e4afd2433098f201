package io.keyward.ops;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;
import org.jboss.shrinkwrap.api.Filters;
import org.jboss.shrinkwrap.api.ShrinkWrap;
import org.jboss.shrinkwrap.api.asset.StringAsset;
import org.jboss.shrinkwrap.api.spec.WebArchive;

/** Test archives for the in-container tests: the application's classes, resources and libraries. */
public final class Deployments {
    private Deployments() {
    }

    public static WebArchive keyward(String name) {
        WebArchive war = ShrinkWrap.create(WebArchive.class, name + ".war")
                // The architecture test needs ArchUnit, which the server does not have.
                .addPackages(true, Filters.exclude(".*/ArchitectureTest.*"), "io.keyward")
                .addAsResource(new StringAsset(persistenceUnitForDropins()), "META-INF/persistence.xml")
                // The metric registry is shared by the server's applications: this copy leaves the figures
                // to the application under test, and cannot remove them when it is undeployed.
                .addAsResource(new StringAsset("is.metrics.enabled=false\n"), "META-INF/microprofile-config.properties")
                .addAsResource(new File("target/classes/db"), "db")
                .addAsResource(new File("target/classes/mail"), "mail");
        addPackageResources(war, Path.of("target/classes"));
        File[] libs = new File("target/keyward/WEB-INF/lib").listFiles();
        if (libs != null) {
            war.addAsLibraries(libs);
        }
        return war;
    }

    /**
     * The application's persistence unit without its EclipseLink session customizer: Arquillian deploys into
     * dropins, and a dropins application cannot be given Liberty's third-party API visibility, which the
     * customizer's interface needs (server.xml gives it to keyward.war). It only stops EclipseLink's
     * retries of failed reads; nothing the in-container tests check depends on it.
     */
    private static String persistenceUnitForDropins() {
        try {
            String unit = Files.readString(Path.of("target/classes/META-INF/persistence.xml"));
            String withoutCustomizer = unit.replaceAll("(?m)^\\s*<property name=\"eclipselink\\.session\\.customizer\"[^>]*/>\\s*$\\R?", "");
            if (withoutCustomizer.equals(unit)) {
                throw new IllegalStateException("persistence.xml names no session customizer: update Deployments");
            }
            return withoutCustomizer;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Non-class files next to the classes (e.g. io/keyward/user/user-id-blocklist.txt). */
    private static void addPackageResources(WebArchive war, Path classes) {
        Path io = classes.resolve("io");
        if (!Files.isDirectory(io)) {
            return;
        }
        try (Stream<Path> files = Files.walk(io)) {
            files.filter(Files::isRegularFile)
                    .filter(p -> !p.getFileName().toString().endsWith(".class"))
                    .forEach(p -> war.addAsResource(p.toFile(), classes.relativize(p).toString().replace(File.separatorChar, '/')));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
