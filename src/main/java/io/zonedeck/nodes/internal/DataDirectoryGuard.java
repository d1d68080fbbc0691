package io.zonedeck.nodes.internal;

import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.config.BeanFactoryPostProcessor;
import org.springframework.beans.factory.config.ConfigurableListableBeanFactory;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.ApplicationListener;
import org.springframework.context.EnvironmentAware;
import org.springframework.core.env.Environment;
import org.springframework.stereotype.Component;

/**
 * The embedded H2 database holds node credentials (encrypted) and everything else of the cloud: its directory is
 * made 0700 before the database opens (so a file H2 creates there is never readable by others) and its files are
 * set to 0600 once the portal is up. Does nothing for other databases.
 */
@Component
class DataDirectoryGuard
        implements BeanFactoryPostProcessor, EnvironmentAware, ApplicationListener<ApplicationReadyEvent> {
    private static final Logger log = LoggerFactory.getLogger(DataDirectoryGuard.class);
    private Environment env;

    @Override
    public void setEnvironment(Environment environment) {
        this.env = environment;
    }

    @Override
    public void postProcessBeanFactory(ConfigurableListableBeanFactory beanFactory) {
        h2File(env.getProperty("spring.datasource.url")).ifPresent(DataDirectoryGuard::prepare);
    }

    @Override
    public void onApplicationEvent(ApplicationReadyEvent event) {
        h2File(env.getProperty("spring.datasource.url")).ifPresent(DataDirectoryGuard::tighten);
    }

    /** The database file's base path of an H2 file URL ({@code jdbc:h2:file:./data/zonedeck;...}). */
    static Optional<Path> h2File(String url) {
        if (url == null) {
            return Optional.empty();
        }
        String rest;
        if (url.startsWith("jdbc:h2:file:")) {
            rest = url.substring("jdbc:h2:file:".length());
        } else if (url.startsWith("jdbc:h2:")
                && !url.startsWith("jdbc:h2:mem:")
                && !url.startsWith("jdbc:h2:tcp:")
                && !url.startsWith("jdbc:h2:ssl:")) {
            rest = url.substring("jdbc:h2:".length());
        } else {
            return Optional.empty();
        }
        int semi = rest.indexOf(';');
        String path = semi < 0 ? rest : rest.substring(0, semi);
        if (path.startsWith("~")) {
            path = System.getProperty("user.home") + path.substring(1);
        }
        return path.isBlank() ? Optional.empty() : Optional.of(Path.of(path));
    }

    /** Makes the database's directory (0700) or tightens it, and its existing files to 0600. */
    static void prepare(Path dbBase) {
        Path dir = dbBase.toAbsolutePath().getParent();
        try {
            Files.createDirectories(dir);
            OwnerOnly.restrict(dir, KeyFile.OWNER_DIR);
        } catch (IOException e) {
            log.warn("cannot make the database directory {} owner-only: {}", dir, e.getMessage());
        }
        tighten(dbBase);
    }

    /** Every file of this database ({@code zonedeck.mv.db}, {@code .trace.db}, ...) to 0600. */
    static void tighten(Path dbBase) {
        Path dir = dbBase.toAbsolutePath().getParent();
        String prefix = dbBase.getFileName().toString() + ".";
        if (!Files.isDirectory(dir)) {
            return;
        }
        try (DirectoryStream<Path> files =
                Files.newDirectoryStream(dir, p -> p.getFileName().toString().startsWith(prefix))) {
            for (Path f : files) {
                if (Files.isRegularFile(f)) {
                    OwnerOnly.restrict(f, KeyFile.OWNER_ONLY);
                }
            }
        } catch (IOException e) {
            log.warn("cannot make the database files in {} owner-only: {}", dir, e.getMessage());
        }
    }
}
