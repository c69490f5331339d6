import groovy.json.JsonSlurper

def log = new File(basedir, 'build.log').text
def summaries = log.readLines().findAll { it.contains(' assets (') }
assert summaries.size() == 2 : summaries
assert summaries[0].contains('(2 compiled, 0 reused)') : summaries[0]
assert summaries[1].contains('(1 compiled, 1 reused)') : 'only the stylesheet importing the partial: ' + summaries[1]
assert log.readLines().count { it.startsWith('[INFO] assets are up to date') } == 2

def out = new File(basedir, 'target/classes/META-INF/assets')
def manifest = new JsonSlurper().parse(new File(out, 'manifest.json'))
assert new File(out, manifest.assets['css/uses-partial.css'].path).text.contains('#a50')
