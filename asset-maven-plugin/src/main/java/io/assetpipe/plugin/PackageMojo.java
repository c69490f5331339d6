package io.assetpipe.plugin;

import io.assetpipe.manifest.ManifestCodec;
import io.assetpipe.manifest.ManifestException;
import io.assetpipe.plugin.carryforward.CarryForward;
import io.assetpipe.plugin.carryforward.CarryForwardException;
import io.assetpipe.plugin.carryforward.KeepReleases;
import io.assetpipe.plugin.carryforward.PreviousReleases;
import io.assetpipe.plugin.carryforward.ReleaseBundle;
import io.assetpipe.plugin.carryforward.RetiredAssets;
import io.assetpipe.plugin.packaging.AssetsJar;
import io.assetpipe.plugin.packaging.PackagingException;
import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
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
import org.eclipse.aether.resolution.VersionRangeResolutionException;

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
@Mojo(name = "package", defaultPhase = LifecyclePhase.PREPARE_PACKAGE, threadSafe = true)
public final class PackageMojo extends AbstractMojo {
    private final MavenProjectHelper projectHelper;
    private final RepositorySystem repositorySystem;

    @Parameter(defaultValue = "${project}", readonly = true, required = true)
    private MavenProject project;

    @Parameter(defaultValue = "${session}", readonly = true, required = true)
    private MavenSession session;

    /** The bundle directory that {@code asset:build} wrote (same parameter and property as there). */
    @Parameter(property = "assetpipe.outputDirectory",
            defaultValue = "${project.build.outputDirectory}/META-INF/assets", required = true)
    private File outputDirectory;

    /** Classifier of the attached jar; the file is {@code <finalName>-<classifier>.jar} in {@code target/}. */
    @Parameter(property = "assetpipe.classifier", defaultValue = "assets", required = true)
    private String classifier;

    /** Time of every jar entry; ISO-8601 or seconds since the epoch. Unset: the manifest's {@code buildTime}. */
    @Parameter(defaultValue = "${project.build.outputTimestamp}")
    private String outputTimestamp;

    /**
     * How many previous releases to carry forward: their fingerprinted files that this bundle
     * doesn't have are copied in and listed under {@code retired}. 0 carries nothing.
     */
    @Parameter(property = "assetpipe.keepReleases", defaultValue = "0")
    private int keepReleases;

    /**
     * Leave out previous releases built more than this long before this one (manifest
     * {@code buildTime}s compared), as an ISO-8601 duration such as {@code P30D}. Unset: no limit.
     */
    @Parameter(property = "assetpipe.keepReleasesMaxAge")
    private String keepReleasesMaxAge;

    /** Skip packaging (and carry-forward). */
    @Parameter(property = "assetpipe.skip", defaultValue = "false")
    private boolean skip;

    @Parameter(defaultValue = "${project.build.directory}", readonly = true, required = true)
    private File buildDirectory;

    @Parameter(defaultValue = "${project.build.finalName}", readonly = true, required = true)
    private String finalName;

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
        Path bundleDirectory = outputDirectory.toPath();
        Path jar = buildDirectory.toPath().resolve(finalName + "-" + classifier + ".jar");
        if (!Files.isRegularFile(bundleDirectory.resolve(ManifestCodec.FILE_NAME))) {
            throw new MojoFailureException("No bundle to package: " + bundleDirectory.resolve(ManifestCodec.FILE_NAME)
                    + " does not exist. Run asset:build before asset:package (bind both goals in the POM).");
        }
        try {
            Optional<Instant> timestamp = AssetsJar.timestamp(outputTimestamp);
            carryForward(bundleDirectory);
            AssetsJar.Result result = AssetsJar.writeIfChanged(bundleDirectory, jar, timestamp,
                    buildDirectory.toPath().resolve("assetpipe").resolve(jar.getFileName() + ".state"));
            getLog().info("Assets jar " + result.jar() + ": " + result.entries() + " entries, " + result.size()
                    + " bytes, sha256 " + result.sha256());
        } catch (PackagingException | CarryForwardException | ManifestException e) {
            throw new MojoFailureException(e.getMessage(), e);
        } catch (IOException e) {
            throw new MojoExecutionException("cannot write " + jar + ": " + e, e);
        }
        projectHelper.attachArtifact(project, "jar", classifier, jar.toFile());
    }

    private void carryForward(Path bundleDirectory) throws IOException, MojoFailureException, MojoExecutionException {
        KeepReleases keep;
        try {
            keep = KeepReleases.of(keepReleases, keepReleasesMaxAge);
        } catch (IllegalArgumentException e) {
            throw new MojoFailureException(e.getMessage(), e);
        }
        List<ReleaseBundle> previous = new ArrayList<>();
        if (keep.count() > 0) {
            PreviousReleases.Lookup lookup;
            try {
                lookup = new PreviousReleases(
                                repositorySystem, session.getRepositorySession(), project.getRemoteProjectRepositories())
                        .find(project.getGroupId(), project.getArtifactId(), classifier, project.getVersion(), keep.count());
            } catch (VersionRangeResolutionException e) {
                throw new MojoExecutionException("cannot list the previous releases of " + project.getGroupId() + ":"
                        + project.getArtifactId() + ": " + e.getMessage(), e);
            }
            for (PreviousReleases.Unresolved missing : lookup.unresolved()) {
                getLog().warn("Previous release " + missing.coordinates()
                        + " could not be resolved; its files are not carried forward: " + missing.reason());
            }
            for (PreviousReleases.Resolved release : lookup.resolved()) {
                previous.add(ReleaseBundle.open(release.coordinates(), release.jar()));
            }
            if (lookup.resolved().isEmpty() && lookup.unresolved().isEmpty()) {
                getLog().info("keepReleases=" + keep.count() + ": no earlier release of " + project.getGroupId() + ":"
                        + project.getArtifactId() + " below " + project.getVersion() + " found; nothing to carry forward");
            }
        }
        // Runs with no previous releases too: it then removes what an earlier run in this target/ carried.
        RetiredAssets.Plan plan = CarryForward.apply(bundleDirectory, previous, keep.maxAge());
        for (ReleaseBundle old : plan.tooOld()) {
            getLog().info("Previous release " + old.coordinates() + " (built " + old.manifest().buildTime()
                    + ") is older than keepReleasesMaxAge " + keepReleasesMaxAge + "; not carried forward");
        }
        if (!plan.carriedFrom().isEmpty()) {
            getLog().info("Carried forward " + plan.manifest().retired().size() + " retired assets ("
                    + plan.sources().size() + " files, " + plan.carriedBytes() + " bytes) from "
                    + plan.carriedFrom().stream().map(ReleaseBundle::coordinates).toList());
        }
    }
}
