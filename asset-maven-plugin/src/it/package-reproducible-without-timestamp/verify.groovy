import groovy.json.JsonSlurper
import java.security.MessageDigest
import java.time.LocalDateTime
import java.util.zip.ZipFile

def sha256 = { bytes -> MessageDigest.getInstance('SHA-256').digest(bytes).encodeHex().toString() }
def jars = ['utc', 'tokyo', 'los-angeles'].collect {
    new File(basedir, "target/${it}/package-reproducible-without-timestamp-1.0-assets.jar")
}
jars.each { assert it.isFile(): it }
assert jars.collect { sha256(it.bytes) }.unique().size() == 1: 'the time zone changed the assets jar'

new ZipFile(jars[0]).withCloseable { zip ->
    zip.entries().each { e ->
        assert e.timeLocal == LocalDateTime.of(1980, 2, 1, 0, 0): e.name   // the fixed, documented time
        assert e.extra == null: e.name                                      // no extended-timestamp field
    }
    def manifest = new JsonSlurper().parse(zip.getInputStream(zip.getEntry('META-INF/assets/manifest.json')))
    assert manifest.buildTime == '1980-02-01T00:00:00Z'
}

// Each build says once how to set the property.
def log = new File(basedir, 'build.log').text
assert log.readLines().count { it.startsWith('[INFO] project.build.outputTimestamp is not set') } == 3
return true
