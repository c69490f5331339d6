import groovy.json.JsonSlurper
import java.util.zip.ZipFile

def v1Jar = new File(localRepositoryPath, 'io/assetpipe/it/carry-forward-app/1.0.0/carry-forward-app-1.0.0-assets.jar')
assert v1Jar.isFile(): 'release 1.0.0 was not installed with its assets jar'

def manifestOf = { ZipFile zip -> new JsonSlurper().parse(zip.getInputStream(zip.getEntry('META-INF/assets/manifest.json'))) }
def bytesOf = { ZipFile zip, String path -> zip.getInputStream(zip.getEntry('META-INF/assets/' + path)).bytes }
def filesOf = { entry -> [entry.path] + entry.encodings.values()*.path }

def v1 = new ZipFile(v1Jar)
def v1Manifest = manifestOf(v1)
assert v1Manifest.retired.isEmpty()
def v1Css = v1Manifest.assets['css/site.css'].path
def v1Logo = v1Manifest.assets['img/logo.svg'].path

def check = { File jar ->
    assert jar.isFile(): "${jar} missing"
    new ZipFile(jar).withCloseable { zip ->
        def manifest = manifestOf(zip)
        def current = manifest.assets.values()*.path as Set
        // Everything 1.0.0 had that 2.0.0 doesn't: the changed stylesheet (and its source map).
        def expected = v1Manifest.assets.values()*.path.findAll { !current.contains(it) } as Set
        assert expected.contains(v1Css) && !current.contains(v1Css): 'the stylesheet did not change?'
        assert manifest.retired.keySet() == expected: "retired ${manifest.retired.keySet()} in ${jar}"
        assert manifest.assets['img/logo.svg'].path == v1Logo   // unchanged, so current, not retired
        def v1Entry = v1Manifest.assets.values().find { it.path == v1Css }
        def retired = manifest.retired[v1Css]
        assert retired.sha256 == v1Entry.sha256 && retired.encodings == v1Entry.encodings
        assert retired.sourceMap == null
        // The file bytes (identity and variants) are 1.0.0's own.
        manifest.retired.values().each { entry ->
            filesOf(entry).each { path -> assert bytesOf(zip, path) == bytesOf(v1, path): path }
        }
    }
}

// keepReleases=1: the assets jar and the ordinary jar (built after it from the same classes
// directory) both carry 1.0.0's stylesheet.
check(new File(basedir, 'v2/target/carry-forward-app-2.0.0-assets.jar'))
check(new File(basedir, 'v2/target/carry-forward-app-2.0.0.jar'))
// keepReleases=2: 0.9.0 can't be resolved, a warning; 1.0.0 is still carried.
check(new File(basedir, 'v2/target/keep2/carry-forward-app-2.0.0-assets.jar'))
v1.close()

def log = new File(basedir, 'build.log').text
assert log =~ /Carried forward \d+ retired assets \(\d+ files, \d+ bytes\) from \[io\.assetpipe\.it:carry-forward-app:jar:assets:1\.0\.0\]/
assert log =~ /\[WARNING\] Previous release io\.assetpipe\.it:carry-forward-app:jar:assets:0\.9\.0 could not be resolved/
return true
