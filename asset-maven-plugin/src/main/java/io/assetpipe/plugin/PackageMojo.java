package io.assetpipe.plugin;

import java.io.File;
import javax.inject.Inject;
import org.apache.maven.execution.MavenSession;
import org.apache.maven.plugin.AbstractMojo;
import org.apache.maven.plugin.MojoExecutionException;
import org.apache.maven.plugin.MojoFailureException;
import org.apache.maven.plugins.annotations.LifecyclePhase;
import org.apache.maven.plugins.annotations.Mojo;
import org.apache.maven.plugins.annotations.Parameter;
import org.apache.maven.project.MavenProject;
import org.apache.maven.project.MavenProjectHelper;
import org.eclipse.aether.RepositorySystem;

/**
 * Packs the bundle that {@code asset:build} wrote into {@code <finalName>-assets.jar} and attaches
 * it to the project, so {@code install} and {@code deploy} publish it with classifier
 * {@code assets}. The jar holds only {@code META-INF/assets/**}, its entries are STORED, sorted and
 * carry the {@code project.build.outputTimestamp} time: two clean builds give the same bytes.
 *
 * <p>It runs in {@code prepare-package} by default, right before {@code package}, so that the
 * ordinary jar, built after it from the same classes directory, holds the same bundle.
 *
 * <p>With {@code keepReleases > 0} it first carries forward the files of previous releases into the
 * bundle directory (listed under the manifest's {@code retired}), so both the assets jar and the
 * ordinary jar, built from the same directory, can serve pages rendered by those releases.
 */
// Bound to prepare-package, the phase just before package: Maven runs the packaging's own jar (or
// war) goal first among the goals of one phase, so only here do the files carried forward into the
// classes directory also reach the ordinary jar, which is what an app serving from its classpath ships.
// Only the parameters live here, compiled for Java 8 so that any JDK can load them (see
// RequiredJava); the work is PackageGoal's.
@Mojo(name = "package", defaultPhase = LifecyclePhase.PREPARE_PACKAGE, threadSafe = true)
public final class PackageMojo extends AbstractMojo {
    final MavenProjectHelper projectHelper;
    final RepositorySystem repositorySystem;

    @Parameter(defaultValue = "${project}", readonly = true, required = true)
    MavenProject project;

    @Parameter(defaultValue = "${session}", readonly = true, required = true)
    MavenSession session;

    /** The bundle directory that {@code asset:build} wrote (same parameter and property as there). */
    @Parameter(property = "assetpipe.outputDirectory",
            defaultValue = "${project.build.outputDirectory}/META-INF/assets", required = true)
    File outputDirectory;

    /** Classifier of the attached jar; the file is {@code <finalName>-<classifier>.jar} in {@code target/}. */
    @Parameter(property = "assetpipe.classifier", defaultValue = "assets", required = true)
    String classifier;

    /**
     * Time of every jar entry; ISO-8601 or seconds since the epoch, read as maven-jar-plugin reads it.
     * Unset: {@code SOURCE_DATE_EPOCH}, else 1980-02-01T00:00:00Z, as the manifest's {@code buildTime}.
     */
    @Parameter(defaultValue = "${project.build.outputTimestamp}")
    String outputTimestamp;

    /**
     * How many previous releases to carry forward: their fingerprinted files that this bundle
     * doesn't have are copied in and listed under {@code retired}. 0 carries nothing.
     */
    @Parameter(property = "assetpipe.keepReleases", defaultValue = "0")
    int keepReleases;

    /**
     * Leave out previous releases built more than this long before this one (manifest
     * {@code buildTime}s compared), as an ISO-8601 duration such as {@code P30D}. Unset: no limit.
     */
    @Parameter(property = "assetpipe.keepReleasesMaxAge")
    String keepReleasesMaxAge;

    /** Skip packaging (and carry-forward). */
    @Parameter(property = "assetpipe.skip", defaultValue = "false")
    boolean skip;

    @Parameter(defaultValue = "${project.build.directory}", readonly = true, required = true)
    File buildDirectory;

    @Parameter(defaultValue = "${project.build.finalName}", readonly = true, required = true)
    String finalName;

    @Inject
    public PackageMojo(MavenProjectHelper projectHelper, RepositorySystem repositorySystem) {
        this.projectHelper = projectHelper;
        this.repositorySystem = repositorySystem;
    }

    @Override
    public void execute() throws MojoExecutionException, MojoFailureException {
        if (skip) {
            getLog().info("Skipping asset:package (assetpipe.skip)");
            return;
        }
        RequiredJava.check("asset:package");
        PackageGoal.execute(this);
    }
}
