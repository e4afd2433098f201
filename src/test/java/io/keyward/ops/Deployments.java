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
                .addAsResource(new File("target/classes/META-INF/persistence.xml"), "META-INF/persistence.xml")
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
