import groovy.json.JsonSlurper

def log = new File(basedir, 'build.log').text
def sep = File.separator
assert log =~ /src${sep}main${sep}assets${sep}js${sep}app\.js:1:\d+: Parse error/
assert log =~ /src${sep}main${sep}assets${sep}css${sep}partials${sep}_colors\.scss:2:\d+: references "..\/img\/missing.png"/
assert log.readLines().count { it.startsWith('[INFO] assets are up to date') } == 2
def summaries = log.readLines().findAll { it.contains(' assets (') }
assert summaries.size() == 6 : summaries
assert summaries[1].contains('(1 compiled, 1 reused)') : summaries[1]
assert summaries[4].contains('(1 compiled, 1 reused)') : summaries[4]

// After each sequence the bundle is, byte for byte, the one a clean build of the same sources makes.
[['syntax-error', '"two"'], ['missing-reference', '"three"']].each { String name, String title ->
    def incremental = new File(basedir, "target/${name}/classes/META-INF/assets")
    def clean = new File(basedir, "target/${name}-clean/classes/META-INF/assets")
    assert new File(incremental, 'manifest.json').bytes == new File(clean, 'manifest.json').bytes : name
    def manifest = new JsonSlurper().parse(new File(incremental, 'manifest.json'))
    manifest.assets.values().each { entry ->
        assert new File(incremental, entry.path).bytes == new File(clean, entry.path).bytes : entry.path
    }
    def css = new File(incremental, manifest.assets['css/site.css'].path).text
    assert css.contains('#123') && !css.contains('c0ffee') && !css.contains('missing') : css
    assert new File(incremental, manifest.assets['js/app.js'].path).text.contains(title)
}
return true
