import groovy.json.JsonSlurper
import java.security.MessageDigest

def log = new File(basedir, 'build.log').text
def out = new File(basedir, 'target/classes/META-INF/assets')
def first = new File(basedir, 'first-build')

def manifest = new JsonSlurper().parse(new File(out, 'manifest.json'))
assert manifest.version == 1
assert manifest.buildTime == '2026-01-01T00:00:00Z'
assert manifest.assets.keySet() as List == ['css/site.css', 'css/site.css.map', 'fonts/brand.woff2',
        'img/logo.svg', 'js/main.js', 'js/main.js.map']

// Every listed file is there with its size and SHA-256.
def sha256 = { File f -> MessageDigest.getInstance('SHA-256').digest(f.bytes).encodeHex().toString() }
manifest.assets.each { logical, e ->
    def f = new File(out, e.path)
    assert f.length() == e.size : logical
    assert sha256(f) == e.sha256 : logical
    e.encodings.each { enc, v -> assert sha256(new File(out, v.path)) == v.sha256 }
}

def css = manifest.assets['css/site.css']
assert css.path ==~ /css\/site-[0-9a-f]{12}\.css/
def cssText = new File(out, css.path).text
assert cssText.contains('--bs-primary: #7b2d8e') : 'custom Bootstrap variable applied'
assert cssText.contains('.brand-title{color:#7b2d8e') : 'partial compiled'
assert cssText.contains('url("../' + manifest.assets['img/logo.svg'].path + '")')
assert cssText.contains('url("../' + manifest.assets['fonts/brand.woff2'].path + '?v=2#brand")')
assert cssText.contains('sourceMappingURL=' + manifest.assets['css/site.css.map'].path.substring(4))
assert css.encodings.keySet() as List == ['br', 'gzip', 'zstd']
assert css.integrity.startsWith('sha384-')
assert manifest.assets['fonts/brand.woff2'].encodings.isEmpty()

def js = new File(out, manifest.assets['js/main.js'].path).text
assert js.contains('Hello, ') && js.contains('jQuery') : 'entry bundled with jQuery from the WebJar and its project import'
assert !js.contains('import ')
assert !manifest.assets.containsKey('js/lib/greet.js')

// Build 2 (clean) is byte-identical to build 1.
def files = { File dir -> def m = [:]; dir.eachFileRecurse(groovy.io.FileType.FILES) { m[dir.toPath().relativize(it.toPath()).toString()] = sha256(it) }; m }
assert files(first) == files(out)

// Build 3: nothing changed.
assert log.contains('[INFO] assets are up to date')
assert log.count('assets (') == 2 : 'two builds did work, the third did not'
