package io.assetpipe.plugin.carryforward;

import io.assetpipe.manifest.AssetEntry;
import io.assetpipe.manifest.AssetManifest;
import io.assetpipe.manifest.BundleFile;
import io.assetpipe.manifest.ManifestException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;

/**
 * Decides what a new bundle carries forward from earlier releases (pure: no I/O).
 *
 * <p>Rules, in order:
 * <ol>
 *   <li>A previous release is in the window unless {@code maxAge} is set and its {@code buildTime}
 *       is more than {@code maxAge} before the current bundle's {@code buildTime} (the reproducible
 *       build time, not the wall clock, so the result doesn't depend on when you build).
 *   <li>Every asset of a release in the window whose fingerprinted file the current bundle doesn't
 *       have becomes a {@code retired} entry, keyed by that path, with all its variants.
 *   <li>A release's own {@code retired} entries are carried too, except those that the oldest
 *       release in the window already lists as retired: a manifest doesn't record which release a
 *       retired file came from, and anything the oldest release in the window had already retired
 *       is older than the window. This keeps the size bounded (it never snowballs from release to
 *       release) while still covering a release inside the window that couldn't be resolved, as
 *       long as an older one in the window could (a newer release's retired entries hold its files).
 *   <li>When several releases hold the same file, the newest one's entry wins; the same path with
 *       a different SHA-256 is an error (fingerprints are content hashes, so that can't be honest).
 * </ol>
 * A retired entry's {@code sourceMap} is dropped: it names a logical path of the old release,
 * which means nothing in the new one (the map file itself is carried as an asset of its own).
 */
public final class RetiredAssets {
    private RetiredAssets() {}

    /**
     * What to carry forward.
     *
     * @param manifest the current manifest with its new {@code retired} map
     * @param sources for every file to copy into the bundle (identity and variant paths), the
     *     release to copy it from
     * @param carriedFrom the releases in the window, newest first
     * @param tooOld the releases left out by {@code maxAge}
     */
    public record Plan(
            AssetManifest manifest,
            Map<String, ReleaseBundle> sources,
            List<ReleaseBundle> carriedFrom,
            List<ReleaseBundle> tooOld) {

        /** Total size in bytes of the files carried forward. */
        public long carriedBytes() {
            return manifest.retired().values().stream()
                    .flatMap(entry -> entry.files().stream())
                    .mapToLong(BundleFile::size)
                    .sum();
        }
    }

    /**
     * @param current the bundle just built; any {@code retired} entries it already has (from an
     *     earlier {@code package} in the same {@code target/}) are replaced, not merged
     * @param previousNewestFirst the resolved previous releases, newest first
     * @throws CarryForwardException if two releases disagree about a file's content, or the result
     *     breaks the manifest contract
     */
    public static Plan plan(AssetManifest current, List<ReleaseBundle> previousNewestFirst, Optional<Duration> maxAge) {
        List<ReleaseBundle> window = new ArrayList<>();
        List<ReleaseBundle> tooOld = new ArrayList<>();
        Instant oldestAllowed = maxAge.map(age -> current.buildTime().minus(age)).orElse(Instant.MIN);
        for (ReleaseBundle release : previousNewestFirst) {
            (release.manifest().buildTime().isBefore(oldestAllowed) ? tooOld : window).add(release);
        }

        Set<String> currentFiles = new HashSet<>();
        current.assets().values().forEach(entry -> entry.files().forEach(file -> currentFiles.add(file.path())));
        Set<String> olderThanWindow = window.isEmpty()
                ? Set.of()
                : window.get(window.size() - 1).manifest().retired().keySet();

        Map<String, Carried> retired = new TreeMap<>();
        for (ReleaseBundle release : window) {
            for (AssetEntry entry : release.manifest().assets().values()) {
                carry(retired, currentFiles, entry, release);
            }
            for (AssetEntry entry : release.manifest().retired().values()) {
                if (!olderThanWindow.contains(entry.path())) {
                    carry(retired, currentFiles, entry, release);
                }
            }
        }

        Map<String, AssetEntry> entries = new TreeMap<>();
        Map<String, ReleaseBundle> sources = new LinkedHashMap<>();
        retired.forEach((path, carried) -> {
            entries.put(path, carried.entry());
            carried.entry().files().forEach(file -> sources.put(file.path(), carried.release()));
        });
        AssetManifest manifest;
        try {
            manifest = current.withRetired(entries);
        } catch (ManifestException e) {
            throw new CarryForwardException("cannot carry forward from " + names(window) + ": " + e.getMessage(), e);
        }
        return new Plan(manifest, sources, List.copyOf(window), List.copyOf(tooOld));
    }

    private record Carried(AssetEntry entry, ReleaseBundle release) {}

    private static void carry(Map<String, Carried> retired, Set<String> currentFiles, AssetEntry entry, ReleaseBundle release) {
        if (currentFiles.contains(entry.path())) {
            return; // still current: the file is in the new bundle anyway
        }
        Carried newer = retired.get(entry.path());
        if (newer == null) {
            retired.put(entry.path(), new Carried(entry.withSourceMap(null), release));
        } else if (!newer.entry().sha256().equals(entry.sha256())) {
            throw new CarryForwardException(entry.path() + " has sha256 " + newer.entry().sha256() + " in "
                    + newer.release().coordinates() + " but " + entry.sha256() + " in " + release.coordinates());
        }
    }

    private static List<String> names(List<ReleaseBundle> releases) {
        return releases.stream().map(ReleaseBundle::coordinates).toList();
    }
}
