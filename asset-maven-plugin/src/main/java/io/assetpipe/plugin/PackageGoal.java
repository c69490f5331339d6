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
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.apache.maven.plugin.MojoExecutionException;
import org.apache.maven.plugin.MojoFailureException;
import org.eclipse.aether.resolution.VersionRangeResolutionException;

/** What {@code asset:package} does with the {@link PackageMojo}'s parameters, once the JDK is known to be 21+. */
final class PackageGoal {
    private PackageGoal() {}

    static void execute(PackageMojo mojo) throws MojoExecutionException, MojoFailureException {
        Path bundleDirectory = mojo.outputDirectory.toPath();
        Path jar = mojo.buildDirectory.toPath().resolve(mojo.finalName + "-" + mojo.classifier + ".jar");
        if (!Files.isRegularFile(bundleDirectory.resolve(ManifestCodec.FILE_NAME))) {
            throw new MojoFailureException("No bundle to package: " + bundleDirectory.resolve(ManifestCodec.FILE_NAME)
                    + " does not exist. Run asset:build before asset:package (bind both goals in the POM).");
        }
        Instant timestamp = BuildGoal.outputTimestamp(mojo.outputTimestamp).instant();
        try {
            carryForward(mojo, bundleDirectory);
            AssetsJar.Result result = AssetsJar.writeIfChanged(bundleDirectory, jar, timestamp,
                    mojo.buildDirectory.toPath().resolve("assetpipe").resolve(jar.getFileName() + ".state"));
            mojo.getLog().info("Assets jar " + result.jar() + ": " + result.entries() + " entries, " + result.size()
                    + " bytes, sha256 " + result.sha256());
        } catch (PackagingException | CarryForwardException | ManifestException e) {
            throw new MojoFailureException(e.getMessage(), e);
        } catch (IOException e) {
            throw new MojoExecutionException("cannot write " + jar + ": " + e, e);
        }
        mojo.projectHelper.attachArtifact(mojo.project, "jar", mojo.classifier, jar.toFile());
    }

    private static void carryForward(PackageMojo mojo, Path bundleDirectory)
            throws IOException, MojoFailureException, MojoExecutionException {
        KeepReleases keep;
        try {
            keep = KeepReleases.of(mojo.keepReleases, mojo.keepReleasesMaxAge);
        } catch (IllegalArgumentException e) {
            throw new MojoFailureException(e.getMessage(), e);
        }
        List<ReleaseBundle> previous = new ArrayList<>();
        if (keep.count() > 0) {
            PreviousReleases.Lookup lookup;
            try {
                lookup = new PreviousReleases(mojo.repositorySystem, mojo.session.getRepositorySession(),
                                mojo.project.getRemoteProjectRepositories())
                        .find(mojo.project.getGroupId(), mojo.project.getArtifactId(), mojo.classifier,
                                mojo.project.getVersion(), keep.count());
            } catch (VersionRangeResolutionException e) {
                throw new MojoExecutionException("cannot list the previous releases of " + mojo.project.getGroupId() + ":"
                        + mojo.project.getArtifactId() + ": " + e.getMessage(), e);
            }
            for (PreviousReleases.Unresolved missing : lookup.unresolved()) {
                mojo.getLog().warn("Previous release " + missing.coordinates()
                        + " could not be resolved; its files are not carried forward: " + missing.reason());
            }
            for (PreviousReleases.Resolved release : lookup.resolved()) {
                previous.add(ReleaseBundle.open(release.coordinates(), release.jar()));
            }
            if (lookup.resolved().isEmpty() && lookup.unresolved().isEmpty()) {
                mojo.getLog().info("keepReleases=" + keep.count() + ": no earlier release of " + mojo.project.getGroupId()
                        + ":" + mojo.project.getArtifactId() + " below " + mojo.project.getVersion()
                        + " found; nothing to carry forward");
            }
        }
        // Runs with no previous releases too: it then removes what an earlier run in this target/ carried.
        RetiredAssets.Plan plan = CarryForward.apply(bundleDirectory, previous, keep.maxAge());
        for (ReleaseBundle old : plan.tooOld()) {
            mojo.getLog().info("Previous release " + old.coordinates() + " (built " + old.manifest().buildTime()
                    + ") is older than keepReleasesMaxAge " + mojo.keepReleasesMaxAge + "; not carried forward");
        }
        if (!plan.carriedFrom().isEmpty()) {
            mojo.getLog().info("Carried forward " + plan.manifest().retired().size() + " retired assets ("
                    + plan.sources().size() + " files, " + plan.carriedBytes() + " bytes) from "
                    + plan.carriedFrom().stream().map(ReleaseBundle::coordinates).toList());
        }
    }
}
