package io.assetpipe.plugin;

import io.assetpipe.manifest.AssetManifest;
import io.assetpipe.manifest.ManifestCodec;
import io.assetpipe.plugin.carryforward.CarryForwardException;
import io.assetpipe.plugin.carryforward.PreviousReleases;
import io.assetpipe.plugin.carryforward.ReleaseBundle;
import io.assetpipe.plugin.pipeline.BuildConfig;
import io.assetpipe.plugin.pipeline.BuildResult;
import io.assetpipe.plugin.report.BudgetCheck;
import io.assetpipe.plugin.report.BuildReport;
import io.assetpipe.plugin.report.BuildReports;
import io.assetpipe.plugin.report.Measure;
import io.assetpipe.plugin.report.PreviousRelease;
import io.assetpipe.plugin.report.SizeBudget;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import org.apache.maven.plugin.MojoExecutionException;
import org.apache.maven.plugin.MojoFailureException;
import org.apache.maven.project.MavenProject;
import org.eclipse.aether.resolution.VersionRangeResolutionException;

/**
 * The build report and the size budgets of {@code asset:build}, after the pipeline ran: writes
 * {@code report.html} and {@code meta.json} for a new bundle (and prints its table) or for an
 * up-to-date one (read back from the bundle and the last metafile), then applies the budgets.
 */
final class BuildReportStep {
    private final BuildMojo mojo;
    private final BuildReports reports;

    private BuildReportStep(BuildMojo mojo, BuildReports reports) {
        this.mojo = mojo;
        this.reports = reports;
    }

    /** The step for {@code mojo}'s project and budgets; a bad budget names its POM element. */
    static BuildReportStep of(BuildMojo mojo, BuildConfig config) throws MojoExecutionException {
        MavenProject project = mojo.project;
        String name = project == null ? "the project"
                : project.getGroupId() + ":" + project.getArtifactId() + ":" + project.getVersion();
        return new BuildReportStep(mojo, new BuildReports(name, config.workDirectory(), sizeBudgets(mojo)));
    }

    void run(BuildResult result, Path outputDirectory) throws MojoExecutionException, MojoFailureException {
        BuildReport report;
        try {
            long start = System.nanoTime();
            PreviousRelease previous = previousRelease();
            long lookedUp = System.nanoTime();
            report = result instanceof BuildResult.Built built
                    ? reports.write(built.manifest(), built.metafile(), previous, mojo.getLog()::info)
                    : reports.write(bundleManifest(outputDirectory), reports.lastMetafile(mojo.getLog()::warn),
                            previous, line -> { });
            mojo.getLog().debug("build report: previous release looked up in " + (lookedUp - start) / 1_000_000
                    + " ms, report written in " + (System.nanoTime() - lookedUp) / 1_000_000 + " ms");
        } catch (IOException e) {
            throw new MojoExecutionException("asset:build could not write its report to " + reports.directory()
                    + ": " + e.getMessage(), e);
        }
        List<BudgetCheck.Verdict> failures = report.budgets().failures();
        if (failures.isEmpty()) {
            return;
        }
        if (mojo.budgetsWarnOnly) {
            failures.forEach(f -> mojo.getLog().warn("Size budget exceeded (assetpipe.budgets.warnOnly): " + f.message()));
            return;
        }
        StringBuilder message = new StringBuilder("asset:build: ").append(failures.size())
                .append(failures.size() == 1 ? " size budget exceeded:" : " size budgets exceeded:");
        failures.forEach(f -> message.append("\n  ").append(f.message()));
        throw new MojoFailureException(message.append("\nSee ").append(reports.page())
                .append("; -Dassetpipe.budgets.warnOnly=true reports this as a warning instead").toString());
    }

    private static AssetManifest bundleManifest(Path outputDirectory) throws IOException {
        Path manifest = outputDirectory.resolve(ManifestCodec.FILE_NAME);
        return ManifestCodec.read(Files.readAllBytes(manifest), manifest.toString());
    }

    /**
     * The release before this version, found as {@code asset:package}'s carry-forward finds it (its
     * assets jar in the build's repositories), or why there is none to compare with.
     */
    private PreviousRelease previousRelease() {
        MavenProject project = mojo.project;
        if (project == null || mojo.session == null || mojo.repositorySystem == null) {
            return new PreviousRelease.Unavailable("not built in a Maven project");
        }
        String name = project.getGroupId() + ":" + project.getArtifactId();
        PreviousReleases.Lookup lookup;
        try {
            lookup = new PreviousReleases(mojo.repositorySystem, mojo.session.getRepositorySession(),
                    project.getRemoteProjectRepositories())
                    .find(project.getGroupId(), project.getArtifactId(), mojo.classifier, project.getVersion(), 1);
        } catch (VersionRangeResolutionException e) {
            return new PreviousRelease.Unavailable("the repositories could not list the releases of " + name + ": "
                    + e.getMessage());
        }
        if (!lookup.resolved().isEmpty()) {
            PreviousReleases.Resolved release = lookup.resolved().get(0);
            try {
                return new PreviousRelease.Found(release.coordinates(),
                        ReleaseBundle.open(release.coordinates(), release.jar()).manifest());
            } catch (IOException | CarryForwardException e) {
                return new PreviousRelease.Unavailable(release.coordinates() + " cannot be read: " + e.getMessage());
            }
        }
        if (!lookup.unresolved().isEmpty()) {
            PreviousReleases.Unresolved missing = lookup.unresolved().get(0);
            return new PreviousRelease.Unavailable(missing.coordinates() + " could not be resolved: " + missing.reason());
        }
        return new PreviousRelease.Unavailable("no release of " + name + " below " + project.getVersion()
                + " with an assets jar (classifier " + mojo.classifier + ") in the build's repositories");
    }

    /** The budgets of the POM, checked; a bad one names its element. */
    static List<SizeBudget> sizeBudgets(BuildMojo mojo) throws MojoExecutionException {
        List<SizeBudget> out = new ArrayList<>();
        for (Budget budget : mojo.budgets == null ? List.<Budget>of() : mojo.budgets) {
            Map<Measure, Long> limits = new EnumMap<>(Measure.class);
            putIfSet(limits, Measure.RAW, budget.getMaxRawBytes());
            putIfSet(limits, Measure.GZIP, budget.getMaxGzipBytes());
            putIfSet(limits, Measure.BROTLI, budget.getMaxBrotliBytes());
            putIfSet(limits, Measure.ZSTD, budget.getMaxZstdBytes());
            try {
                out.add(new SizeBudget(budget.getAssets(), limits, budget.getMaxGrowthPercent()));
            } catch (IllegalArgumentException e) {
                throw new MojoExecutionException("<budgets>: " + e.getMessage());
            }
        }
        return out;
    }

    private static void putIfSet(Map<Measure, Long> limits, Measure measure, Long max) {
        if (max != null) {
            limits.put(measure, max);
        }
    }
}
