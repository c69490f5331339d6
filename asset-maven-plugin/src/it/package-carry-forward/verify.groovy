import groovy.json.JsonSlurper
import java.util.zip.ZipFile

def v1Jar = new File(localRepositoryPath, 'io/assetpipe/it/carry-forward-app/1.0.0/carry-forward-app-1.0.0-assets.jar')
assert v1Jar.isFile(): 'release 1.0.0 was not installed with its assets jar'
def v1 = new File(basedir, 'v1/src/prebuilt/META-INF/assets')
def v1Css = 'css/site-74d94aede163.css'   // body{color:red}, changed in 2.0.0
def v1Logo = 'img/logo-6487549cb989.svg'  // unchanged, so still current in 2.0.0

def manifestOf = { ZipFile zip -> new JsonSlurper().parse(zip.getInputStream(zip.getEntry('META-INF/assets/manifest.json'))) }

def check = { File jar ->
    assert jar.isFile(): "${jar} missing"
    new ZipFile(jar).withCloseable { zip ->
        def manifest = manifestOf(zip)
        assert manifest.retired.keySet() == [v1Css] as Set: "retired ${manifest.retired.keySet()} in ${jar}"
        def retired = manifest.retired[v1Css]
        assert retired.path == v1Css
        assert retired.encodings.gzip.path == v1Css + '.gz'
        assert !manifest.assets.values()*.path.contains(v1Css)
        assert manifest.assets['img/logo.svg'].path == v1Logo
        for (path in [v1Css, v1Css + '.gz']) {
            def bytes = zip.getInputStream(zip.getEntry('META-INF/assets/' + path)).bytes
            assert bytes == new File(v1, path).bytes: "${path} differs from release 1.0.0's"
        }
        new ZipFile(v1Jar).withCloseable { old ->
            assert manifestOf(old).retired.isEmpty()
            assert zip.getInputStream(zip.getEntry('META-INF/assets/' + v1Css)).bytes ==
                   old.getInputStream(old.getEntry('META-INF/assets/' + v1Css)).bytes
        }
    }
}

// keepReleases=1: the assets jar and the ordinary jar (built after it from the same classes
// directory) both carry 1.0.0's stylesheet.
check(new File(basedir, 'v2/target/carry-forward-app-2.0.0-assets.jar'))
check(new File(basedir, 'v2/target/carry-forward-app-2.0.0.jar'))
// keepReleases=2: 0.9.0 can't be resolved, a warning; 1.0.0 is still carried.
check(new File(basedir, 'v2/target/keep2/carry-forward-app-2.0.0-assets.jar'))

def log = new File(basedir, 'build.log').text
assert log.contains('Carried forward 1 retired assets (2 files, ')
assert log.contains('[io.assetpipe.it:carry-forward-app:jar:assets:1.0.0]')
assert log =~ /\[WARNING\] Previous release io\.assetpipe\.it:carry-forward-app:jar:assets:0\.9\.0 could not be resolved/
return true
