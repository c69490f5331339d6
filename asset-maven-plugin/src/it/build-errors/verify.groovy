def log = new File(basedir, 'build.log').text
def sep = File.separator
// Both errors, from one run, each as path:line:column: message.
assert log =~ /src${sep}main${sep}assets${sep}css${sep}broken\.scss:3:\d+: Invalid CSS/
assert log =~ /src${sep}main${sep}assets${sep}js${sep}broken\.js:2:\d+: Parse error/
assert log.contains('asset:build failed with 2 errors')
// Each printed once, in Maven's failure report (invoker's -e adds a stack trace, whose lines are not [ERROR]s).
['broken.scss:3:', 'broken.js:2:'].each { at ->
    assert log.readLines().count { it.startsWith('[ERROR]') && it.contains(at) } == 1: at
}
assert log.contains('BUILD FAILURE')
assert !new File(basedir, 'target/classes/META-INF/assets').exists() : 'a failed build writes no bundle'
