import java.security.MessageDigest
import java.time.LocalDateTime
import java.util.zip.ZipEntry
import java.util.zip.ZipFile

def first = new File(basedir, 'target/first/package-reproducible-1.0-assets.jar')
def second = new File(basedir, 'target/second/package-reproducible-1.0-assets.jar')
assert first.isFile() && second.isFile()

def sha256 = { File f -> MessageDigest.getInstance('SHA-256').digest(f.bytes).encodeHex().toString() }
assert sha256(first) == sha256(second): 'two clean builds gave different assets jars'

def prebuilt = new File(basedir, 'src/prebuilt')
def expected = []
prebuilt.eachFileRecurse { if (it.isFile()) expected << prebuilt.toPath().relativize(it.toPath()).toString().replace('\\', '/') }
expected.sort()

new ZipFile(first).withCloseable { zip ->
    def names = zip.entries().toList()*.name
    assert names == expected: "entries ${names}"   // only META-INF/assets/**, sorted, no MANIFEST.MF
    zip.entries().each { ZipEntry e ->
        assert e.method == ZipEntry.STORED: e.name
        assert e.timeLocal == LocalDateTime.of(2026, 2, 3, 4, 5, 6): e.name   // project.build.outputTimestamp
        assert zip.getInputStream(e).bytes == new File(prebuilt, e.name).bytes: e.name
    }
}

def log = new File(basedir, 'build.log').text
assert log.contains('asset-maven-plugin') && log.contains(':package')
assert log =~ /Assets jar .*package-reproducible-1\.0-assets\.jar: 6 entries, \d+ bytes, sha256 ${sha256(first)}/
return true
