import groovy.json.JsonSlurper

def log = new File(basedir, 'build.log').text
def work = new File(basedir, 'target/assetpipe')
def manifest = new JsonSlurper().parse(new File(basedir, 'target/classes/META-INF/assets/manifest.json'))
def js = manifest.assets['js/app.js']
def gzip = String.format(Locale.ROOT, '%,d', js.encodings.gzip.size)

// 1. Within budget: the report files, the log table and the budgets' line.
assert new File(work, 'report.html').isFile()
def meta = new JsonSlurper().parse(new File(work, 'meta.json'))
assert meta.outputs[js.path].bytes == js.size
assert meta.outputs[js.path].inputs.keySet().any { it.startsWith('webjars/jquery/') }
assert log.contains('[INFO] Largest assets in bytes (raw / gzip / brotli / zstd), 2 of 2:')
assert log.contains('[INFO] No previous release to compare with: no release of io.assetpipe.it:build-budgets below 1.0')
// js/** gzip; css/*.css brotli, and its growth could not be checked (no previous release): a note
assert log.contains('[INFO] Size budgets: 2 limits checked, all within')
assert log.contains('[INFO] maxGrowthPercent 5 of budget css/*.css not checked: no release of io.assetpipe.it:build-budgets')

// 2. The same bundle, up to date, against 1,000 gzip bytes: the build fails, naming the asset,
//    the limit, the size and the three largest contributors.
assert log.contains('[INFO] assets are up to date')
def breach = ~/js\/app\.js is ${gzip} B gzip, over maxGzipBytes 1,000 \(budget js\/\*\*\); largest contributors of its [\d,]+ B raw: jquery \(WebJar\) [\d,]+ B \(9\d\.\d %\), .+ B \(\d\.\d %\), .+ B \(\d\.\d %\)$/
assert log.readLines().any { it.startsWith('[ERROR] ') && it =~ breach } : 'the breach at ERROR'
assert log.contains('asset:build: 1 size budget exceeded:')
assert log.contains('-Dassetpipe.budgets.warnOnly=true reports this as a warning instead')

// 3. warnOnly: the same breach as a warning, and the build passed (invoker checks the result).
assert log.readLines().any { it.startsWith('[WARNING] Size budget exceeded (assetpipe.budgets.warnOnly): ') && it =~ breach }
return true
