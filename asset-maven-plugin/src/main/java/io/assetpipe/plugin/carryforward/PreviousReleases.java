package io.assetpipe.plugin.carryforward;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.eclipse.aether.RepositorySystem;
import org.eclipse.aether.RepositorySystemSession;
import org.eclipse.aether.artifact.Artifact;
import org.eclipse.aether.artifact.DefaultArtifact;
import org.eclipse.aether.repository.RemoteRepository;
import org.eclipse.aether.resolution.ArtifactRequest;
import org.eclipse.aether.resolution.ArtifactResolutionException;
import org.eclipse.aether.resolution.VersionRangeRequest;
import org.eclipse.aether.resolution.VersionRangeResolutionException;
import org.eclipse.aether.resolution.VersionRangeResult;
import org.eclipse.aether.version.Version;

/**
 * Finds and resolves the assets jars of the releases before the current version, through Maven's
 * own resolver and the repositories the build already uses (local first, then remote). This is the
 * one class of the feature that knows Maven; the rest works on plain files.
 */
public final class PreviousReleases {
    private final RepositorySystem system;
    private final RepositorySystemSession session;
    private final List<RemoteRepository> repositories;

    public PreviousReleases(RepositorySystem system, RepositorySystemSession session, List<RemoteRepository> repositories) {
        this.system = system;
        this.session = session;
        this.repositories = List.copyOf(repositories);
    }

    /** A release that was found and downloaded. */
    public record Resolved(String coordinates, Path jar) {}

    /** A release in the window whose jar could not be had, and why. */
    public record Unresolved(String coordinates, String reason) {}

    /**
     * @param resolved newest first
     * @param unresolved newest first
     */
    public record Lookup(List<Resolved> resolved, List<Unresolved> unresolved) {}

    /**
     * The {@code count} highest released (non-SNAPSHOT) versions below {@code currentVersion} of
     * {@code groupId:artifactId:jar:classifier}, newest first.
     *
     * @throws VersionRangeResolutionException if the repositories can't be asked at all
     */
    public Lookup find(String groupId, String artifactId, String classifier, String currentVersion, int count)
            throws VersionRangeResolutionException {
        Artifact range = new DefaultArtifact(groupId, artifactId, classifier, "jar", "[0," + currentVersion + ")");
        VersionRangeResult versions =
                system.resolveVersionRange(session, new VersionRangeRequest(range, repositories, null));
        List<Version> all = versions.getVersions(); // ascending
        List<Resolved> resolved = new ArrayList<>();
        List<Unresolved> unresolved = new ArrayList<>();
        int taken = 0;
        for (int i = all.size() - 1; i >= 0 && taken < count; i--) {
            Artifact artifact = range.setVersion(all.get(i).toString());
            if (artifact.isSnapshot()) {
                continue; // a snapshot was never released, so no page can refer to it
            }
            taken++;
            String coordinates = artifact.toString();
            try {
                Path jar = system.resolveArtifact(session, new ArtifactRequest(artifact, repositories, null))
                        .getArtifact()
                        .getFile()
                        .toPath();
                resolved.add(new Resolved(coordinates, jar));
            } catch (ArtifactResolutionException e) {
                unresolved.add(new Unresolved(coordinates, e.getMessage()));
            }
        }
        return new Lookup(List.copyOf(resolved), List.copyOf(unresolved));
    }
}
