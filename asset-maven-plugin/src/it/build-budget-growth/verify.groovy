import groovy.json.JsonSlurper
import java.util.zip.ZipFile

def v1Jar = new File(localRepositoryPath, 'io/assetpipe/it/growth-app/1.0.0/growth-app-1.0.0-assets.jar')
assert v1Jar.isFile(): 'release 1.0.0 was not installed with its assets jar'
def v1Css = new ZipFile(v1Jar).withCloseable { zip ->
    new JsonSlurper().parse(zip.getInputStream(zip.getEntry('META-INF/assets/manifest.json'))).assets['css/app.css']
}
def v2Css = new JsonSlurper().parse(new File(basedir, 'v2/target/classes/META-INF/assets/manifest.json')).assets['css/app.css']
def before = v1Css.encodings.br.size
def after = v2Css.encodings.br.size
def growth = String.format(Locale.ROOT, '%+.1f', (after - before) * 100.0 / before)
def bytes = { long n -> String.format(Locale.ROOT, '%,d B', n) }

def log = new File(basedir, 'build.log').text
// 1.0.0 had nothing before it; 2.0.0 is compared with 1.0.0 and fails its growth budget.
assert log.contains('[INFO] No previous release to compare with: no release of io.assetpipe.it:growth-app below 1.0.0')
def message = "css/app.css grew ${growth} % brotli (${bytes(before)} to ${bytes(after)}) since" +
        " io.assetpipe.it:growth-app:jar:assets:1.0.0, over maxGrowthPercent 5 (budget css/app.css); largest" +
        " contributors of its ${bytes(v2Css.size)} raw: css/app.scss "
assert log.contains('[ERROR]   ' + message) : message // once, in Maven's failure report
assert log.contains('asset:build: 1 size budget exceeded:')
// The other limits held: css/app.css's brotli bytes, and js/** grew by less than 50 %.
assert log.contains('[INFO] Size budgets: 3 limits checked, 1 exceeded')
assert log.contains('[INFO] Biggest changes since io.assetpipe.it:growth-app:jar:assets:1.0.0 in bytes')

// The report was written before the build failed, comparing with 1.0.0.
def page = new File(basedir, 'v2/target/assetpipe/report.html').text
assert page.contains('"coordinates":"io.assetpipe.it:growth-app:jar:assets:1.0.0"')
return true
