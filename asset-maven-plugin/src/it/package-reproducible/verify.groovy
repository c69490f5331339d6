import groovy.json.JsonSlurper
import java.security.MessageDigest
import java.time.LocalDateTime
import java.util.zip.ZipEntry
import java.util.zip.ZipFile

def first = new File(basedir, 'target/first/package-reproducible-1.0-assets.jar')
def second = new File(basedir, 'target/second/package-reproducible-1.0-assets.jar')
assert first.isFile() && second.isFile()

def sha256 = { bytes -> MessageDigest.getInstance('SHA-256').digest(bytes).encodeHex().toString() }
assert sha256(first.bytes) == sha256(second.bytes): 'two clean builds gave different assets jars'

new ZipFile(first).withCloseable { zip ->
    def manifest = new JsonSlurper().parse(zip.getInputStream(zip.getEntry('META-INF/assets/manifest.json')))
    def listed = ['manifest.json']
    manifest.assets.values().each { entry -> listed << entry.path; entry.encodings.values().each { listed << it.path } }
    assert manifest.assets.keySet().containsAll(['css/site.css', 'js/app.js', 'img/logo.svg'])
    assert manifest.assets.values().any { !it.encodings.isEmpty() }   // precompressed variants are packed too

    // Exactly the manifest and the files it lists, under META-INF/assets/, sorted; no MANIFEST.MF.
    def names = zip.entries().toList()*.name
    assert names == listed.collect { 'META-INF/assets/' + it }.sort(): "entries ${names}"
    zip.entries().each { ZipEntry e ->
        assert e.method == ZipEntry.STORED: e.name
        assert e.timeLocal == LocalDateTime.of(2026, 2, 3, 4, 5, 6): e.name   // project.build.outputTimestamp
        def bytes = zip.getInputStream(e).bytes
        assert bytes == new File(basedir, 'target/first/classes/' + e.name).bytes: e.name
        def entry = manifest.assets.values().find { it.path == e.name - 'META-INF/assets/' }
        if (entry) assert sha256(bytes) == entry.sha256: e.name
    }
}

def log = new File(basedir, 'build.log').text
assert log =~ /Assets jar .*first.package-reproducible-1\.0-assets\.jar: \d+ entries, \d+ bytes, sha256 ${sha256(first.bytes)}/
assert log =~ /Assets jar .*second.package-reproducible-1\.0-assets\.jar: \d+ entries, \d+ bytes, sha256 ${sha256(first.bytes)}/
return true
