package io.keyward.ops;

import java.io.File;
import org.jboss.shrinkwrap.api.ShrinkWrap;
import org.jboss.shrinkwrap.api.spec.WebArchive;

/** Test archives for the in-container tests: the application's classes, resources and libraries. */
public final class Deployments {
    private Deployments() {
    }

    public static WebArchive keyward(String name) {
        WebArchive war = ShrinkWrap.create(WebArchive.class, name + ".war")
                .addPackages(true, "io.keyward")
                .addAsResource(new File("target/classes/META-INF/persistence.xml"), "META-INF/persistence.xml")
                .addAsResource(new File("target/classes/db"), "db")
                .addAsResource(new File("target/classes/mail"), "mail");
        File[] libs = new File("target/keyward/WEB-INF/lib").listFiles();
        if (libs != null) {
            war.addAsLibraries(libs);
        }
        return war;
    }
}
