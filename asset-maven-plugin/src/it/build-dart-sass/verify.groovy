import groovy.json.JsonSlurper

def log = new File(basedir, 'build.log').text
def lines = log.readLines()
def summaries = lines.findAll { it.contains(' assets (') }
assert summaries.size() == 2 : summaries
assert summaries[0].contains('(2 compiled, 0 reused)') : summaries[0]
assert summaries[1].contains('(1 compiled, 1 reused)') : 'only the stylesheet using the brand module: ' + summaries[1]
assert lines.count { it.startsWith('[INFO] assets are up to date') } == 1

// The project's two @imports: one warning, summed up, in each full build of legacy.scss.
def legacy = new File(basedir, 'src/main/assets/css/legacy.scss').canonicalPath
def warnings = lines.findAll { it.startsWith('[WARNING] ') && it.contains('deprecation import') }
assert warnings.size() == 1 : warnings
assert warnings[0] == "[WARNING] ${legacy}:2:9: deprecation import: Sass @import rules are deprecated and will be removed in Dart Sass 3.0.0. More info and automated migrator: https://sass-lang.com/d/import (2 times in this file, also at 3:9)".toString() : warnings[0]

def out = new File(basedir, 'target/classes/META-INF/assets')
def manifest = new JsonSlurper().parse(new File(out, 'manifest.json'))
def css = new File(out, manifest.assets['css/site.css'].path).text
assert css.contains('--bulma-primary-h:30deg') : 'the edited brand colour reached Bulma: ' + css.take(400)
assert css.contains('url("../' + manifest.assets['img/contours.svg'].path + '")') : 'url() rewritten'
